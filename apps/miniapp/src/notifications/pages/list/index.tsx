import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { staffZh } from '../../../i18n/staff-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { formatTime } from '../../../features/tickets/format'
import { staffSession } from '../../../features/staff/staff-session'
import type { NotificationAddedSubscription, NotificationKind } from '@msb/shared-types'
import { zh } from '../../../i18n/zh'
import { live } from '../../../features/live/live-client'
import { NOTIFICATION_ADDED } from '../../../services/api/documents/live'
import { useQuery } from '../../../features/common/use-query'
import { routes } from '../../../routes'
import { markRead, notifications, type NotificationItem } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

/** The SLA engine's notices stand out: near a deadline in amber, past it in red. */
const KIND_TONE: Partial<Record<NotificationKind, 'warn' | 'alert'>> = {
  SLA_WARNING: 'warn',
  SLA_BREACH: 'alert',
  SLA_ESCALATION: 'alert',
  EMERGENCY_REPORTED: 'alert',
}

/** Where a notice about a ticket opens, by the reader's role. */
function ticketPage(ticketId: string): string {
  const roles = staffSession.get()?.roles ?? []
  if (roles.includes('STAFF') || roles.includes('PROJECT_MANAGER') || roles.includes('DEPT_HANDLER') || roles.includes('DEPT_HEAD')) return routes.staffTicket(ticketId)
  if (roles.includes('MEDIATOR')) return routes.mediatorRecord(ticketId)
  return routes.ticket(ticketId)
}

/** The notification centre: newest first, unread marked, tap to open (and mark read), mark all read. */
export default function NotificationList() {
  const { state, reload: load } = useQuery(() => notifications(), [])
  useEffect(() => live.subscribe<NotificationAddedSubscription>(NOTIFICATION_ADDED, {}, () => void load()), [load])

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={load} />
  const { unreadCount: unread, nodes } = state.data

  const open = async (n: NotificationItem) => {
    if (!n.readAt) markRead({ ids: [n.id] }).then(load, () => {})
    if (n.ticketId) Taro.navigateTo({ url: ticketPage(n.ticketId) })
  }

  return (
    <View className='staff' id='page-notifications'>
      <View className='staff__bar'>
        <Text className='staff__hello'>{staffZh.notifications.unread} {unread}</Text>
        {unread > 0 ? <View id='notifications-mark-all' className='staff__bell' onClick={() => markRead({ all: true }).then(load, () => {})}>{staffZh.notifications.markAll}</View> : null}
      </View>
      {nodes.length === 0 ? <EmptyState text={staffZh.notifications.empty} /> : null}
      {nodes.map((n) => (
        <View key={n.id} id={`notice-${n.id}`} data-kind={n.kind} className={`notice${n.readAt ? '' : ' notice--unread'}`} onClick={() => open(n)}>
          <View className='notice__head'>
            <Text className={`notice__kind notice__kind--${KIND_TONE[n.kind] ?? 'info'}`} id={`notice-kind-${n.id}`}>{zh.notificationKinds[n.kind] ?? n.kind}</Text>
            <Text className='notice__time'>{formatTime(n.createdAt)}</Text>
          </View>
          <Text className='notice__title'>{n.title}</Text>
          <Text className='notice__body'>{n.body}</Text>
        </View>
      ))}
    </View>
  )
}
