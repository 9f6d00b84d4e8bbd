import { TICKET_DETAIL, TICKET_SUMMARY } from './fragments'

/**
 * The staff, department and mediator screens: sign-in, the inbox, a ticket with its handling
 * actions, and the lists the forms pick from. Each handling mutation answers the whole ticket.
 * A document never interpolates a fragment twice (the server refuses duplicate fragment names).
 */
export const STAFF_TICKET_SUMMARY = /* GraphQL */ `
  ${TICKET_SUMMARY}
  fragment StaffTicketSummary on Ticket {
    ...TicketSummary
    assignee {
      id
      name
    }
    dispatchTarget {
      id
      name
    }
    hotlineOrder {
      orderNo
    }
    availableActions
  }
`

/** The 12345 work order behind a ticket: its number and the hotline's deadlines (sign, contact, resolve). */
export const HOTLINE_ORDER_FIELDS = /* GraphQL */ `
  fragment HotlineOrderFields on HotlineOrderView {
    orderNo
    confidential
    signBy
    contactBy
    resolveBy
    contactedAt
    redoCount
    state
  }
`

export const STAFF_TICKET_DETAIL = /* GraphQL */ `
  ${TICKET_DETAIL}
  ${HOTLINE_ORDER_FIELDS}
  fragment StaffTicketDetail on Ticket {
    ...TicketDetail
    dispatchTarget {
      id
      name
    }
    hotlineOrder {
      ...HotlineOrderFields
    }
  }
`

export const STAFF_LOGIN = /* GraphQL */ `
  mutation StaffLogin($phone: String!, $password: String!) {
    loginWithPassword(phone: $phone, password: $password) {
      token
      expiresAt
      me {
        id
        name
      }
    }
  }
`

export const STAFF_ME = /* GraphQL */ `
  query StaffMe {
    me {
      id
      name
      roles
      assignments {
        role
        complexId
        unitId
        areaId
      }
    }
  }
`

/**
 * One request for the inbox: the active tab's 30 most urgent tickets in full, and up to five tabs'
 * first 50 as ids only (a tab's count is its length, "50+" beyond). Unused slots are skipped by
 * @include. Its cost (30 × StaffTicketSummary + 5 × 50 ids ≈ 1600) stays under the server's cap of
 * 2000: a longer page or more fields per ticket need a second request.
 */
export const INBOX_TABS = /* GraphQL */ `
  ${STAFF_TICKET_SUMMARY}
  query InboxTabs(
    $active: InboxFilterInput!
    $f0: InboxFilterInput
    $f1: InboxFilterInput
    $f2: InboxFilterInput
    $f3: InboxFilterInput
    $f4: InboxFilterInput
    $with0: Boolean!
    $with1: Boolean!
    $with2: Boolean!
    $with3: Boolean!
    $with4: Boolean!
  ) {
    active: inbox(filter: $active, first: 30) {
      nodes {
        ...StaffTicketSummary
      }
    }
    c0: inbox(filter: $f0, first: 50) @include(if: $with0) {
      nodes {
        id
      }
    }
    c1: inbox(filter: $f1, first: 50) @include(if: $with1) {
      nodes {
        id
      }
    }
    c2: inbox(filter: $f2, first: 50) @include(if: $with2) {
      nodes {
        id
      }
    }
    c3: inbox(filter: $f3, first: 50) @include(if: $with3) {
      nodes {
        id
      }
    }
    c4: inbox(filter: $f4, first: 50) @include(if: $with4) {
      nodes {
        id
      }
    }
  }
`

export const STAFF_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  query StaffTicket($id: ID!) {
    ticket(id: $id) {
      ...StaffTicketDetail
    }
  }
`

export const HANDLERS = /* GraphQL */ `
  query Handlers($complexId: Int!) {
    handlers(complexId: $complexId) {
      id
      name
      role
      openCount
    }
  }
