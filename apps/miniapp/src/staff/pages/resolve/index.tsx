import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { staffZh } from '../../../i18n/staff-zh'
import { staffLinksZh } from '../../../i18n/links-zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { PhotoPicker } from '../../../components/photo-picker'
import { usePhotoUploads } from '../../../features/report/use-photo-uploads'
import type { PhotoItem } from '../../../features/report/photo-queue'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { act, handlingPhrases, replyTemplates, ticket as loadTicket } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

/** Resolve with a result and photos, or post a progress note with photos (mode=progress); reply templates per category. */
export default function ResolvePage() {
  const { params } = useRouter()
  const progress = params.mode === 'progress'
  const comment = params.mode === 'comment'
  const id = params.id ?? ''
  const { state } = useQuery(() => loadTicket(id), [id])
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<readonly PhotoItem[]>([])
  const [templates, setTemplates] = useState<string[]>([])
  const [canned, setCanned] = useState<{ title: string; body: string }[]>([])
  const { busy, run } = useStaffAction()
  usePhotoUploads(photos, (fn) => setPhotos((p) => fn(p)))
  const code = state.status === 'ready' ? state.data.category.code : null
  const complexId = state.status === 'ready' ? state.data.complex.id : null
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: comment ? staffLinksZh.titles.comment : progress ? staffZh.titles.progress : staffZh.titles.resolve })
    if (code) handlingPhrases(code).then((p) => setTemplates(p.replies), () => {})
  }, [code])
  // The company's own reply templates (administration) come first; a failed load leaves the built-in phrases.
  useEffect(() => {
    if (complexId != null) replyTemplates(complexId).then(setCanned, () => {})
  }, [complexId])

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} />
  const t = state.data

  const submit = async () => {
    if (text.trim().length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
    if (photos.some((p) => p.status !== 'done')) return Taro.showToast({ title: '照片上传中，请稍候', icon: 'none' })
    const photoIds = photos.map((p) => p.id!)
    await run(() =>
      comment
        ? act('commentTicket', { ticketId: t.id, text: text.trim(), photoIds })
        : progress
        ? act('addProgress', { ticketId: t.id, note: text.trim(), photoIds })
        : act('resolveTicket', { ticketId: t.id, version: t.version, result: text.trim(), photoIds }),
    )
  }

  return (
    <View className='staff' id={comment ? 'page-staff-comment' : progress ? 'page-staff-progress' : 'page-staff-resolve'}>
      <Text className='section-title'>{t.number} · {t.category.name}</Text>
      <View className='card'>
        <Text className='field__label'>{staffZh.forms.templates}</Text>
        <View className='chips'>
          {canned.map((c, i) => (
            <View key={`c${i}`} id={`reply-template-${i}`} className='chip' onClick={() => setText(c.body)}>{c.title}</View>
          ))}
          {templates.map((s, i) => (
            <View key={s} id={`template-${i}`} className='chip' onClick={() => setText(s)}>{s.length > 18 ? `${s.slice(0, 18)}…` : s}</View>
          ))}
        </View>
      </View>
      <View className='field'>
        <Textarea id='resolve-text' className='field__area' value={text} maxlength={1000} placeholder={comment ? staffZh.detail.commentPlaceholder : progress ? staffZh.forms.progressPlaceholder : staffZh.forms.resultPlaceholder} onInput={(e) => setText(e.detail.value)} />
      </View>
      <View className='card'>
        <Text className='field__label'>{staffZh.forms.photos}</Text>
        <PhotoPicker photos={photos} onChange={(fn) => setPhotos((p) => fn(p))} />
      </View>
      <View id='resolve-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
    </View>
  )
}
