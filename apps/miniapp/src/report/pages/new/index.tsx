import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, Input, TextArea } from '@nutui/nutui-react-taro'
import { ErrorCode } from '@msb/shared-types'
import { zh } from '../../../i18n/zh'
import { CategoryGrid } from '../../../components/category-grid'
import { PhotoPicker } from '../../../components/photo-picker'
import { EmergencyNotice } from '../../../components/emergency-notice'
import { SimilarReports } from '../../../components/similar-reports'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { emergencyPhone } from '../../../features/report/categories'
import { MAX_PHOTOS } from '../../../features/report/photo-queue'
import {
  countChars, DESCRIPTION_MAX, DESCRIPTION_MIN, SPOT_DETAIL_MAX, toReportInput, UNIT_MAX, validateDraft, type DraftProblem,
} from '../../../features/report/report-draft'
import { useReportDraft } from '../../../features/report/use-report-draft'
import { usePhotoUploads } from '../../../features/report/use-photo-uploads'
import { useCategories } from '../../../features/report/use-categories'
import { submitWithRetry } from '../../../features/report/submit-report'
import { tokenFromRouterParams } from '../../../features/qr/qr-token'
import { arrivalStore } from '../../../features/arrival/arrival-store'
import { reportTicket } from '../../../services/api/operations'
import { errorCodeOf } from '../../../services/api/errors'
import { goToLogin, session } from '../../../services/auth/session'
import { routes } from '../../../routes'
import { clockOf } from '../../../features/tickets/deadline'
import { askSubscribeConsent, setAutocomplete } from '../../../platform/platform'
import { WechatPhoneButton } from '../../../components/wechat-phone/wechat-phone'
import { wechatTemplateIds } from '../../../services/api/config'
import { OwnerHeader } from '../../../components/owner-header'
import type { ApiErrorCode } from '../../../services/api/errors'
import { useElderMode } from '../../../features/elder/use-elder-mode'
import { ElderToggle } from '../../../components/elder-toggle'
import './index.css'

/** The banner a failed 提交 leaves (it stays until the next try): offline ≠ a busy server ≠ a refusal. */
export function submitFailureText(code: ApiErrorCode): string {
  if (code === 'NETWORK') return zh.owner.submitFailedTitle
  if (code === 'SERVER_BUSY' || code === ErrorCode.UNAVAILABLE || code === ErrorCode.INTERNAL || code === ErrorCode.RATE_LIMITED) return zh.owner.submitFailedServer
  if (code === ErrorCode.UNAUTHENTICATED) return zh.owner.submitFailedOther(zh.report.sessionExpired)
  return zh.owner.submitFailedOther(zh.errors[code])
}

type FieldRef = { focus: () => void } | null

/** Anything typed or added in the optional part of the form (it is never hidden once filled). */
const hasOptional = (d: { photos: readonly unknown[]; spot: { unit: string; detail: string } }) => d.photos.length > 0 || !!d.spot.unit || !!d.spot.detail

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

