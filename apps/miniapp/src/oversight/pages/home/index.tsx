import { useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RankLevel } from '@msb/shared-types'
import { oversightZh as t } from '../../../i18n/oversight-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { Columns, HBars } from '../../../components/charts'
import { StatusBadge } from '../../../components/status-badge'
import { useQuery } from '../../../features/common/use-query'
import { staffSession } from '../../../features/staff/staff-session'
import { KIND_NAME, LEVEL_NAME, pct, rankLevels, schemeTerms, scopeFromParams, shanghaiToday, waited, type Compared } from '../../../features/oversight/figures-view'
import { PREV_NAME, THIS_NAME, lastPeriods, periodInput, periodFromParams, periodLabel, periodParam, shiftPeriod, shortLabel, type PeriodSel } from '../../../features/oversight/period'
import {
  figureScopes, oldestOpen, scopeFigures, scopeRanking, scopeTrend, type ScopeRef,
} from '../../../services/api/oversight-operations'
import { session } from '../../../services/auth/session'
import { routes } from '../../../routes'
import { ExportPanel } from '../../export-panel'
import { Counts, RankingTable, RateTile } from '../../figure-parts'
import { PeriodBar } from '../../period-bar'
import '../../oversight.css'

const TOP_CATEGORIES = 5

/**
 * Oversight home and every scope below it, for a day, week, month, half-year or custom range: the
 * period's 三率 with the change against the period before, 按时办结率, the backlog and its oldest
 * tickets, the ranking of the units below (tap one to drill down), six periods of trend and the categories. No params: the viewer's own scope (after sign-in).
 */
export default function OversightHome() {
  const { params } = useRouter()
  const p = params as Record<string, string | undefined>
  const given = scopeFromParams(p)
  const signedIn = session.isSignedIn()
  const [picked, setPicked] = useState(0)
  const scopes = useQuery(signedIn && !given ? figureScopes : null, [signedIn, !!given])

  useEffect(() => {
    if (!signedIn) Taro.redirectTo({ url: routes.staffLogin() })
  }, [signedIn])

  if (!signedIn) return <LoadingState />
  if (given) return <ScopeView scope={given} period={periodFromParams(p, shanghaiToday())} />
  if (scopes.state.status === 'loading') return <LoadingState />
  if (scopes.state.status === 'error') return <ErrorState code={scopes.state.code} message={scopes.state.code === 'FORBIDDEN' ? t.home.notOversight : undefined} onRetry={scopes.reload} />
  const list = scopes.state.data
  if (!list.length) return <EmptyState id='oversight-no-scope' text={t.home.noScope} />
  const scope = list[Math.min(picked, list.length - 1)]
  return (
    <ScopeView
      key={`${scope.kind}:${scope.id}`}
      scope={{ kind: scope.kind, id: scope.id }}
      period={periodFromParams(p, shanghaiToday())}
      home
      chooser={list.length > 1 ? (
        <View className='ov-chips' id='scope-chooser'>
          {list.map((s, i) => (
            <View key={`${s.kind}:${s.id}`} id={`scope-${s.kind}-${s.id}`} className={`ov-chip${s === scope ? ' ov-chip--on' : ''}`} onClick={() => setPicked(i)}>
              {s.name}
            </View>
          ))}
        </View>
      ) : null}
    />
  )
}

