import { TICKET_DETAIL, TICKET_SUMMARY } from './fragments'

/** The owner's tickets: file, list, read, and the owner's actions (each answers the whole ticket). */
export const REPORT_TICKET = /* GraphQL */ `
  ${TICKET_SUMMARY}
  mutation ReportTicket($input: ReportTicketInput!) {
    reportTicket(input: $input) {
      ...TicketSummary
    }
  }
`

export const MY_TICKETS = /* GraphQL */ `
  ${TICKET_SUMMARY}
  query MyTickets($first: Int, $after: String) {
    myTickets(first: $first, after: $after) {
      nodes {
        ...TicketSummary
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`

export const TICKET = /* GraphQL */ `
  ${TICKET_DETAIL}
  query Ticket($id: ID!) {
    ticket(id: $id) {
      ...TicketDetail
    }
  }
`

export const WITHDRAW_TICKET = /* GraphQL */ `
  ${TICKET_DETAIL}
  mutation WithdrawTicket($input: OptionalReasonInput!) {
    withdrawTicket(input: $input) {
      ...TicketDetail
    }
  }
`

export const COMMENT_TICKET = /* GraphQL */ `
  ${TICKET_DETAIL}
  mutation CommentTicket($input: CommentTicketInput!) {
    commentTicket(input: $input) {
      ...TicketDetail
    }
  }
`

export const RATE_TICKET = /* GraphQL */ `
  ${TICKET_DETAIL}
  mutation RateTicket($input: RateTicketInput!) {
    rateTicket(input: $input) {
      ...TicketDetail
    }
  }
`

export const REOPEN_TICKET = /* GraphQL */ `
  ${TICKET_DETAIL}
  mutation ReopenTicket($input: ReasonInput!) {
    reopenTicket(input: $input) {
      ...TicketDetail
    }
  }
`

export const REQUEST_MEDIATION = /* GraphQL */ `
  ${TICKET_DETAIL}
  mutation RequestMediation($input: ReasonInput!) {
    requestMediation(input: $input) {
      ...TicketDetail
    }
  }
`

/** 待补充: the owner's answer (text and photos). */
export const SUPPLY_OWNER_INFO = /* GraphQL */ `
  ${TICKET_DETAIL}
  mutation SupplyOwnerInfo($input: SupplyInfoInput!) {
    supplyOwnerInfo(input: $input) {
      ...TicketDetail
    }
  }
`

/** 催办: once per window per ticket. */
export const URGE_TICKET = /* GraphQL */ `
  ${TICKET_DETAIL}
  mutation UrgeTicket($input: UrgeTicketInput!) {
    urgeTicket(input: $input) {
      ...TicketDetail
    }
  }
`
