import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TicketStatus } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { NotificationBell, TicketCard } from '../../../components/staff-ui'
import { countLabel } from '../../../features/staff/inbox-tabs'
import { staffSession } from '../../../features/staff/staff-session'
import { useLiveRefresh } from '../../../features/live/use-live-refresh'
import { useQuery } from '../../../features/common/use-query'
import { session } from '../../../services/auth/session'
import { routes } from '../../../routes'
import { inboxTabs, type Tab } from '../../../services/api/staff-operations'
import { confirmSignOut } from '../../../features/staff/sign-out'
import '../../../components/staff-ui/index.css'

const TABS: Tab[] = [
  { key: 'OPEN', filter: { statuses: [TicketStatus.MEDIATING] } },
  { key: 'HISTORY', filter: { statuses: [TicketStatus.CLOSED, TicketStatus.IN_PROGRESS, TicketStatus.ACCEPTED, TicketStatus.DISPATCHED, TicketStatus.RESOLVED] } },
]
const LABEL: Record<string, string> = { OPEN: staffZh.mediation.open, HISTORY: staffZh.mediation.history }

/** The disputes of the mediator's community: waiting for mediation, and those already dealt with. */
export default function MediatorList() {
  const who = staffSession.get()
  const [active, setActive] = useState('OPEN')
  const signedIn = session.isSignedIn() && !!who
  const { state, reload } = useQuery(signedIn ? () => inboxTabs(TABS, {}, active) : null, [active], { keepOnChange: true })
  useEffect(() => {
    if (!signedIn) Taro.redirectTo({ url: routes.staffLogin() })
  }, [signedIn])
  useDidShow(() => {
    if (state.status === 'ready') reload()
  })
  usePullDownRefresh(() => reload().finally(() => Taro.stopPullDownRefresh()))
  const liveStatus = useLiveRefresh(reload)

  return (
    <View className='staff' id='page-mediator-list'>
      <View className='staff__bar'>
        <View>
          <Text className='staff__hello'>{who?.name ?? ''}</Text>
          <Text id='live-status' className={`staff__live${liveStatus === 'live' ? '' : ' staff__live--down'}`} data-status={liveStatus}>
            {' '}· {liveStatus === 'live' ? staffZh.inbox.live : staffZh.inbox.polling}
          </Text>
        </View>
        <View style={{ display: 'flex', gap: '48rpx', alignItems: 'center' }}>
          <NotificationBell />
          <Text className='staff__signout' id='staff-sign-out' onClick={() => void confirmSignOut()}>{staffZh.inbox.signOut}</Text>
        </View>
      </View>
      <View className='staff__tabs'>
        {TABS.map((t) => (
          <View key={t.key} id={`tab-${t.key}`} className={`staff__tab${t.key === active ? ' staff__tab--on' : ''}`} onClick={() => setActive(t.key)}>
            {LABEL[t.key]}
            <Text className='staff__tab-count'>{state.status === 'ready' ? countLabel(state.data.counts[t.key] ?? 0) : '–'}</Text>
          </View>
        ))}
      </View>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorState code={state.code} onRetry={reload} /> : null}
      {state.status === 'ready' && !state.data.nodes.length ? <EmptyState text={staffZh.mediation.empty} /> : null}
      {state.status === 'ready'
        ? state.data.nodes.map((t) => <TicketCard key={t.id} t={t} clockTarget='MEDIATION' onTap={() => Taro.navigateTo({ url: routes.mediatorRecord(t.id) })} />)
        : null}
    </View>
  )
}
