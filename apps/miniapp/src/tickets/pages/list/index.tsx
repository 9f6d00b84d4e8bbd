import Taro, { usePullDownRefresh, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { zh } from '../../../i18n/zh'
import { useAsync } from '../../../features/common/use-async'
import { formatTime } from '../../../features/tickets/format'
import { myTickets } from '../../../services/api/operations'
import { StatusBadge } from '../../../components/status-badge'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import './index.css'

export default function TicketList() {
  const [state, reload] = useAsync(() => myTickets(), [])
  usePullDownRefresh(() => {
    reload()
    Taro.stopPullDownRefresh()
  })
  useDidShow(() => {
    if (state.status === 'ready') reload()
  })

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={reload} />
  if (state.data.length === 0) {
    return <EmptyState text={zh.tickets.empty} action={zh.tickets.emptyAction} onAction={() => Taro.reLaunch({ url: '/pages/index/index' })} />
  }
  return (
    <View className='page tickets'>
      {state.data.map((t) => (
        <View key={t.id} id={`ticket-${t.id}`} className='card tickets__item' onClick={() => Taro.navigateTo({ url: `/tickets/pages/detail/index?id=${t.id}` })}>
          <View className='tickets__head'>
            <Text className='tickets__category'>{t.categoryName}</Text>
            <StatusBadge status={t.status} />
          </View>
          <Text className='tickets__desc'>{t.description}</Text>
          <View className='tickets__meta'>
            <Text>{t.number}</Text>
            <Text>{formatTime(t.createdAt)}</Text>
          </View>
          {t.nextDeadline ? (
            <Text className='tickets__deadline'>
              {zh.tickets.deadline}：{formatTime(t.nextDeadline)}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}
