import { useMemo } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorCode } from '@msb/shared-types'
import { zh } from '../../../i18n/zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { HBars, Meter } from '../../../components/charts'
import { useQuery } from '../../../features/common/use-query'
import { tokenFromRouterParams } from '../../../features/qr/qr-token'
import { monthLabel, pct } from '../../../features/oversight/figures-view'
import { publicFigures } from '../../../services/api/disclosure-operations'
import { routes } from '../../../routes'
import { apiBase } from '../../../services/api/config'
import { openPdf } from '../../../platform/download'
import '../../../oversight/oversight.css'

/**
 * 公示 for owners, reached from the QR landing: this month's 受理 / 办结 / 按时办结率 and 三率, the
 * categories raised most, and the last 12 months — the same figures the oversight screens show.
 */
export default function Disclosure() {
  const { params } = useRouter()
  const token = useMemo(() => tokenFromRouterParams(params as Record<string, string | undefined>), [params])
  const { state, reload } = useQuery(token ? () => publicFigures(token) : null, [token])
  usePullDownRefresh(() => reload().finally(() => Taro.stopPullDownRefresh()))

  if (!token) return <ErrorState code={ErrorCode.NOT_FOUND} action={zh.home.goHome} onAction={() => Taro.reLaunch({ url: routes.home() })} />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={reload} action={zh.home.goHome} onAction={() => Taro.reLaunch({ url: routes.home() })} />
  const { complex, publicFigures: pf } = state.data
  const months = pf.months
  const now = months[months.length - 1]
  const f = now.figures
  const d = zh.disclosure

  return (
    <View className='ov' id='page-disclosure' data-month={now.month}>
      <View className='ov-head'>
        <View className='ov-head__main'>
          <Text className='ov-head__kind'>{complex.communityName ? `${complex.communityName} · ` : ''}{d.title}</Text>
          <Text className='ov-head__name' id='disclosure-complex'>{complex.name}</Text>
          {complex.companyName ? <Text className='ov-head__kind'>{d.company(complex.companyName)}</Text> : null}
        </View>
      </View>
      <View className='ov-grid'>
        <View className='ov-card' id='disclosure-now'>
          <Text className='ov-card__title'>{monthLabel(`${now.month}-01`)}{d.soFar}</Text>
          <View className='ov-counts'>
            <Count id='pub-filed' label={d.filed} value={String(f.counts.filed)} raw={f.counts.filed} />
            <Count id='pub-resolved' label={d.resolved} value={String(f.counts.resolved)} raw={f.counts.resolved} />
          </View>
          <View className='ov-rates'>
            <Rate id='pub-on-time' label={d.onTime} value={f.rates.resolvedOnTime} tone='blue' />
            <Rate id='pub-response' label={d.response} value={f.rates.response} />
            <Rate id='pub-resolution' label={d.resolution} value={f.rates.resolution} />
            <Rate id='pub-satisfaction' label={d.satisfaction} value={f.rates.satisfaction} />
          </View>
          <Text className='ov-note'>{d.note}</Text>
          <View className='ov-btn ov-btn--ghost' id='disclosure-pdf' onClick={() => openPdf(`${apiBase}/public/notice/${encodeURIComponent(token)}.pdf?month=${now.month}`).catch(() => Taro.showToast({ title: zh.errors.NETWORK, icon: 'none' }))}>
            {d.pdf}
          </View>
        </View>
        <View className='ov-card' id='disclosure-categories'>
          <Text className='ov-card__title'>{d.topCategories}</Text>
          {pf.topCategories.length ? (
            <HBars id='disclosure-category-bars' rows={pf.topCategories.map((c) => ({ key: c.key, label: c.name, value: c.figures.counts.filed, text: `${c.figures.counts.filed} 件` }))} />
          ) : (
            <Text className='ov-note'>{d.noTickets}</Text>
          )}
        </View>
        <View className='ov-card ov-card--wide' id='disclosure-months'>
          <Text className='ov-card__title'>{d.history}</Text>
          <View className='ov-mtable'>
            <View className='ov-mtable__row ov-mtable__row--head'>
              <Text className='ov-mtable__m'>{d.month}</Text>
              <Text className='ov-mtable__n'>{d.filed}</Text>
              <Text className='ov-mtable__n'>{d.resolved}</Text>
              <Text className='ov-mtable__r'>{d.onTimeShort}</Text>
              <Text className='ov-mtable__r'>{d.satisfaction}</Text>
            </View>
            {[...months].reverse().map((m) => (
              <View key={m.month} className='ov-mtable__row' id={`pub-month-${m.month}`}>
                <Text className='ov-mtable__m'>{m.month.replace('-', '.')}</Text>
                <Text className='ov-mtable__n'>{m.figures.counts.filed}</Text>
                <Text className='ov-mtable__n'>{m.figures.counts.resolved}</Text>
                <Text className='ov-mtable__r'>{pct(m.figures.rates.resolvedOnTime)}</Text>
                <Text className='ov-mtable__r'>{pct(m.figures.rates.satisfaction)}</Text>
              </View>
            ))}
          </View>
        </View>
      </View>
    </View>
  )
}

function Count({ id, label, value, raw }: { id: string; label: string; value: string; raw: number }) {
  return (
    <View className='ov-count' id={id} data-value={String(raw)}>
      <Text className='ov-count__value'>{value}</Text>
      <Text className='ov-count__label'>{label}</Text>
    </View>
  )
}

function Rate({ id, label, value, tone = 'red' }: { id: string; label: string; value: number | null; tone?: 'red' | 'blue' }) {
  return (
    <View className='ov-rate' id={id} data-value={value === null ? '' : String(value)}>
      <Text className='ov-rate__label'>{label}</Text>
      <Text className='ov-rate__value'>{pct(value)}</Text>
      <Meter value={value} tone={tone} />
    </View>
  )
}
