import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import { mediaSrc } from '../../services/api/media'
import { addPhotos, MAX_PHOTOS, remainingSlots, removePhoto, retryPhoto, type PhotoItem } from '../../features/report/photo-queue'
import './index.css'

interface Props {
  photos: readonly PhotoItem[]
  onChange: (fn: (p: readonly PhotoItem[]) => PhotoItem[]) => void
  max?: number
}

let seq = 0
const makeKey = () => `ph-${Date.now().toString(36)}-${(seq++).toString(36)}`

/** Up to nine photos: thumbnails with upload progress, retry and remove. Uploading is driven by usePhotoUploads. */
export function PhotoPicker({ photos, onChange, max = MAX_PHOTOS }: Props) {
  const room = remainingSlots(photos, max)

  const pick = async () => {
    if (room <= 0) {
      Taro.showToast({ title: zh.photos.tooMany(max), icon: 'none' })
      return
    }
    try {
      const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const paths = res.tempFilePaths ?? []
      onChange((p) => {
        const r = addPhotos(p, paths, makeKey, max)
        if (r.dropped > 0) Taro.showToast({ title: zh.photos.tooMany(max), icon: 'none' })
        return r.photos
      })
    } catch {
      // cancelled
    }
  }

  // Once uploaded, the server copy (an H5 pick's blob: URL does not survive a reload).
  const src = (p: PhotoItem) => (p.status === 'done' && p.url ? mediaSrc(p.url) : p.localPath)
  const preview = (current: string) => {
    Taro.previewImage({ current, urls: photos.map(src) }).catch(() => {})
  }

  return (
    <View className='photo-picker'>
      {photos.map((p) => (
        <View key={p.key} className={`photo-picker__cell photo-picker__cell--${p.status}`}>
          <Image className='photo-picker__img' src={src(p)} mode='aspectFill' onClick={() => preview(src(p))} />
          {p.status === 'uploading' || p.status === 'queued' ? (
            <View className='photo-picker__overlay'>
              <Text className='photo-picker__progress'>{zh.photos.uploading(p.progress)}</Text>
              <View className='photo-picker__bar'>
                <View className='photo-picker__bar-fill' style={{ width: `${p.progress}%` }} />
              </View>
            </View>
          ) : null}
          {p.status === 'failed' ? (
            <View className='photo-picker__overlay photo-picker__overlay--failed' onClick={() => onChange((list) => retryPhoto(list, p.key))}>
              <Text className='photo-picker__failed'>{p.error === 'INTERRUPTED' ? zh.photos.interrupted : zh.photos.failed}</Text>
              <Text className='photo-picker__retry'>↻ {zh.photos.retry}</Text>
            </View>
          ) : null}
          <View
            className='photo-picker__remove'
            aria-label={zh.photos.remove}
            onClick={(e) => {
              e.stopPropagation()
              onChange((list) => removePhoto(list, p.key))
            }}
          >
            ×
          </View>
        </View>
      ))}
      {room > 0 ? (
        <View id='photo-add' className='photo-picker__cell photo-picker__add' onClick={pick}>
          <Text className='photo-picker__plus'>＋</Text>
          <Text className='photo-picker__add-text'>{zh.photos.add}</Text>
        </View>
      ) : null}
    </View>
  )
}
