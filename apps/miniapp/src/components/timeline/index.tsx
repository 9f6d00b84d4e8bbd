import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { eventActor, eventDetails, eventTitle } from '../../features/tickets/timeline'
import { formatTime } from '../../features/tickets/format'
import { mediaSrc } from '../../services/api/media'
import type { TimelineEvent } from '../../services/api/operations'
import { StatusBadge } from '../status-badge'
import './index.css'

/** The whole timeline, oldest first: what happened, who did it, when, notes and photos. */
export function Timeline({ events }: { events: readonly TimelineEvent[] }) {
  return (
    <View className='timeline' id='timeline'>
      {events.map((e, i) => {
        const photos = e.attachments.map((a) => mediaSrc(a.url))
        const changed = e.fromStatus !== e.toStatus
        return (
          <View key={e.id} className={`timeline__event${i === events.length - 1 ? ' timeline__event--last' : ''}`} data-action={e.action}>
            <View className='timeline__rail'>
              <View className={`timeline__dot${i === events.length - 1 ? ' timeline__dot--now' : ''}`} />
              <View className='timeline__line' />
            </View>
            <View className='timeline__body'>
              <View className='timeline__head'>
                <Text className='timeline__title'>{eventTitle(e)}</Text>
                {changed ? <StatusBadge status={e.toStatus} /> : null}
              </View>
              <Text className='timeline__who'>
                {eventActor(e)} · {formatTime(e.createdAt)}
              </Text>
              {eventDetails(e).map((d) => (
                <Text key={d} className='timeline__detail'>
                  {d}
                </Text>
              ))}
              {e.note ? <Text className='timeline__note'>{e.note}</Text> : null}
              {photos.length ? (
                <View className='timeline__photos'>
                  {photos.map((src) => (
                    <Image key={src} className='timeline__photo' src={src} mode='aspectFill' onClick={() => Taro.previewImage({ current: src, urls: photos }).catch(() => {})} />
                  ))}
                </View>
              ) : null}
            </View>
          </View>
        )
      })}
    </View>
  )
}
