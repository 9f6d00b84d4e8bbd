import { CLOCK_FIELDS } from './fragments'

/** 分享给家人: the reporter's read-only family links, and what a link shows (no sign-in needed). */
export const SHARE_TICKET = /* GraphQL */ `
  mutation ShareTicket($ticketId: ID!) {
    shareTicket(ticketId: $ticketId) {
      token
      expiresAt
      path
      url
    }
  }
`

export const STOP_SHARING_TICKET = /* GraphQL */ `
  mutation StopSharingTicket($ticketId: ID!) {
    stopSharingTicket(ticketId: $ticketId)
  }
`

export const TICKET_SHARING = /* GraphQL */ `
  query TicketSharing($ticketId: ID!) {
    ticketSharing(ticketId: $ticketId) {
      active
      until
    }
  }
`

export const SHARED_TICKET = /* GraphQL */ `
  ${CLOCK_FIELDS}
  query SharedTicket($token: String!) {
    sharedTicket(token: $token) {
      number
      status
      categoryName
      complexName
      spotName
      text
      createdAt
      expiresAt
      timeline {
        action
        label
        toStatus
        at
        note
      }
      clocks {
        ...ClockFields
      }
    }
  }
`
