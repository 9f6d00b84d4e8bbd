import { useEffect, useMemo, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { staffZh } from '../../../i18n/staff-zh'
import { staffLinksZh } from '../../../i18n/links-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { NotificationBell, TicketCard } from '../../../components/staff-ui'
import { SupervisedAlerts } from '../../../components/supervised-alerts'
import { commonFilter, countLabel, inboxTabs } from '../../../features/staff/inbox-tabs'
import { staffSession } from '../../../features/staff/staff-session'
import { useLiveRefresh } from '../../../features/live/use-live-refresh'
import { useQuery } from '../../../features/common/use-query'
import { categories as loadCategories, inboxTabs as loadTabs, searchTicketNumber, type StaffTicket } from '../../../services/api/staff-operations'
import { AcceptSheet } from '../../../components/staff-ui/accept-sheet'
import { useAccept } from '../../../features/staff/use-accept'
import { errorCodeOf } from '../../../services/api/errors'
import { zh } from '../../../i18n/zh'
import type { Category } from '../../../services/api/operations'
import { session } from '../../../services/auth/session'
import { routes } from '../../../routes'
import { confirmSignOut } from '../../../features/staff/sign-out'
import '../../../components/staff-ui/index.css'

/** The worker's queue: tabs with counts, category and complex filters, live updates, pull to refresh. */
export default function StaffInbox() {
  const who = staffSession.get()
  const tabs = useMemo(() => inboxTabs(who?.roles ?? [], who?.id ?? ''), [who?.id])
  const [active, setActive] = useState(tabs[0].key)
  const [category, setCategory] = useState<string | null>(null)
  const [complexId, setComplexId] = useState<number | null>(null)
  const [cats, setCats] = useState<Category[]>([])
  const [complexNames, setComplexNames] = useState<Record<string, string>>({})
  const signedIn = session.isSignedIn() && !!who
  // 批量指派 (managers): tap cards to choose them, then one handler for all.
  const manager = !!who?.roles.includes('PROJECT_MANAGER')
  const [bulk, setBulk] = useState(false)
  const [chosen, setChosen] = useState<Map<string, { version: number; complexId: number }>>(new Map())
  const toggle = (t: { id: string; version: number; complex: { id: number } }) =>
    setChosen((m) => { const n = new Map(m); if (n.has(t.id)) n.delete(t.id); else n.set(t.id, { version: t.version, complexId: t.complex.id }); return n })
  const openBulk = () => {
    const list = [...chosen.entries()]
    if (list.length === 0) return void Taro.showToast({ title: staffLinksZh.bulk.pickTickets, icon: 'none' })
    Taro.navigateTo({ url: routes.staffBulkAssign(list[0][1].complexId, list.map(([id, v]) => ({ id, version: v.version }))) })
  }
  // Switching tab or filter keeps the old list on screen until the new one arrives.
  const { state, reload } = useQuery(signedIn ? () => loadTabs(tabs, commonFilter(category, complexId), active) : null, [tabs, active, category, complexId], { keepOnChange: true })

  useEffect(() => {
    if (!signedIn) Taro.redirectTo({ url: routes.staffLogin() })
  }, [signedIn])
  useEffect(() => {
    if (state.status === 'ready') setComplexNames((m) => ({ ...m, ...Object.fromEntries(state.data.nodes.map((t) => [t.complex.id, t.complex.name])) }))
  }, [state])
  useEffect(() => {
    loadCategories().then(setCats, () => {})
  }, [])
  useDidShow(() => {
    if (state.status === 'ready') reload()
  })
  usePullDownRefresh(() => reload().finally(() => Taro.stopPullDownRefresh()))
  const liveStatus = useLiveRefresh(reload)
  // The search box: a ticket number (whole, or the short one on the slip) answers only that ticket.
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<{ q: string; list: StaffTicket[] } | null>(null)
  const search = async () => {
    const q = query.trim()
    if (!q) return setFound(null)
    try {
      setFound({ q, list: await searchTicketNumber(q) })
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    }
  }
  const accepting = useAccept(() => {
    reload()
    if (found) search()
  }, reload)
  const card = (t: StaffTicket) => bulk
    ? <View key={t.id} id={`pick-${t.id}`} className={`pickable${chosen.has(t.id) ? ' pickable--on' : ''}`}><TicketCard t={t} onTap={() => toggle(t)} /></View>
    : <TicketCard key={t.id} t={t} onAccept={accepting.start} onTap={() => Taro.navigateTo({ url: routes.staffTicket(t.id) })} />

  const catOptions = [staffZh.inbox.allCategories, ...cats.map((c) => c.name)]
  const complexEntries = Object.entries(complexNames)
  const complexOptions = [staffZh.inbox.allComplexes, ...complexEntries.map(([, n]) => n)]


  return (
    <View className='staff' id='page-staff-inbox'>
      <View className='staff__bar'>
        <View>
          <Text className='staff__hello'>{who?.name ?? ''}</Text>
          <Text id='live-status' className={`staff__live${liveStatus === 'live' ? '' : ' staff__live--down'}`} data-status={liveStatus}>
            {' '}· {liveStatus === 'live' ? staffZh.inbox.live : liveStatus === 'connecting' ? staffZh.inbox.connecting : staffZh.inbox.polling}
          </Text>
        </View>
        <View style={{ display: 'flex', gap: '48rpx', alignItems: 'center' }}>
          <NotificationBell />
          <Text className='staff__signout' id='staff-sign-out' onClick={() => void confirmSignOut()}>{staffZh.inbox.signOut}</Text>
        </View>
      </View>
      <SupervisedAlerts />
      <View className='staff__tabs' id='inbox-tabs'>
        {tabs.map((t) => (
          <View key={t.key} id={`tab-${t.key}`} className={`staff__tab${t.key === active ? ' staff__tab--on' : ''}`} onClick={() => setActive(t.key)}>
            {staffZh.tabs[t.key]}
            <Text className='staff__tab-count' id={`tab-count-${t.key}`}>{state.status === 'ready' ? countLabel(state.data.counts[t.key] ?? 0) : '–'}</Text>
          </View>
        ))}
      </View>
      <View className='staff__filters'>
        <Picker mode='selector' range={catOptions} onChange={(e) => { const i = Number(e.detail.value); setCategory(i === 0 ? null : cats[i - 1].code) }}>
          <View className='staff__filter' id='filter-category'>{category ? cats.find((c) => c.code === category)?.name : staffZh.inbox.allCategories} ▾</View>
        </Picker>
        <Picker mode='selector' range={complexOptions} onChange={(e) => { const i = Number(e.detail.value); setComplexId(i === 0 ? null : Number(complexEntries[i - 1][0])) }}>
          <View className='staff__filter' id='filter-complex'>{complexId ? complexNames[String(complexId)] : staffZh.inbox.allComplexes} ▾</View>
        </Picker>
      </View>
      <View className='search'>
        <Input id='inbox-search' className='search__input' type='text' confirmType='search' value={query} maxlength={40} placeholder={staffZh.search.placeholder}
          onInput={(e) => setQuery(e.detail.value)} onConfirm={search} />
        <View id='inbox-search-go' className='btn search__go' onClick={search}>{staffZh.search.go}</View>
      </View>
      {manager ? (
        <View className='bulk-bar' id='bulk-bar'>
          {bulk ? (
            <>
              <View id='bulk-open' className='btn' onClick={openBulk}>{staffLinksZh.bulk.selected(chosen.size)}</View>
              <View id='bulk-cancel' className='btn btn--grey' onClick={() => { setBulk(false); setChosen(new Map()) }}>{staffLinksZh.bulk.cancel}</View>
            </>
          ) : (
            <View id='bulk-start' className='btn btn--ghost' onClick={() => setBulk(true)}>{staffLinksZh.bulk.start}</View>
          )}
        </View>
      ) : null}
      {found ? (
        <View id='search-results'>
          <View className='search__head'>
            <Text className='section-title'>{staffZh.search.results(found.q)}</Text>
            <Text className='search__clear' id='search-clear' onClick={() => { setFound(null); setQuery('') }}>{staffZh.search.clear}</Text>
          </View>
          {found.list.length ? found.list.map(card) : <EmptyState compact id='search-none' text={staffZh.search.none} />}
        </View>
      ) : (
        <>
          {state.status === 'loading' ? <LoadingState /> : null}
          {state.status === 'error' ? <ErrorState code={state.code} onRetry={reload} /> : null}
          {state.status === 'ready' && state.data.nodes.length === 0 ? <EmptyState text={staffZh.inbox.empty} /> : null}
          {state.status === 'ready' ? state.data.nodes.map(card) : null}
        </>
      )}
      {accepting.sheet ? <AcceptSheet ticket={accepting.sheet.ticket} people={accepting.sheet.people} busy={accepting.busy} onAccept={accepting.choose} onClose={accepting.close} /> : null}
    </View>
  )
}
