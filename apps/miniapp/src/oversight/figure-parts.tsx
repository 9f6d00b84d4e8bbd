import { Text, View } from '@tarojs/components'
import { oversightZh as t } from '../i18n/oversight-zh'
import { EmptyState } from '../components/page-state'
import { Meter } from '../components/charts'
import { countTrend, pct, splitRanking, trend, type Compared } from '../features/oversight/figures-view'
import type { FigureSetView, RankingRow } from '../services/api/oversight-operations'

/** The oversight home's figure blocks: a rate with its trend, the counts row, the ranking table. */
export function RateTile({ id, label, value, prev, names, tone = 'red' }: { id: string; label: string; value: number | null; prev: number | null; names: Compared; tone?: 'red' | 'blue' }) {
  const tr = trend(value, prev, names)
  return (
    <View className='ov-rate' id={id} data-value={value === null ? '' : String(value)}>
      <Text className='ov-rate__label'>{label}</Text>
      <Text className='ov-rate__value'>{pct(value)}</Text>
      <Meter value={value} tone={tone} />
      <Text className={`ov-trend-text ov-trend-text--${tr.dir}`}>{tr.text}</Text>
    </View>
  )
}

export function Counts({ cur, prev, backlog, names }: { cur: FigureSetView; prev: FigureSetView; backlog: number; names: Compared }) {
  const filed = countTrend(cur.counts.filed, prev.counts.filed, names)
  const sla = trend(cur.slaMet, prev.slaMet, names)
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

export function RankingTable({ rows, min, onOpen }: { rows: RankingRow[]; min: number; onOpen: (r: RankingRow) => void }) {
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
