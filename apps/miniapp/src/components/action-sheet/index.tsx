import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { MAX_PHOTOS_PER_ACTION, TicketAction } from '@msb/shared-types'
import { PhotoPicker } from '../photo-picker'
import { usePhotoUploads } from '../../features/report/use-photo-uploads'
import type { PhotoItem } from '../../features/report/photo-queue'
import { zh } from '../../i18n/zh'
import { ACTION_TEXT_MAX, EMPTY_FORM, WITH_PHOTOS, formProblems, type ActionForm, type OwnerAction } from '../../features/tickets/owner-actions'
import { StarRating } from '../star-rating'
import './index.css'

interface Props {
  action: OwnerAction
  busy: boolean
  onSubmit: (form: ActionForm) => void
  onClose: () => void
}

/** A bottom sheet with one owner action's form: rating (solved? + stars + comment) or a text. */
export function ActionSheet({ action, busy, onSubmit, onClose }: Props) {
  const [form, setForm] = useState<ActionForm>(EMPTY_FORM)
  const [tried, setTried] = useState(false)
  const [photos, setPhotos] = useState<readonly PhotoItem[]>([])
  usePhotoUploads(photos, (fn) => setPhotos((p) => fn(p)))
  const problems = formProblems(action, form)
  const t = zh.actions
  const submit = () => {
    setTried(true)
    if (photos.some((p) => p.status !== 'done')) return void Taro.showToast({ title: zh.report.invalid.photosPending, icon: 'none' })
    if (problems.length === 0) onSubmit({ ...form, photoIds: photos.map((p) => p.id!) })
  }
  return (
    <View className='sheet' id='action-sheet'>
      <View className='sheet__mask' onClick={busy ? undefined : onClose} />
      <View className='sheet__panel'>
        <Text className='sheet__title'>{t.titles[action]}</Text>
        <Text className='sheet__hint'>{t.hints[action]}</Text>
        {action === TicketAction.RATE ? (
          <>
            <Text className='sheet__label'>{t.solvedQuestion}</Text>
            <View className='sheet__choices'>
              {([true, false] as const).map((v) => (
                <View
                  key={String(v)}
                  id={v ? 'rate-solved' : 'rate-unsolved'}
                  className={`sheet__choice${form.solved === v ? ' sheet__choice--on' : ''}`}
                  onClick={() => setForm({ ...form, solved: v })}
                >
                  {v ? t.solvedYes : t.solvedNo}
                </View>
              ))}
            </View>
            {tried && problems.includes('solved') ? <Text className='field-error'>{t.invalid.solved}</Text> : null}
            <Text className='sheet__label'>{t.satisfactionQuestion}</Text>
            <StarRating value={form.satisfaction} onChange={(satisfaction) => setForm({ ...form, satisfaction })} />
            {tried && problems.includes('satisfaction') ? <Text className='field-error'>{t.invalid.satisfaction}</Text> : null}
          </>
        ) : null}
        <Textarea
          id='action-text'
          className='sheet__text'
          value={form.text}
          placeholder={t.placeholders[action]}
          maxlength={ACTION_TEXT_MAX}
          onInput={(e) => setForm({ ...form, text: e.detail.value })}
        />
        {WITH_PHOTOS.includes(action) ? (
          <View className='sheet__photos' id='action-photos'>
            <PhotoPicker photos={photos} onChange={(fn) => setPhotos((p) => fn(p))} max={MAX_PHOTOS_PER_ACTION} />
          </View>
        ) : null}
        {tried && problems.includes('textShort') ? <Text className='field-error'>{t.invalid.textShort}</Text> : null}
        {tried && problems.includes('textLong') ? <Text className='field-error'>{t.invalid.textLong}</Text> : null}
        <View className='sheet__buttons'>
          <Button id='action-cancel' className='sheet__button' size='large' disabled={busy} onClick={onClose}>
            {t.cancel}
          </Button>
          <Button id='action-submit' className='sheet__button' type='primary' size='large' loading={busy} disabled={busy} onClick={submit}>
            {busy ? t.submitting : action === 'WITHDRAW' ? zh.owner.confirmWithdraw : t.submit}
          </Button>
        </View>
      </View>
    </View>
  )
}
