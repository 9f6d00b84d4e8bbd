import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { zh } from '../../../i18n/zh'
import { useAsync } from '../../../features/common/use-async'
import { formatTime } from '../../../features/tickets/format'
import { ticket } from '../../../services/api/operations'
import { StatusBadge } from '../../../components/status-badge'
import { ErrorState, LoadingState } from '../../../components/page-state'
import './index.css'

export default function TicketDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [state, reload] = useAsync(id ? () => ticket(id) : null, [id])

  if (!id) return <ErrorState code='NOT_FOUND' />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={state.code === 'NOT_FOUND' ? undefined : reload} />
  const t = state.data
  return (
    <View className='page detail'>
      <View className='card'>
        <View className='detail__head'>
          <Text className='detail__category'>{t.categoryName}</Text>
          <StatusBadge status={t.status} />
        </View>
        <Text className='detail__desc'>{t.description}</Text>
        <Text className='detail__meta'>
          {zh.tickets.number}：{t.number}
        </Text>
        <Text className='detail__meta'>
          {t.complexName}
          {t.spotName ? ` · ${t.spotName}` : ''}
        </Text>
        {t.nextDeadline ? (
          <Text className='detail__meta detail__deadline'>
            {zh.tickets.deadline}：{formatTime(t.nextDeadline)}
          </Text>
        ) : null}
      </View>
      <View className='card'>
        <View className='card__title'>
          <Text>{zh.tickets.timeline}</Text>
        </View>
        {t.timeline.map((e) => (
          <View key={e.id} className='detail__event'>
            <View className='detail__dot' />
            <View className='detail__event-body'>
              <View className='detail__event-head'>
                <Text className='detail__actor'>{e.actorName}</Text>
                {e.toStatus ? <StatusBadge status={e.toStatus} /> : null}
              </View>
              {e.note ? <Text className='detail__note'>{e.note}</Text> : null}
              {e.attachments.length ? (
                <View className='detail__photos'>
                  {e.attachments.map((a) => (
                    <Image
                      key={a.id}
                      className='detail__photo'
                      src={a.url}
                      mode='aspectFill'
                      onClick={() => Taro.previewImage({ current: a.url, urls: e.attachments.map((x) => x.url) })}
                    />
                  ))}
                </View>
              ) : null}
              <Text className='detail__time'>{formatTime(e.at)}</Text>
            </View>
          </View>
        ))}
      </View>
      {/* TODO(wiring): action bar from t.availableActions (withdraw, comment, rate, reopen, request mediation). */}
    </View>
  )
}
