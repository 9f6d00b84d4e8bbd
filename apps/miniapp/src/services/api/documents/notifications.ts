/** The in-app notification centre (every signed-in role): list, unread count, mark read. */
export const NOTIFICATION_FIELDS = /* GraphQL */ `
  fragment NotificationFields on Notification {
    id
    kind
    title
    body
    ticketId
    readAt
    createdAt
  }
`

export const NOTIFICATIONS = /* GraphQL */ `
  ${NOTIFICATION_FIELDS}
  query Notifications($first: Int, $after: String) {
    notifications(first: $first, after: $after) {
      unreadCount
      nodes {
        ...NotificationFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`

export const UNREAD_NOTIFICATION_COUNT = /* GraphQL */ `
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`

export const MARK_NOTIFICATIONS_READ = /* GraphQL */ `
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`
