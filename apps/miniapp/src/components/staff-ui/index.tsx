import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { staffZh } from '../../i18n/staff-zh'
import { zh } from '../../i18n/zh'
import { formatTime } from '../../features/tickets/format'
import { TicketAction, type NotificationAddedSubscription, type SlaTarget } from '@msb/shared-types'
import { live } from '../../features/live/live-client'
import { clockOf, deadlineText, nextDeadline, toDeadline, type Clock } from '../../features/tickets/deadline'
import { NOTIFICATION_ADDED } from '../../services/api/documents/live'
import { unreadCount, type HotlineOrder, type StaffTicket } from '../../services/api/staff-operations'
import { hotlineDeadlines } from '../../features/staff/hotline'
import { routes } from '../../routes'
import { StatusBadge } from '../status-badge'
import './index.css'

/** The rating window is the owner's, not the handler's: staff screens leave it out. */
const STAFF_SKIP: readonly SlaTarget[] = ['RATING']

/**
 * A ticket's next deadline for staff: time left, breached in red, paused in grey. With `target`, that
 * one clock (the mediation clock), also once it has stopped.
 */
export function Deadline({ clocks, target, id }: { clocks: readonly Clock[]; target?: SlaTarget; id?: string }) {
  const now = Date.now()
  const one = target ? clockOf(clocks, target) : null
  if (target && one && (one.stopped || one.state === 'MET' || one.state === 'CANCELLED')) {
    const breached = one.state === 'BREACHED'
    return (
      <View id={id} className={`clock clock--${breached ? 'breached' : 'stopped'}`} data-state={one.state} data-target={one.target}>
        ⏱ {zh.deadline.targets[one.target]}：{breached ? zh.deadline.breachedDone : one.state === 'MET' ? zh.deadline.met : zh.deadline.stopped}
      </View>
    )
  }
  const d = target ? (one ? toDeadline(one, now) : null) : nextDeadline(clocks, now, STAFF_SKIP)
  if (!d) return null
  const line = deadlineText(d)
  const tone = d.overdue ? 'breached' : d.paused ? 'paused' : d.soon ? 'soon' : 'running'
  return (
    <View id={id} className={`clock clock--${tone}`} data-state={d.overdue ? 'BREACHED' : d.paused ? 'PAUSED' : 'RUNNING'} data-target={d.target}>
      ⏱ {line.label}：{line.value}
    </View>
  )
}

/** A ticket in a list. With `onAccept`, 受理 sits on the card wherever the server offers ACCEPT. */
export function TicketCard({ t, onTap, clockTarget, onAccept }: { t: StaffTicket; onTap: () => void; clockTarget?: SlaTarget; onAccept?: (t: StaffTicket) => void }) {
  return (
    <View className='card tcard' id={`ticket-${t.id}`} data-number={t.number} onClick={onTap}>
      <View className='tcard__head'>
        <View>
          {t.priority === 'EMERGENCY' ? <Text className='tcard__urgent'>紧急</Text> : null}
          {t.hotlineOrder ? <Text className='tcard__hotline' id={`hotline-badge-${t.id}`}>{staffZh.hotline.badge}</Text> : null}
          <Text className='tcard__cat'>{t.category.name}</Text>
          <Text className='tcard__number'>{t.number}</Text>
        </View>
        <StatusBadge status={t.status} />
      </View>
      {t.hotlineOrder ? <Text className='tcard__meta tcard__order' id={`hotline-order-${t.id}`}>{staffZh.hotline.orderNo} {t.hotlineOrder.orderNo}</Text> : null}
      <Text className='tcard__text'>{t.text}</Text>
      <Text className='tcard__meta'>
        {t.complex.name}
        {t.spot ? ` · ${t.spot.name}` : ''} · {formatTime(t.createdAt)} · {staffZh.inbox.assignee}：{t.assignee?.name ?? staffZh.inbox.unassigned}
        {t.dispatchTarget ? ` · ${staffZh.inbox.dispatchedTo}${t.dispatchTarget.name}` : ''}
      </Text>
      <Deadline clocks={t.clocks} target={clockTarget} id={`deadline-${t.id}`} />
      {onAccept && t.availableActions?.includes(TicketAction.ACCEPT) ? (
        <View className='tcard__foot'>
          <View
            className='btn tcard__accept'
            id={`card-accept-${t.id}`}
            onClick={(e) => {
              e.stopPropagation()
              onAccept(t)
            }}
          >
            {staffZh.accept.button}
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** The 12345 order on the ticket page: its number, redo count, confidentiality and its three deadlines in plain words. */
export function HotlineOrderCard({ order, t }: { order: HotlineOrder; t: { acceptedAt: string | null; resolvedAt: string | null } }) {
  const h = staffZh.hotline
  return (
    <View className='card hotline' id='hotline-order' data-order={order.orderNo}>
      <View className='tcard__head'>
        <View>
          <Text className='tcard__hotline'>{h.badge}</Text>
          <Text className='tcard__cat'>{h.title}</Text>
        </View>
        {order.redoCount > 0 ? <Text className='tcard__urgent'>{h.redo(order.redoCount)}</Text> : null}
      </View>
      <View className='kv'><Text className='kv__k'>{h.orderNoShort}</Text><Text className='kv__v' id='hotline-order-no'>{order.orderNo}</Text></View>
      {hotlineDeadlines(order, t, Date.now()).map((d) => (
        <View key={d.key} className={`clock clock--${d.tone === 'done' || d.tone === 'none' ? 'stopped' : d.tone}`} id={`hotline-deadline-${d.key}`} data-tone={d.tone}>
          ⏱ {d.label}：{d.text}
        </View>
      ))}
      {order.state === 'ARCHIVED' ? <Text className='tcard__meta'>{h.archived}</Text> : null}
    </View>
  )
}

/** The bell with the unread count; live through the notification subscription. */
export function NotificationBell() {
  const [n, setN] = useState(0)
  useEffect(() => {
    const load = () => unreadCount().then(setN, () => {})
    load()
    const off = live.subscribe<NotificationAddedSubscription>(NOTIFICATION_ADDED, {}, load)
    return off
  }, [])
  useDidShow(() => {
    unreadCount().then(setN, () => {})
  })
  return (
    <View className='staff__bell' id='notification-bell' onClick={() => Taro.navigateTo({ url: routes.notifications() })}>
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
