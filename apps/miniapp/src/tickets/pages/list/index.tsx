import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { ErrorCode } from '@msb/shared-types'
import { Text, View } from '@tarojs/components'
import { zh } from '../../../i18n/zh'
import { linksZh } from '../../../i18n/links-zh'
import { formatTime } from '../../../features/tickets/format'
import { nextDeadline, OWNER_SKIP, ownerDeadlineText } from '../../../features/tickets/deadline'
import { categoryIcon } from '../../../features/report/categories'
import { useMyTickets } from '../../../features/tickets/use-my-tickets'
import { arrivalStore } from '../../../features/arrival/arrival-store'
import { goToLogin, session } from '../../../services/auth/session'
import type { TicketListItem } from '../../../services/api/operations'
import { StatusBadge } from '../../../components/status-badge'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { routes } from '../../../routes'
import { OwnerHeader } from '../../../components/owner-header'
import { badgeText, useUnreadCount } from '../../../features/notices/use-unread-count'
import { useElderMode } from '../../../features/elder/use-elder-mode'
import './index.css'

/** My tickets: status and the next deadline (from the SLA clocks), newest first. */
export default function TicketList() {
  const { state, reload, loadMore } = useMyTickets()
  const unread = badgeText(useUnreadCount())
  const elder = useElderMode()
  const messagesLink = (
    <View className='tickets__messages' id='tickets-messages' onClick={() => Taro.navigateTo({ url: routes.ownerMessages() })}>
      🔔 {zh.owner.messages}
      {unread ? <Text className='tickets__badge' id='tickets-badge'>{unread}</Text> : null} ›
    </View>
  )
  // Other owners' reports the owner joined ("me too") or theirs was merged into: their public view.
  const followedLink = (
    <View className='tickets__messages' id='tickets-followed' onClick={() => Taro.navigateTo({ url: routes.followed() })}>
      👥 {linksZh.followed.title} ›
    </View>
  )
  const shown = useRef(false)
  usePullDownRefresh(() => {
    reload(true)
    Taro.stopPullDownRefresh()
  })
  // Coming back from a ticket: refresh quietly (its status may have changed).
  useDidShow(() => {
    if (shown.current) reload(true)
    shown.current = true
  })
  useReachBottom(loadMore)
  useEffect(() => {
    if (!session.isSignedIn()) goToLogin()
  }, [])

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return state.code === ErrorCode.UNAUTHENTICATED ? (
      <ErrorState code={state.code} action={zh.login.submit} onAction={() => goToLogin()} />
    ) : (
      <ErrorState code={state.code} onRetry={() => reload()} />
    )
  }
  if (state.items.length === 0) {
    const last = arrivalStore.load()
    return (
      <View id='tickets-empty' className={`page tickets${elder.className}`}>
        <OwnerHeader title={zh.titles.ticketList} />
        {messagesLink}
        {followedLink}
        <EmptyState
          text={zh.tickets.empty}
          action={zh.tickets.emptyAction}
          onAction={() =>
            last
              ? Taro.navigateTo({ url: routes.report(last.token) })
              : Taro.reLaunch({ url: routes.home() })
          }
        />
      </View>
    )
  }
  return (
    <View className={`page tickets${elder.className}`} id='page-tickets'>
      <OwnerHeader title={zh.titles.ticketList} />
      {messagesLink}
      {followedLink}
      {state.items.map((t) => (
        <TicketCard key={t.id} t={t} />
      ))}
      <View className='tickets__more' id='tickets-more' onClick={state.hasMore ? loadMore : undefined}>
        {state.loadingMore
          ? zh.tickets.loadingMore
          : state.moreError
            ? `${zh.errors[state.moreError]} · ${zh.common.retry}`
            : state.hasMore
              ? zh.tickets.loadMore
              : zh.tickets.noMore}
      </View>
    </View>
  )
}

function TicketCard({ t }: { t: TicketListItem }) {
  const deadline = nextDeadline(t.clocks, Date.now(), OWNER_SKIP)
  const line = deadline ? ownerDeadlineText(deadline) : null
  return (
    <View id={`ticket-${t.id}`} className='card tickets__item' onClick={() => Taro.navigateTo({ url: routes.ticket(t.id) })}>
      <View className='tickets__head'>
        <Text className='tickets__category'>
          {categoryIcon(t.category)} {t.category.name}
        </Text>
        <StatusBadge status={t.status} />
      </View>
      <Text className='tickets__desc'>{t.text}</Text>
      <Text className='tickets__place'>
        {t.complex.name}
        {t.spot ? ` · ${t.spot.name}` : ''}
      </Text>
      <View className='tickets__meta'>
        <Text className='tickets__number'>{t.number}</Text>
        <Text>{formatTime(t.createdAt)}</Text>
      </View>
      {deadline && line ? (
        <Text
          className={`tickets__deadline${deadline.overdue ? ' tickets__deadline--overdue' : deadline.paused ? ' tickets__deadline--paused' : ''}`}
          id={`deadline-${t.id}`}
          data-target={deadline.target}
        >
          ⏱ {line}
        </Text>
      ) : null}
    </View>
  )
}
