import { useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, Input, TextArea } from '@nutui/nutui-react-taro'
import { zh } from '../../../i18n/zh'
import { CategoryGrid } from '../../../components/category-grid'
import { PhotoPicker } from '../../../components/photo-picker'
import { EmergencyNotice } from '../../../components/emergency-notice'
import { CATEGORIES, findCategory } from '../../../features/report/categories'
import { countChars, DESCRIPTION_MAX, DESCRIPTION_MIN, toReportInput, validateDraft, type DraftProblem } from '../../../features/report/report-draft'
import { useReportDraft } from '../../../features/report/use-report-draft'
import { usePhotoUploads } from '../../../features/report/use-photo-uploads'
import { submitWithRetry } from '../../../features/report/submit-report'
import { tokenFromRouterParams } from '../../../features/qr/qr-token'
import { arrivalStore } from '../../../features/arrival/arrival-store'
import { reportTicket } from '../../../services/api/operations'
import { errorCodeOf } from '../../../services/api/errors'
import { session } from '../../../services/auth/session'
import './index.css'

function problemText(p: DraftProblem): string {
  const t = zh.report.invalid
  switch (p) {
    case 'descriptionShort':
      return t.descriptionShort(DESCRIPTION_MIN)
    case 'descriptionLong':
      return t.descriptionLong(DESCRIPTION_MAX)
    default:
      return t[p]
  }
}

export default function ReportNew() {
  const { params } = useRouter()
  const arrival = useMemo(() => {
    const stored = arrivalStore.load()
    const token = tokenFromRouterParams(params as Record<string, string | undefined>) ?? stored?.token ?? null
    const place = stored && stored.token === token ? { complexName: stored.complexName, spotName: stored.spotName } : null
    return { token, place, phone: session.phone() }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const form = useReportDraft(arrival)
  const { draft } = form
  const [submitting, setSubmitting] = useState(false)
  const [showErrors, setShowErrors] = useState(false)

  usePhotoUploads(draft.photos, (fn) => form.update((d) => ({ ...d, photos: fn(d.photos) })))

  const problems = validateDraft(draft)
  const category = findCategory(draft.categoryCode)
  const shown = (p: DraftProblem) => showErrors && problems.includes(p)
  const descLen = countChars(draft.description)

  const submit = async () => {
    if (problems.length) {
      setShowErrors(true)
      Taro.showToast({ title: problemText(problems[0]), icon: 'none' })
      return
    }
    setSubmitting(true)
    try {
      const created = await submitWithRetry(toReportInput(draft), reportTicket)
      form.clear()
      Taro.showToast({ title: zh.report.submitted, icon: 'success' })
      Taro.redirectTo({ url: `/tickets/pages/detail/index?id=${encodeURIComponent(created.id)}` })
    } catch (e) {
      // The draft (and its idempotency key) stays: a later tap retries the same request.
      const code = errorCodeOf(e)
      if (code !== 'UNAUTHENTICATED') Taro.showToast({ title: zh.errors[code], icon: 'none' })
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='page report'>
      {draft.place ? (
        <View className='report__place'>
          <Text className='report__place-name'>{draft.place.complexName}</Text>
          {draft.place.spotName ? <Text className='report__place-spot'>{draft.place.spotName}</Text> : null}
        </View>
      ) : null}
      {form.restored ? <Text className='report__restored'>{zh.report.draftRestored}</Text> : null}

      <View className='card'>
        <View className='card__title'>
          <Text>{zh.report.categoryTitle}</Text>
        </View>
        <CategoryGrid categories={CATEGORIES} value={draft.categoryCode} onChange={(code) => form.change({ type: 'category', code })} />
        {shown('category') ? <Text className='field-error'>{zh.report.invalid.category}</Text> : null}
        {category?.emergency ? <EmergencyNotice advice={category.emergency.advice} phone={category.emergency.phone} /> : null}
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text>{zh.report.descriptionTitle}</Text>
          <Text className={`card__hint${descLen > DESCRIPTION_MAX ? ' report__over' : ''}`}>
            {descLen}/{DESCRIPTION_MAX}
          </Text>
        </View>
        <TextArea
          className='report__textarea'
          value={draft.description}
          placeholder={zh.report.descriptionPlaceholder}
          maxLength={DESCRIPTION_MAX + 50}
          autoSize
          onChange={(v) => form.change({ type: 'description', text: String(v) })}
        />
        {shown('descriptionShort') ? <Text className='field-error'>{problemText('descriptionShort')}</Text> : null}
        {shown('descriptionLong') ? <Text className='field-error'>{problemText('descriptionLong')}</Text> : null}
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text>{zh.report.photosTitle}</Text>
          <Text className='card__hint'>{zh.report.photosHint(draft.photos.length, 9)}</Text>
        </View>
        <PhotoPicker photos={draft.photos} onChange={(fn) => form.update((d) => ({ ...d, photos: fn(d.photos) }))} />
        {shown('photosFailed') ? <Text className='field-error'>{zh.report.invalid.photosFailed}</Text> : null}
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text>{zh.report.spotTitle}</Text>
        </View>
        <View className='report__row'>
          <Text className='report__label'>{zh.report.building}</Text>
          <Input value={draft.spot.building} placeholder={zh.report.buildingPlaceholder} onChange={(v) => form.change({ type: 'spot', field: 'building', value: String(v) })} />
        </View>
        <View className='report__row'>
          <Text className='report__label'>{zh.report.unit}</Text>
          <Input value={draft.spot.unit} placeholder={zh.report.unitPlaceholder} onChange={(v) => form.change({ type: 'spot', field: 'unit', value: String(v) })} />
        </View>
        <View className='report__row'>
          <Text className='report__label'>{zh.report.spotDetail}</Text>
          <Input value={draft.spot.detail} placeholder={zh.report.spotDetailPlaceholder} onChange={(v) => form.change({ type: 'spot', field: 'detail', value: String(v) })} />
        </View>
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text>{zh.report.contactTitle}</Text>
        </View>
        <Input type='tel' value={draft.contactPhone} maxLength={11} placeholder={zh.report.contactPlaceholder} onChange={(v) => form.change({ type: 'contactPhone', value: String(v) })} />
        {shown('phone') ? <Text className='field-error'>{zh.report.invalid.phone}</Text> : null}
        {shown('qrToken') ? <Text className='field-error'>{zh.report.invalid.qrToken}</Text> : null}
      </View>

      <View className='bottom-bar'>
        <Text className='report__saved muted'>{zh.report.draftSaved}</Text>
        <Button id='report-submit' type='primary' block size='large' loading={submitting} disabled={submitting} onClick={submit}>
          {submitting ? zh.report.submitting : zh.report.submit}
        </Button>
      </View>

      <Dialog
        visible={form.pendingChoice !== null}
        title={zh.report.otherDraftTitle}
        content={zh.report.otherDraftBody}
        confirmText={zh.report.continueOld}
        cancelText={zh.report.startNew}
        closeOnOverlayClick={false}
        onConfirm={form.keepOld}
        onCancel={form.startNew}
      />
    </View>
  )
}
