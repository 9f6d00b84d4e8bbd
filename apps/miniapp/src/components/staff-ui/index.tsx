import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { staffZh } from '../../i18n/staff-zh'
import { formatTime } from '../../features/tickets/format'
import { live, NOTIFICATION_ADDED } from '../../features/live/live-client'
import { unreadCount, type StaffTicket } from '../../services/staff/staff-api'
import { StatusBadge } from '../status-badge'
import './index.css'

export function TicketCard({ t, onTap }: { t: StaffTicket; onTap: () => void }) {
  return (
    <View className='card tcard' id={`ticket-${t.id}`} data-number={t.number} onClick={onTap}>
      <View className='tcard__head'>
        <View>
          {t.priority === 'EMERGENCY' ? <Text className='tcard__urgent'>紧急</Text> : null}
          <Text className='tcard__cat'>{t.category.name}</Text>
          <Text className='tcard__number'>{t.number}</Text>
        </View>
        <StatusBadge status={t.status} />
      </View>
      <Text className='tcard__text'>{t.text}</Text>
      <Text className='tcard__meta'>
        {t.complex.name}
        {t.spot ? ` · ${t.spot.name}` : ''} · {formatTime(t.createdAt)} · {staffZh.inbox.assignee}：{t.assignee?.name ?? staffZh.inbox.unassigned}
        {t.dispatchTarget ? ` · ${staffZh.inbox.dispatchedTo}${t.dispatchTarget.name}` : ''}
      </Text>
    </View>
  )
}

/** The bell with the unread count; live through the notification subscription. */
export function NotificationBell() {
  const [n, setN] = useState(0)
  useEffect(() => {
    const load = () => unreadCount().then(setN, () => {})
    load()
    const off = live.subscribe(NOTIFICATION_ADDED, {}, load)
    return off
  }, [])
  useDidShow(() => {
    unreadCount().then(setN, () => {})
  })
  return (
    <View className='staff__bell' id='notification-bell' onClick={() => Taro.navigateTo({ url: '/notifications/pages/list/index' })}>
      <Text>🔔 {staffZh.inbox.notifications}</Text>
      {n > 0 ? <Text className='staff__badge' id='notification-badge'>{n > 99 ? '99+' : n}</Text> : null}
    </View>
  )
}

export function Chips({ items, value, onPick, idPrefix }: { items: { key: string; label: string }[]; value: string | null; onPick: (k: string) => void; idPrefix: string }) {
  return (
    <View className='chips'>
      {items.map((i) => (
        <View key={i.key} id={`${idPrefix}-${i.key}`} className={`chip${value === i.key ? ' chip--on' : ''}`} onClick={() => onPick(i.key)}>
          {i.label}
        </View>
      ))}
    </View>
  )
}