/** Report a problem: category, text, photos, spot (prefilled from the QR), contact phone. Every keystroke is saved. */
export default function ReportNew() {
  const { params } = useRouter()
  const arrival = useMemo(() => {
    const stored = arrivalStore.load()
    const token = tokenFromRouterParams(params as Record<string, string | undefined>) ?? stored?.token ?? null
    const here = stored && stored.token === token ? stored : null
    return {
      token,
      place: here ? { complexName: here.complexName, spotName: here.spotName, buildings: here.buildings } : null,
      buildingId: here?.buildingId ?? null,
      phone: session.phone(),
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const form = useReportDraft(arrival)
  const { draft } = form
  const cats = useCategories()
  const [submitting, setSubmitting] = useState(false)
  const [showErrors, setShowErrors] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const elder = useElderMode()
  const [showMore, setShowMore] = useState(false)
  const unitRef = useRef<FieldRef>(null)
  const detailRef = useRef<FieldRef>(null)
  const phoneRef = useRef<FieldRef>(null)

  // Filing needs an owner: sign in first (the draft waits in storage) and come back here.
  useEffect(() => {
    if (!session.isSignedIn()) goToLogin()
    setAutocomplete('report-phone', 'tel')
  }, [])

  usePhotoUploads(draft.photos, (fn) => form.update((d) => ({ ...d, photos: fn(d.photos) })))

  if (!draft.qrToken) {
    return (
      <ErrorState icon='📷' title={zh.report.noPlace} message={zh.report.scanFirst} action={zh.home.goHome} onAction={() => Taro.reLaunch({ url: routes.home() })} />
    )
  }
  if (!cats.list) {
    return cats.error ? <ErrorState code={cats.error} title={zh.report.categoriesFailed} onRetry={cats.reload} /> : <LoadingState />
  }

  const codes = cats.list.map((c) => c.code)
  const problems = validateDraft(draft, codes)
  const category = cats.list.find((c) => c.code === draft.categoryCode)
  const shown = (p: DraftProblem) => showErrors && problems.includes(p)
  const descLen = countChars(draft.description)
  const buildings = draft.place?.buildings ?? []

  const submit = async () => {
    if (problems.length) {
      setShowErrors(true)
      Taro.showToast({ title: problemText(problems[0]), icon: 'none' })
      return
    }
    if (!session.isSignedIn()) return goToLogin()
    // WeChat shows the subscribe prompt only inside the tap: ask first, before anything is awaited.
    const consent = askSubscribeConsent(wechatTemplateIds)
    setSubmitting(true)
    try {
      await consent
      // Same input, same idempotency key on every attempt: a lost answer never files twice.
      const created = await submitWithRetry(toReportInput(draft, codes), reportTicket)
      form.clear()
      session.rememberPhone(draft.contactPhone)
      setFailure(null)
      const accept = clockOf(created.clocks, 'ACCEPT')
      Taro.redirectTo({
        url: routes.reportDone({ id: created.id, number: created.number, acceptBy: accept?.dueAt ?? null, working: accept?.calendar === 'WORKING_HOURS' }),
      })
    } catch (e) {
      // The draft (and its key) stays: a later tap retries the same request. The banner stays too.
      setFailure(submitFailureText(errorCodeOf(e)))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className={`page report${elder.className}`} id='page-report'>
      <OwnerHeader />
      {draft.place ? (
        <View className='report__place'>
          <Text className='report__place-name'>{draft.place.complexName}</Text>
          {draft.place.spotName ? <Text className='report__place-spot'>📍 {draft.place.spotName}</Text> : null}
        </View>
      ) : null}
      {form.restored ? <Text className='report__restored' id='report-restored'>{zh.report.draftRestored}</Text> : null}
      <ElderToggle on={elder.on} onToggle={elder.toggle} />
      <View className='report__gap' />

      <View className='card'>
        <View className='card__title'>
          <Text>{zh.report.categoryTitle}</Text>
        </View>
        <CategoryGrid categories={cats.list} value={draft.categoryCode} onChange={(code) => form.change({ type: 'category', code })} />
        {shown('category') ? <Text className='field-error'>{zh.report.invalid.category}</Text> : null}
        {category?.emergency && category.advice ? <EmergencyNotice advice={category.advice} phone={emergencyPhone(category)} /> : null}
      </View>
      <SimilarReports qrToken={draft.qrToken} categoryCode={category ? category.code : null} />

      <View className='card'>
        <View className='card__title'>
          <Text>{zh.report.descriptionTitle}</Text>
          <Text className={`card__hint${descLen > DESCRIPTION_MAX ? ' report__over' : ''}`} id='report-count'>
            {descLen}/{DESCRIPTION_MAX}
          </Text>
        </View>
        <TextArea
          id='report-description'
          className='report__textarea'
          value={draft.description}
          placeholder={zh.report.descriptionPlaceholder}
          maxLength={DESCRIPTION_MAX + 50}
          autoSize
          onChange={(v) => form.change({ type: 'description', text: String(v) })}
        />
        {elder.on ? <Text className='report__voice' id='report-voice-hint'>{zh.owner.elderVoiceHint}</Text> : null}
        {shown('descriptionShort') ? <Text className='field-error'>{problemText('descriptionShort')}</Text> : null}
        {shown('descriptionLong') ? <Text className='field-error'>{problemText('descriptionLong')}</Text> : null}
      </View>

      {/* 长辈模式 keeps the form short: what and where are the QR's; photos and details wait behind one tap. */}
      {elder.on && !showMore && !hasOptional(draft) ? (
        <View className='report__more' id='report-more' onClick={() => setShowMore(true)}>
          ＋ {zh.owner.elderMore}
        </View>
      ) : (
        <>
        <View className='card'>
          <View className='card__title'>
            <Text>{zh.report.photosTitle}</Text>
            <Text className='card__hint'>{zh.report.photosHint(draft.photos.length, MAX_PHOTOS)}</Text>
          </View>
          <PhotoPicker photos={draft.photos} onChange={(fn) => form.update((d) => ({ ...d, photos: fn(d.photos) }))} />
          {shown('photosFailed') ? <Text className='field-error'>{zh.report.invalid.photosFailed}</Text> : null}
          {shown('photosPending') ? <Text className='field-error'>{zh.report.invalid.photosPending}</Text> : null}
        </View>

        <View className='card'>
          <View className='card__title'>
            <Text>{zh.report.spotTitle}</Text>
          </View>
          {buildings.length ? (
            <View className='report__row report__row--wrap'>
              <Text className='report__label'>{zh.report.building}</Text>
              <View className='report__chips'>
                {buildings.map((b) => (
                  <View
                    key={b.id}
                    id={`building-${b.id}`}
                    className={`report__chip${draft.spot.buildingId === b.id ? ' report__chip--selected' : ''}`}
                    onClick={() => form.change({ type: 'building', id: draft.spot.buildingId === b.id ? null : b.id })}
                  >
                    {b.name}
                  </View>
                ))}
                <View
                  id='building-none'
                  className={`report__chip${draft.spot.buildingId === null ? ' report__chip--selected' : ''}`}
                  onClick={() => form.change({ type: 'building', id: null })}
                >
                  {zh.report.buildingNone}
                </View>
              </View>
            </View>
          ) : null}
          <View className='report__row'>
            <Text className='report__label' id='label-unit' onClick={() => unitRef.current?.focus()}>{zh.report.unit}</Text>
            <Input ref={unitRef} className='report__input' id='report-unit' value={draft.spot.unit} maxLength={UNIT_MAX} placeholder={zh.report.unitPlaceholder} onChange={(v) => form.change({ type: 'spot', field: 'unit', value: String(v) })} />
          </View>
          <View className='report__row'>
            <Text className='report__label' id='label-detail' onClick={() => detailRef.current?.focus()}>{zh.report.spotDetail}</Text>
            <Input ref={detailRef} className='report__input' id='report-detail' value={draft.spot.detail} maxLength={SPOT_DETAIL_MAX} placeholder={zh.report.spotDetailPlaceholder} onChange={(v) => form.change({ type: 'spot', field: 'detail', value: String(v) })} />
          </View>
        </View>

        </>
      )}
      <View className='card'>
        <View className='card__title' id='label-phone' onClick={() => phoneRef.current?.focus()}>
          <Text>{zh.report.contactTitle}</Text>
        </View>
        <Input ref={phoneRef} className='report__input report__input--phone' id='report-phone' type='tel' value={draft.contactPhone} maxLength={11} placeholder={zh.report.contactPlaceholder} onChange={(v) => form.change({ type: 'contactPhone', value: String(v) })} />
        <WechatPhoneButton onPhone={(value) => form.change({ type: 'contactPhone', value })} />
        {shown('phone') ? <Text className='field-error'>{zh.report.invalid.phone}</Text> : null}
      </View>

      <View className='bottom-bar'>
        {failure ? (
          <View className='report__failed' id='report-failed' role='alert'>
            {failure}
          </View>
        ) : (
          <Text className='report__saved muted'>{zh.report.draftSaved}</Text>
        )}
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