`

/** Whom the caller may give the ticket to now (受理并指派 before acceptance, 指派 after): the server's choice list. */
export const ASSIGNEES = /* GraphQL */ `
  query Assignees($ticketId: ID!) {
    assignees(ticketId: $ticketId) {
      id
      name
      role
      openCount
    }
  }
`

/** The inbox search box: the tickets a typed number means, those the caller may see. */
export const SEARCH_TICKET_NUMBER = /* GraphQL */ `
  ${STAFF_TICKET_SUMMARY}
  query SearchTicketNumber($query: String!) {
    searchTicketNumber(query: $query) {
      ...StaffTicketSummary
    }
  }
`

export const DISPATCH_TARGETS = /* GraphQL */ `
  query DispatchTargets($ticketId: ID) {
    dispatchTargets(ticketId: $ticketId) {
      id
      name
      kind
    }
  }
`

export const REPLY_TEMPLATES = /* GraphQL */ `
  query ReplyTemplates($complexId: Int) {
    replyTemplates(complexId: $complexId) { id title body }
  }
`

export const HANDLING_PHRASES = /* GraphQL */ `
  query HandlingPhrases($categoryCode: String!) {
    handlingPhrases(categoryCode: $categoryCode) {
      replies
      refuseReasons
      returnReasons
    }
  }
`

export const REVEAL_CONTACT = /* GraphQL */ `
  mutation RevealContact($ticketId: ID!) {
    revealContact(ticketId: $ticketId) {
      phone
      name
    }
  }
`

export const ACCEPT_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation AcceptTicket($input: AcceptTicketInput!) {
    acceptTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const REFUSE_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation RefuseTicket($input: RefuseTicketInput!) {
    refuseTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const ASSIGN_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation AssignTicket($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const START_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation StartTicket($input: NoteInput!) {
    startTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const ADD_PROGRESS = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation AddProgress($input: ProgressInput!) {
    addProgress(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const DISPATCH_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation DispatchTicket($input: DispatchTicketInput!) {
    dispatchTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const ACCEPT_DISPATCH = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation AcceptDispatch($input: NoteInput!) {
    acceptDispatch(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const RETURN_DISPATCH = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation ReturnDispatch($input: ReasonInput!) {
    returnDispatch(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const RESOLVE_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation ResolveTicket($input: ResolveTicketInput!) {
    resolveTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const RECORD_MEDIATION = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation RecordMediation($input: RecordMediationInput!) {
    recordMediation(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const STAFF_COMMENT_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation StaffCommentTicket($input: CommentTicketInput!) {
    commentTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

/** 12345: the caller of a hotline order (a confidential one for the designated contact alone; each look logged). */
export const REVEAL_HOTLINE_CALLER = /* GraphQL */ `
  mutation RevealHotlineCaller($ticketId: ID!) {
    revealHotlineCaller(ticketId: $ticketId) {
      phone
      name
    }
  }
`

export const RECORD_HOTLINE_CONTACT = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation RecordHotlineContact($input: HotlineContactInput!) {
    recordHotlineContact(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const REQUEST_HOTLINE_RETURN = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation RequestHotlineReturn($input: HotlineReturnInput!) {
    requestHotlineReturn(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const REQUEST_HOTLINE_EXTENSION = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation RequestHotlineExtension($input: HotlineExtensionInput!) {
    requestHotlineExtension(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const RECLASSIFY_TICKET = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation ReclassifyTicket($input: ReclassifyTicketInput!) {
    reclassifyTicket(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const REQUEST_OWNER_INFO = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation RequestOwnerInfo($input: RequestInfoInput!) {
    requestOwnerInfo(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const REQUEST_EXTENSION = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation RequestExtension($input: RequestExtensionInput!) {
    requestExtension(input: $input) {
      ...StaffTicketDetail
    }
  }
`

export const DECIDE_EXTENSION = /* GraphQL */ `
  ${STAFF_TICKET_DETAIL}
  mutation DecideExtension($input: DecideExtensionInput!) {
    decideExtension(input: $input) {
      ...StaffTicketDetail
    }
  }
`
