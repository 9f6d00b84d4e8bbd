/** Subscriptions over graphql-ws (features/live/live-client): ticket changes and new notifications. */
export const TICKET_CHANGED = /* GraphQL */ `
  subscription TicketChanged($filter: TicketChangedFilter) {
    ticketChanged(filter: $filter) {
      ticketId
      number
      action
      toStatus
      version
    }
  }
`

export const NOTIFICATION_ADDED = /* GraphQL */ `
  subscription NotificationAdded {
    notificationAdded {
      id
      kind
      title
    }
  }
`