function ScopeView({ scope, period: given, home, chooser }: { scope: ScopeRef; period: PeriodSel; home?: boolean; chooser?: JSX.Element | null }) {
  const today = shanghaiToday()
  const [period, setPeriod] = useState<PeriodSel>(given)
  const levels = useMemo(() => rankLevels(scope.kind), [scope.kind])
  const [level, setLevel] = useState<RankLevel | null>(levels[0] ?? null)
  const key = `${scope.kind}:${scope.id}`
  const pkey = periodParam(period)
  const figures = useQuery(() => scopeFigures(scope, periodInput(period)), [key, pkey], { keepOnChange: true })
  const periods = useMemo(() => lastPeriods(period, 6), [pkey])
  const trendQ = useQuery(() => scopeTrend(scope, periods.map(periodInput)), [key, pkey], { keepOnChange: true })
  const oldest = useQuery(() => oldestOpen(scope, 5), [key])
  const ranking = useQuery(level ? () => scopeRanking(scope, level, periodInput(period)) : null, [key, pkey, level], { keepOnChange: true })
  const names: Compared = { prev: PREV_NAME[period.kind], cur: THIS_NAME[period.kind] }
  const who = staffSession.get()
  const [allCats, setAllCats] = useState(false)

  usePullDownRefresh(() => Promise.all([figures.reload(), trendQ.reload(), oldest.reload(), ranking.reload()]).finally(() => Taro.stopPullDownRefresh()))

  if (figures.state.status === 'loading') return <LoadingState />
  if (figures.state.status === 'error') return <ErrorState code={figures.state.code} onRetry={figures.reload} />
  const f = figures.state.data
  const cur = f.current
  const prev = f.previous

  const signOut = () => {
    session.signOut()
    staffSession.clear()
    Taro.reLaunch({ url: routes.staffLogin() })
  }
  const open = (url: string) => Taro.navigateTo({ url })
  const trendMonths = trendQ.state.status === 'ready' ? trendQ.state.data : []
  const cats = [...f.byCategory].sort((a, b) => b.figures.counts.filed - a.figures.counts.filed || a.key.localeCompare(b.key))
  return (
    <View className='ov' id='page-oversight-home' data-scope={key} data-month={period.from.slice(0, 7)} data-period={pkey} data-shown={`${f.period.kind}:${f.period.from}`}>
      <View className='ov-head'>
        <View className='ov-head__main'>
          <Text className='ov-head__kind'>{KIND_NAME[f.scope.kind]} · {t.home.complexes(f.complexCount)}</Text>
          <Text className='ov-head__name' id='scope-name'>{f.scope.name}</Text>
        </View>
        {home ? (
          <View className='ov-head__me'>
            {who ? <Text className='ov-head__who'>{who.name}</Text> : null}
            <View className='ov-link' id='oversight-sign-out' onClick={signOut}>{t.home.signOut}</View>
          </View>
        ) : null}
      </View>
      {chooser}
      <PeriodBar period={period} today={today} onChange={setPeriod} />
      <Text className='ov-note ov-compare' id='period-compare' data-from={f.previousPeriod.from}>{t.home.compared(periodLabel(shiftPeriod(period, -1)))}</Text>

      <View className='ov-grid'>
        <View className='ov-card' id='figures-rates'>
          <Text className='ov-card__title'>{t.home.rates}</Text>
          <View className='ov-rates'>
            <RateTile id='rate-response' label={t.home.response} value={cur.rates.response} prev={prev.rates.response} names={names} />
            <RateTile id='rate-resolution' label={t.home.resolution} value={cur.rates.resolution} prev={prev.rates.resolution} names={names} />
            <RateTile id='rate-satisfaction' label={t.home.satisfaction} value={cur.rates.satisfaction} prev={prev.rates.satisfaction} names={names} />
            <RateTile id='rate-on-time' label={t.home.onTime} value={cur.rates.resolvedOnTime} prev={prev.rates.resolvedOnTime} tone='blue' names={names} />
          </View>
          <Counts cur={cur} prev={prev} backlog={f.backlog} names={names} />
          <Text className='ov-note'>{t.home.rateHint}</Text>
        </View>

        <View className='ov-card' id='backlog'>
          <View className='ov-card__head'>
            <Text className='ov-card__title'>{t.home.oldest}</Text>
            <Text className='ov-card__badge' id='backlog-count'>{t.home.backlog} {f.backlog}</Text>
          </View>
          {oldest.state.status === 'loading' ? <LoadingState compact /> : oldest.state.status === 'error' ? (
            <ErrorState compact code={oldest.state.code} onRetry={oldest.reload} />
          ) : oldest.state.data.length ? (
            <View id='oldest-list'>
              {oldest.state.data.map((tk) => (
                <View key={tk.id} className='ov-ticket' id={`oldest-${tk.id}`} data-number={tk.number} onClick={() => open(routes.staffTicket(tk.id))}>
                  <View className='ov-ticket__head'>
                    <Text className='ov-ticket__cat'>{tk.category.name}</Text>
                    <StatusBadge status={tk.status} />
                  </View>
                  <Text className='ov-ticket__text'>{tk.text}</Text>
                  <Text className='ov-ticket__meta'>{tk.complex.name} · {t.home.waited(waited(tk.createdAt))}</Text>
                </View>
              ))}
              <View className='ov-btn ov-btn--ghost' id='all-open' onClick={() => open(routes.oversightTickets({ ...scope, name: f.scope.name }, pkey, { open: true }))}>
                {t.home.allOpen} ›
              </View>
            </View>
          ) : (
            <EmptyState compact id='oldest-empty' text={t.home.oldestEmpty} />
          )}
        </View>

        {levels.length ? (
          <View className='ov-card ov-card--wide' id='ranking'>
            <Text className='ov-card__title'>{t.home.ranking}</Text>
            <View className='ov-chips'>
              {levels.map((l) => (
                <View key={l} id={`level-${l}`} className={`ov-chip${l === level ? ' ov-chip--on' : ''}`} onClick={() => setLevel(l)}>
                  {LEVEL_NAME[l]}
                </View>
              ))}
            </View>
            {ranking.state.status === 'loading' ? <LoadingState compact /> : ranking.state.status === 'error' ? (
              <ErrorState compact code={ranking.state.code} onRetry={ranking.reload} />
            ) : (
              <RankingTable rows={ranking.state.data.rows} min={ranking.state.data.scheme.minTickets} onOpen={(r) => open(routes.oversightHome(r.unit, pkey))} />
            )}
            {ranking.state.status === 'ready' ? (
              <View className='ov-note' id='ranking-note'>
                <Text>{t.home.scheme(ranking.state.data.scheme.name, schemeTerms(ranking.state.data.scheme.items))}</Text>
                <Text id='ranking-min' data-min={String(ranking.state.data.scheme.minTickets)}>；{t.home.minTickets(ranking.state.data.scheme.minTickets)}</Text>
              </View>
            ) : null}
          </View>
        ) : null}
        <View className='ov-card' id='figures-trend'>
          <Text className='ov-card__title'>{t.home.trend}</Text>
          {trendQ.state.status === 'loading' ? <LoadingState compact /> : trendQ.state.status === 'error' ? (
            <ErrorState compact code={trendQ.state.code} onRetry={trendQ.reload} />
          ) : (
            <View className='ov-trend'>
              {([['response', t.home.response], ['resolution', t.home.resolution], ['satisfaction', t.home.satisfaction]] as const).map(([k, label]) => (
                <View key={k} className='ov-trend__one'>
                  <Text className='ov-trend__label'>{label}</Text>
                  <Columns id={`trend-${k}`} values={trendMonths.map((m) => m.current.rates[k])} labels={periods.map(shortLabel)} format={pct} max={1} />
                </View>
              ))}
              <View className='ov-trend__one'>
                <Text className='ov-trend__label'>{t.home.trendFiled}</Text>
                <Columns id='trend-filed' values={trendMonths.map((m) => m.current.counts.filed)} labels={periods.map(shortLabel)} format={(v) => String(v ?? 0)} />
              </View>
            </View>
          )}
        </View>

        <View className='ov-card' id='figures-categories'>
          <Text className='ov-card__title'>{t.home.categories}</Text>
          {cats.length ? (
            <>
              <HBars id='category-bars' rows={(allCats ? cats : cats.slice(0, TOP_CATEGORIES)).map((c) => ({ key: c.key, label: c.name, value: c.figures.counts.filed, text: `${c.figures.counts.filed} 件` }))} max={cats[0].figures.counts.filed} onTap={(code) => open(routes.oversightTickets({ ...scope, name: f.scope.name }, pkey, { category: code }))} />
              {cats.length > TOP_CATEGORIES ? (
                <View className='ov-link ov-link--center' id='categories-toggle' onClick={() => setAllCats(!allCats)}>
                  {allCats ? t.home.fewerCategories : t.home.allCategories(cats.length)}
                </View>
              ) : null}
            </>
          ) : (
            <EmptyState compact text={t.home.categoriesEmpty} />
          )}
          <View className='ov-btn ov-btn--ghost' id='month-tickets' onClick={() => open(routes.oversightTickets({ ...scope, name: f.scope.name }, pkey))}>
            {t.home.monthTickets} ›
          </View>
        </View>

        <View className='ov-card' id='export-card'>
          <Text className='ov-card__title'>{t.export.title}</Text>
          <Text className='ov-note'>{t.export.hint}（{periodLabel(period)}）</Text>
          <ExportPanel scope={scope} period={period} />
        </View>
      </View>
    </View>
  )
}
