import { useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RankLevel } from '@msb/shared-types'
import { oversightZh as t } from '../../../i18n/oversight-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { Columns, HBars, Meter } from '../../../components/charts'
import { StatusBadge } from '../../../components/status-badge'
import { useQuery } from '../../../features/common/use-query'
import { staffSession } from '../../../features/staff/staff-session'
import {
  KIND_NAME, LEVEL_NAME, canGoForward, countTrend, lastMonths, monthFromParam, monthLabel, pct, rankLevels, schemeTerms,
  scopeFromParams, shanghaiToday, shiftMonth, shortMonth, splitRanking, trend, waited,
} from '../../../features/oversight/figures-view'
import {
  figureScopes, oldestOpen, scopeFigures, scopeRanking, scopeTrend, type FigureSetView, type ScopeRef, type RankingRow,
} from '../../../services/api/oversight-operations'
import { session } from '../../../services/auth/session'
import { routes } from '../../../routes'
import { ExportPanel } from '../../export-panel'
import '../../oversight.css'

const TOP_CATEGORIES = 5

/**
 * Oversight home and every scope below it: the month's 三率 with the change against last month,
 * 按时办结率, the backlog and its oldest tickets, the ranking of the units below (tap one to drill
 * down), six months of trend and the categories. No params: the viewer's own scope (after sign-in).
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
  if (given) return <ScopeView scope={given} month={monthFromParam(p.month)} />
  if (scopes.state.status === 'loading') return <LoadingState />
  if (scopes.state.status === 'error') return <ErrorState code={scopes.state.code} message={scopes.state.code === 'FORBIDDEN' ? t.home.notOversight : undefined} onRetry={scopes.reload} />
  const list = scopes.state.data
  if (!list.length) return <EmptyState id='oversight-no-scope' text={t.home.noScope} />
  const scope = list[Math.min(picked, list.length - 1)]
  return (
    <ScopeView
      key={`${scope.kind}:${scope.id}`}
      scope={{ kind: scope.kind, id: scope.id }}
      month={monthFromParam(p.month)}
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

function ScopeView({ scope, month: given, home, chooser }: { scope: ScopeRef; month: string | null; home?: boolean; chooser?: JSX.Element | null }) {
  const today = shanghaiToday()
  const [month, setMonth] = useState(given ?? shiftMonth(today, 0))
  const levels = useMemo(() => rankLevels(scope.kind), [scope.kind])
  const [level, setLevel] = useState<RankLevel | null>(levels[0] ?? null)
  const key = `${scope.kind}:${scope.id}`
  const figures = useQuery(() => scopeFigures(scope, month), [key, month], { keepOnChange: true })
  const months = useMemo(() => lastMonths(month, 6), [month])
  const trendQ = useQuery(() => scopeTrend(scope, months), [key, month], { keepOnChange: true })
  const oldest = useQuery(() => oldestOpen(scope, 5), [key])
  const ranking = useQuery(level ? () => scopeRanking(scope, level, month) : null, [key, month, level], { keepOnChange: true })
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
  const monthParam = month.slice(0, 7)

  return (
    <View className='ov' id='page-oversight-home' data-scope={key} data-month={monthParam}>
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
      <View className='ov-month' id='month-switch'>
        <View className='ov-month__btn' id='month-prev' onClick={() => setMonth(shiftMonth(month, -1))}>{t.home.prevMonth}</View>
        <Text className='ov-month__label' id='month-label'>{monthLabel(month)}</Text>
        {canGoForward(month, today) ? (
          <View className='ov-month__btn' id='month-next' onClick={() => setMonth(shiftMonth(month, 1))}>{t.home.nextMonth}</View>
        ) : (
          <View className='ov-month__btn ov-month__btn--off' />
        )}
      </View>

      <View className='ov-grid'>
        <View className='ov-card' id='figures-rates'>
          <Text className='ov-card__title'>{t.home.rates}</Text>
          <View className='ov-rates'>
            <RateTile id='rate-response' label={t.home.response} value={cur.rates.response} prev={prev.rates.response} />
            <RateTile id='rate-resolution' label={t.home.resolution} value={cur.rates.resolution} prev={prev.rates.resolution} />
            <RateTile id='rate-satisfaction' label={t.home.satisfaction} value={cur.rates.satisfaction} prev={prev.rates.satisfaction} />
            <RateTile id='rate-on-time' label={t.home.onTime} value={cur.rates.resolvedOnTime} prev={prev.rates.resolvedOnTime} tone='blue' />
          </View>
          <Counts cur={cur} prev={prev} backlog={f.backlog} />
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
              <View className='ov-btn ov-btn--ghost' id='all-open' onClick={() => open(routes.oversightTickets({ ...scope, name: f.scope.name }, monthParam, { open: true }))}>
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
              <RankingTable rows={ranking.state.data.rows} min={ranking.state.data.scheme.minTickets} onOpen={(r) => open(routes.oversightHome(r.unit, monthParam))} />
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
                  <Columns id={`trend-${k}`} values={trendMonths.map((m) => m.current.rates[k])} labels={months.map(shortMonth)} format={pct} max={1} />
                </View>
              ))}
              <View className='ov-trend__one'>
                <Text className='ov-trend__label'>{t.home.trendFiled}</Text>
                <Columns id='trend-filed' values={trendMonths.map((m) => m.current.counts.filed)} labels={months.map(shortMonth)} format={(v) => String(v ?? 0)} />
              </View>
            </View>
          )}
        </View>

        <View className='ov-card' id='figures-categories'>
          <Text className='ov-card__title'>{t.home.categories}</Text>
          {cats.length ? (
            <>
              <HBars id='category-bars' rows={(allCats ? cats : cats.slice(0, TOP_CATEGORIES)).map((c) => ({ key: c.key, label: c.name, value: c.figures.counts.filed, text: `${c.figures.counts.filed} 件` }))} max={cats[0].figures.counts.filed} onTap={(code) => open(routes.oversightTickets({ ...scope, name: f.scope.name }, monthParam, { category: code }))} />
              {cats.length > TOP_CATEGORIES ? (
                <View className='ov-link ov-link--center' id='categories-toggle' onClick={() => setAllCats(!allCats)}>
                  {allCats ? t.home.fewerCategories : t.home.allCategories(cats.length)}
                </View>
              ) : null}
            </>
          ) : (
            <EmptyState compact text={t.home.categoriesEmpty} />
          )}
          <View className='ov-btn ov-btn--ghost' id='month-tickets' onClick={() => open(routes.oversightTickets({ ...scope, name: f.scope.name }, monthParam))}>
            {t.home.monthTickets} ›
          </View>
        </View>

        <View className='ov-card' id='export-card'>
          <Text className='ov-card__title'>{t.export.title}</Text>
          <Text className='ov-note'>{t.export.hint}（{monthLabel(month)}）</Text>
          <ExportPanel scope={scope} month={month} />
        </View>
      </View>
    </View>
  )
}

function RateTile({ id, label, value, prev, tone = 'red' }: { id: string; label: string; value: number | null; prev: number | null; tone?: 'red' | 'blue' }) {
  const tr = trend(value, prev)
  return (
    <View className='ov-rate' id={id} data-value={value === null ? '' : String(value)}>
      <Text className='ov-rate__label'>{label}</Text>
      <Text className='ov-rate__value'>{pct(value)}</Text>
      <Meter value={value} tone={tone} />
      <Text className={`ov-trend-text ov-trend-text--${tr.dir}`}>{tr.text}</Text>
    </View>
  )
}

function Counts({ cur, prev, backlog }: { cur: FigureSetView; prev: FigureSetView; backlog: number }) {
  const filed = countTrend(cur.counts.filed, prev.counts.filed)
  const sla = trend(cur.slaMet, prev.slaMet)
  return (
    <View className='ov-counts'>
      <View className='ov-count' id='count-filed' data-value={String(cur.counts.filed)}>
        <Text className='ov-count__value'>{cur.counts.filed}</Text>
        <Text className='ov-count__label'>{t.home.filed}</Text>
        <Text className={`ov-trend-text ov-trend-text--${filed.dir}`}>{filed.text}</Text>
      </View>
      <View className='ov-count' id='count-backlog' data-value={String(backlog)}>
        <Text className='ov-count__value'>{backlog}</Text>
        <Text className='ov-count__label'>{t.home.backlog}</Text>
      </View>
      <View className='ov-count' id='count-sla-met' data-value={cur.slaMet === null ? '' : String(cur.slaMet)}>
        <Text className='ov-count__value'>{pct(cur.slaMet)}</Text>
        <Text className='ov-count__label'>{t.home.slaMet}</Text>
        <Text className={`ov-trend-text ov-trend-text--${sla.dir}`}>{sla.text}</Text>
      </View>
      <View className='ov-count' id='count-urges' data-value={String(cur.counts.urges)}>
        <Text className='ov-count__value'>{cur.counts.urges}</Text>
        <Text className='ov-count__label'>{t.home.urges}</Text>
      </View>
    </View>
  )
}

function RankingTable({ rows, min, onOpen }: { rows: RankingRow[]; min: number; onOpen: (r: RankingRow) => void }) {
  const { ranked, unranked } = splitRanking(rows)
  if (!rows.length) return <EmptyState compact text={t.home.rankingEmpty} />
  const head = (
    <View className='ov-rank ov-rank--head'>
      <Text className='ov-rank__no'>#</Text>
      <Text className='ov-rank__name'>单位</Text>
      <Text className='ov-rank__score'>综合分</Text>
      <View className='ov-rank__rates'>
        <Text className='ov-rank__rate'>{t.home.response}</Text>
        <Text className='ov-rank__rate'>{t.home.resolution}</Text>
        <Text className='ov-rank__rate'>{t.home.satisfaction}</Text>
      </View>
      <Text className='ov-rank__filed'>{t.home.filed}</Text>
    </View>
  )
  const row = (r: RankingRow) => (
    <View key={`${r.unit.kind}:${r.unit.id}`} className={`ov-rank${r.rank === null ? ' ov-rank--out' : ''}`} id={`rank-${r.unit.kind}-${r.unit.id}`} data-rank={r.rank === null ? '' : String(r.rank)} data-score={r.score === null ? '' : String(r.score)} onClick={() => onOpen(r)}>
      <Text className='ov-rank__no'>{r.rank ?? '—'}</Text>
      <Text className='ov-rank__name'>{r.unit.name} ›</Text>
      <View className='ov-rank__score'>
        <Text className='ov-rank__score-text'>{r.score === null ? '—' : r.score.toFixed(1)}</Text>
        <Meter value={r.score === null ? null : r.score / 100} />
      </View>
      <View className='ov-rank__rates'>
        {([['response', t.home.response], ['resolution', t.home.resolution], ['satisfaction', t.home.satisfaction]] as const).map(([k, label]) => (
          <View key={k} className='ov-rank__rate' data-rate={k}>
            <Text className='ov-rank__rate-k'>{label}</Text>
            <Text className='ov-rank__rate-v'>{pct(r.rates[k])}</Text>
          </View>
        ))}
      </View>
      <Text className='ov-rank__filed'>{r.rank === null ? t.home.unrankedRow(r.filed, min) : t.home.filedN(r.filed)}</Text>
    </View>
  )
  return (
    <View className='ov-ranking' id='ranking-rows'>
      {head}
      {ranked.map(row)}
      {unranked.length ? <Text className='ov-ranking__sub'>{t.home.unrankedTitle}</Text> : null}
      {unranked.map(row)}
    </View>
  )
}
