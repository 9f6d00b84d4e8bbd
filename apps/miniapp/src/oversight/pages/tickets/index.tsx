import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorCode } from '@msb/shared-types'
import { oversightZh as t } from '../../../i18n/oversight-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { TicketCard } from '../../../components/staff-ui'
import { useQuery } from '../../../features/common/use-query'
import { KIND_NAME, scopeFromParams, shanghaiToday, textParam } from '../../../features/oversight/figures-view'
import { periodFromParams, periodInput, periodLabel, periodParam } from '../../../features/oversight/period'
import { figureTickets, type FigureTicketPage } from '../../../services/api/oversight-operations'
import { errorCodeOf } from '../../../services/api/errors'
import { zh } from '../../../i18n/zh'
import { routes } from '../../../routes'
import '../../../components/staff-ui/index.css'
import '../../oversight.css'

type Node = FigureTicketPage['nodes'][number]

/** The tickets behind a scope's period (filed in it, newest first), or only those still open; tap one to read it. */
export default function OversightTickets() {
  const { params } = useRouter()
  const p = params as Record<string, string | undefined>
  const scope = scopeFromParams(p)
  const period = periodFromParams(p, shanghaiToday())
  const pkey = periodParam(period)
  const [openOnly, setOpenOnly] = useState(p.open === '1')
  const category = p.category || null
  const first = useQuery(scope ? () => figureTickets({ scope, period: periodInput(period), openOnly, categoryCode: category }) : null, [scope?.kind, scope?.id, pkey, openOnly, category], { keepOnChange: true })
  const [more, setMore] = useState<{ nodes: Node[]; cursor: string | null; hasNext: boolean } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)

  useEffect(() => setMore(null), [first.state])
  usePullDownRefresh(() => first.reload().finally(() => Taro.stopPullDownRefresh()))

  if (!scope) return <ErrorState code={ErrorCode.NOT_FOUND} />
  if (first.state.status === 'loading') return <LoadingState />
  if (first.state.status === 'error') return <ErrorState code={first.state.code} onRetry={first.reload} />
  const page = first.state.data
  const nodes = [...page.nodes, ...(more?.nodes ?? [])]
  const hasNext = more ? more.hasNext : page.pageInfo.hasNextPage
  const cursor = more ? more.cursor : page.pageInfo.endCursor

  const loadMore = async () => {
    if (loadingMore || !hasNext) return
    setLoadingMore(true)
    try {
      const next = await figureTickets({ scope, period: periodInput(period), openOnly, categoryCode: category, after: cursor })
      setMore({ nodes: [...(more?.nodes ?? []), ...next.nodes], cursor: next.pageInfo.endCursor, hasNext: next.pageInfo.hasNextPage })
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }

  return (
    <View className='ov' id='page-oversight-tickets' data-period={pkey} data-count={String(nodes.length)} data-category={category ?? ''}>
      <View className='ov-head'>
        <View className='ov-head__main'>
          <Text className='ov-head__kind'>{KIND_NAME[scope.kind]} · {periodLabel(period)}{openOnly ? ` · ${t.tickets.open}` : ''}</Text>
          {p.name ? <Text className='ov-head__name' id='tickets-scope'>{textParam(p.name)}</Text> : null}
        </View>
      </View>
      <View className='ov-chips'>
        <View id='filter-open' className={`ov-chip${openOnly ? ' ov-chip--on' : ''}`} onClick={() => setOpenOnly(true)}>{t.tickets.open}</View>
        <View id='filter-all' className={`ov-chip${openOnly ? '' : ' ov-chip--on'}`} onClick={() => setOpenOnly(false)}>{t.tickets.all}</View>
      </View>
      {nodes.length ? (
        <View className='ov-tickets' id='figure-tickets'>
          {nodes.map((tk) => <TicketCard key={tk.id} t={tk} onTap={() => Taro.navigateTo({ url: routes.staffTicket(tk.id) })} />)}
          {hasNext ? (
            <View id='tickets-more' className={`ov-btn ov-btn--ghost${loadingMore ? ' ov-btn--busy' : ''}`} onClick={loadMore}>{t.tickets.more}</View>
          ) : (
            <Text className='ov-note'>{t.tickets.end}</Text>
          )}
        </View>
      ) : (
        <EmptyState id='tickets-empty' text={t.tickets.empty} />
      )}
    </View>
  )
}
