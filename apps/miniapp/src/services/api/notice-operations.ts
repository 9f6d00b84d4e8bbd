/**
 * The owner's notices (issue 12 §1): the same notification centre staff use, read by owners —
 * unread count for the badges, the list, mark read. Kept apart from staff-operations so the owner's
 * pages do not pull the staff documents in.
 */
import type {
  MarkNotificationsReadInput, MarkNotificationsReadMutation, NotificationFieldsFragment, NotificationsQuery,
  NotificationsQueryVariables, UnreadNotificationCountQuery,
} from '@msb/shared-types'
import { api } from './client'
import { MARK_NOTIFICATIONS_READ, NOTIFICATIONS, UNREAD_NOTIFICATION_COUNT } from './documents/notifications'

export type OwnerNotice = NotificationFieldsFragment

export const ownerUnreadCount = () => api.request<UnreadNotificationCountQuery>(UNREAD_NOTIFICATION_COUNT).then((d) => d.unreadNotificationCount)

export const ownerNotices = (after?: string | null, first = 30) =>
  api.request<NotificationsQuery, NotificationsQueryVariables>(NOTIFICATIONS, { first, after: after ?? null }).then((d) => d.notifications)

export const markNoticesRead = (input: MarkNotificationsReadInput) =>
  api.request<MarkNotificationsReadMutation, { input: MarkNotificationsReadInput }>(MARK_NOTIFICATIONS_READ, { input }).then((d) => d.markNotificationsRead)
