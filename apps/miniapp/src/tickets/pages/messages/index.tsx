import { useEffect } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ErrorCode, NotificationKind, type NotificationAddedSubscription } from '@msb/shared-types'
import { Text, View } from '@tarojs/components'
import { zh } from '../../../i18n/zh'
import { formatTime } from '../../../features/tickets/format'
import { useQuery } from '../../../features/common/use-query'
import { live } from '../../../features/live/live-client'
import { NOTIFICATION_ADDED } from '../../../services/api/documents/live'
import { markNoticesRead, ownerNotices, type OwnerNotice } from '../../../services/api/notice-operations'
import { goToLogin, session } from '../../../services/auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { OwnerHeader } from '../../../components/owner-header'
import { routes } from '../../../routes'
import { useElderMode } from '../../../features/elder/use-elder-mode'
import './index.css'

/** The owner's messages (issue 12 §1): accepted, resolved, rating due … newest first, live; tap opens the ticket. */
export default function OwnerMessages() {
  const { state, reload } = useQuery(() => ownerNotices(), [])
  const elder = useElderMode()
  useEffect(() => {
    if (!session.isSignedIn()) return void goToLogin()
    return live.subscribe<NotificationAddedSubscription>(NOTIFICATION_ADDED, {}, () => void reload())
  }, [reload])
  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return state.code === ErrorCode.UNAUTHENTICATED ? (
      <ErrorState code={state.code} action={zh.login.submit} onAction={() => goToLogin()} />
    ) : (
      <ErrorState code={state.code} onRetry={() => reload()} action={zh.home.goHome} onAction={() => Taro.reLaunch({ url: routes.home() })} />
    )
  }
  const { unreadCount, nodes } = state.data
  const open = (n: OwnerNotice) => {
    if (!n.readAt) markNoticesRead({ ids: [n.id] }).then(() => reload(), () => {})
    // A followed report is another owner's: its public view, never the ticket itself.
    if (n.ticketId) Taro.navigateTo({ url: n.kind === NotificationKind.FOLLOWED_TICKET_UPDATED ? routes.followed(n.ticketId) : routes.ticket(n.ticketId) })
  }

  return (
    <View className={`page messages${elder.className}`} id='page-messages'>
      <OwnerHeader title={zh.owner.messagesTitle} />
      <View className='messages__bar'>
        <Text className='messages__count' id='messages-unread'>{zh.owner.unread(unreadCount)}</Text>
        {unreadCount > 0 ? (
          <View className='messages__all' id='messages-mark-all' onClick={() => markNoticesRead({ all: true }).then(() => reload(), () => {})}>
            {zh.owner.markAllRead}
          </View>
        ) : null}
      </View>
      {nodes.length === 0 ? <EmptyState text={zh.owner.messagesEmpty} /> : null}
      {nodes.map((n) => (
        <View key={n.id} id={`message-${n.id}`} data-kind={n.kind} className={`card messages__item${n.readAt ? '' : ' messages__item--unread'}`} onClick={() => open(n)}>
          <View className='messages__head'>
            <Text className='messages__kind'>{zh.notificationKinds[n.kind] ?? n.kind}</Text>
            <Text className='messages__time'>{formatTime(n.createdAt)}</Text>
          </View>
          <Text className='messages__title'>{n.title}</Text>
          {n.body ? <Text className='messages__body'>{n.body}</Text> : null}
          {n.ticketId ? <Text className='messages__open'>{zh.owner.openTicket}</Text> : null}
        </View>
      ))}
    </View>
  )
}
