import { STAFF_TICKET_DETAIL, STAFF_TICKET_SUMMARY } from './staff'

/**
 * "Me too" and duplicates (issue 13 §5), and bulk assignment (§9). Other owners' reports come as PublicTicket:
 * category, a short summary, status — never who filed them or where they live.
 */
export const PUBLIC_TICKET_FIELDS = /* GraphQL */ `
  fragment PublicTicketFields on PublicTicket {
    id
    number
    summary
    spotName
    status
    supporterCount
    following
    createdAt
    category {
      code
      name
      emergency
      parentCode
    }
  }
`

export const SIMILAR_TICKETS = /* GraphQL */ `
  ${PUBLIC_TICKET_FIELDS}
  query SimilarTickets($qrToken: String!, $categoryCode: String!) {
    similarTickets(qrToken: $qrToken, categoryCode: $categoryCode) {
      ...PublicTicketFields
    }
  }
`

export const SUPPORT_TICKET = /* GraphQL */ `
  ${PUBLIC_TICKET_FIELDS}
  mutation SupportTicket($input: SupportTicketInput!) {
    supportTicket(input: $input) {
      ...PublicTicketFields
    }
  }
`

export const FOLLOWED_TICKETS = /* GraphQL */ `
  ${PUBLIC_TICKET_FIELDS}
  query FollowedTickets {
    followedTickets(first: 20) {
      ...PublicTicketFields
    }
  }
`

export const PUBLIC_TICKET = /* GraphQL */ `
  ${PUBLIC_TICKET_FIELDS}
  query PublicTicket($id: ID!) {
    publicTicket(id: $id) {
      ...PublicTicketFields
      updatedAt
      progress {
        status
        at
      }
    }
  }
`

/** Open tickets of the same complex a duplicate may go into (the inbox, filtered). */
export const MERGE_CANDIDATES = /* GraphQL */ `
  ${STAFF_TICKET_SUMMARY}
  query MergeCandidates($filter: InboxFilterInput!) {
    inbox(filter: $filter, first: 20) {
      nodes {
        ...StaffTicketSummary
      }
    }
  }
`

export const MERGE_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation MergeTicket($input: MergeTicketInput!) {
    mergeTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const UNMERGE_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation UnmergeTicket($input: ReasonInput!) {
    unmergeTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const BULK_ASSIGN = /* GraphQL */ `
  mutation BulkAssignTickets($input: BulkAssignInput!) {
    bulkAssignTickets(input: $input) {
      ticketId
      ok
      code
      message
      ticket {
        id
        number
        version
      }
    }
  }
`
