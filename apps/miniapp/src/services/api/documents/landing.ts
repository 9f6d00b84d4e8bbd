/** What a scanned QR points at, the 公示 figures, and the categories an owner can file under. Both public. */
export const LANDING = /* GraphQL */ `
  query Landing($token: String!) {
    complexByQrToken(token: $token) {
      complex {
        id
        name
        address
        communityName
        companyName
      }
      spot {
        id
        name
        kind
        buildingId
      }
      buildings {
        id
        name
      }
      figures {
        month
        filed
        resolved
        rated
        satisfactionRate
      }
    }
  }
`

export const CATEGORIES = /* GraphQL */ `
  query Categories {
    categories {
      code
      name
      emergency
      advice
      parentCode
      defaultPriority
    }
  }
`
