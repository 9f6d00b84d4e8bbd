/** 公示: a complex's last 12 months of figures, public to anyone holding its QR link (the same figures oversight sees). */
export const PUBLIC_FIGURES = /* GraphQL */ `
  query PublicFigures($token: String!) {
    complexByQrToken(token: $token) {
      complex {
        id
        name
        address
        communityName
        companyName
      }
      publicFigures {
        months {
          month
          figures {
            counts {
              filed
              resolved
              rated
            }
            rates {
              response
              resolution
              satisfaction
              resolvedOnTime
            }
          }
        }
        topCategories {
          key
          name
          figures {
            counts {
              filed
            }
          }
        }
      }
    }
  }
`
