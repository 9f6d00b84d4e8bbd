import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { NotificationKind, type NotificationAddedSubscription } from '@msb/shared-types'
import { live } from '../../features/live/live-client'
import { formatTime } from '../../features/tickets/format'
import { NOTIFICATION_ADDED } from '../../services/api/documents/live'
import { markRead, notifications, type NotificationItem } from '../../services/api/staff-operations'
import { routes } from '../../routes'
import './index.css'

/**
 * 督办 on top of the handler's inbox: unread supervision notices, arriving live (notificationAdded);
 * opening one marks it read and opens the ticket.
 */
export function SupervisedAlerts() {
  const [items, setItems] = useState<NotificationItem[]>([])
  const load = useCallback(() => {
    notifications(null, 30).then((c) => setItems(c.nodes.filter((n) => n.kind === NotificationKind.TICKET_SUPERVISED && !n.readAt)), () => {})
  }, [])
  useEffect(() => {
    load()
    return live.subscribe<NotificationAddedSubscription>(NOTIFICATION_ADDED, {}, load)
  }, [load])
  useDidShow(load)
  if (!items.length) return null
  const open = (n: NotificationItem) => {
    setItems((xs) => xs.filter((x) => x.id !== n.id))
    markRead({ ids: [n.id] }).catch(() => {})
    if (n.ticketId) Taro.navigateTo({ url: routes.staffTicket(n.ticketId) })
  }
  return (
    <View className='supervised' id='supervised-alerts'>
      {items.map((n) => (
        <View key={n.id} className='supervised__item' id={`supervised-${n.ticketId ?? n.id}`} onClick={() => open(n)}>
          <Text className='supervised__tag'>督办</Text>
          <View className='supervised__main'>
            <Text className='supervised__title'>{n.title}</Text>
            <Text className='supervised__body'>{n.body}</Text>
            <Text className='supervised__time'>{formatTime(n.createdAt)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
