import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import { Priority } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { Chips } from '../../../components/staff-ui'
import { defaultExtension, requestedDeadline } from '../../../features/staff/hotline'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { formatTime } from '../../../features/tickets/format'
import { act, categories, ticket as loadTicket, type StaffTicketDetail } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

type Mode = 'reclassify' | 'ask' | 'extension' | 'decide'
const MODES: readonly Mode[] = ['reclassify', 'ask', 'extension', 'decide']
const EXTEND_DAYS = [1, 3, 7]

/** The running handling clock's due time (the property's RESOLVE, or the department's own), if any. */
function handlingDue(t: StaffTicketDetail): string | null {
  const c = t.clocks.find((k) => (k.target === 'RESOLVE' || k.target === 'DEPT_RESOLVE') && !k.stopped && !k.paused && k.dueAt)
  return c?.dueAt ?? null
}

/**
 * Case handling (mode=reclassify | ask | extension | decide): change the category and/or priority with a reason;
 * ask the owner a question (the clock pauses until the answer); ask for a later resolve-by; grant or refuse it.
 */
export default function CasePage() {
  const { params } = useRouter()
  const mode: Mode = MODES.includes(params.mode as Mode) ? (params.mode as Mode) : 'ask'
  const id = params.id ?? ''
  const { state, reload } = useQuery(() => loadTicket(id), [id])
  const cats = useQuery(mode === 'reclassify' ? () => categories() : null, [mode])
  const [category, setCategory] = useState<string | null>(null)
  const [priority, setPriority] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [date, setDate] = useState('')
  const [time, setTime] = useState('18:00')
  const [granted, setGranted] = useState<'yes' | 'no'>('yes')
  const { busy, run } = useStaffAction()
  const due = state.status === 'ready' ? handlingDue(state.data) : null
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: staffZh.titles[mode] })
  }, [mode])
  useEffect(() => {
    if (state.status !== 'ready') return
    setCategory((c) => c ?? state.data.category.code)
    setPriority((p) => p ?? state.data.priority)
    if (mode === 'extension') {
      const d = defaultExtension(due, Date.now(), 3)
      setDate(d.date)
      setTime(d.time)
    }
  }, [state.status, mode, due])

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={reload} />
  const t = state.data
  const z = staffZh.cases
  const extendBy = (days: number) => {
    const d = defaultExtension(due, Date.now(), days)
    setDate(d.date)
    setTime(d.time)
  }

  const submit = async () => {
    const body = text.trim()
    if (mode === 'reclassify') {
      if (category === t.category.code && priority === t.priority) return Taro.showToast({ title: z.unchanged, icon: 'none' })
      if (body.length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
      return run(() => act('reclassifyTicket', {
        ticketId: t.id, version: t.version, reason: body,
        ...(category !== t.category.code ? { categoryCode: category! } : {}), ...(priority !== t.priority ? { priority: priority as Priority } : {}),
      }))
    }
    if (mode === 'decide') {
      if (granted === 'no' && body.length < 2) return Taro.showToast({ title: z.decideNote, icon: 'none' })
      return run(() => act('decideExtension', { ticketId: t.id, version: t.version, granted: granted === 'yes', ...(body ? { note: body } : {}) }))
    }
    if (body.length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
    if (mode === 'ask') return run(() => act('requestOwnerInfo', { ticketId: t.id, version: t.version, question: body }))
    const until = requestedDeadline(date, time, Date.now())
    if (!until) return Taro.showToast({ title: z.until, icon: 'none' })
    return run(() => act('requestExtension', { ticketId: t.id, version: t.version, until, reason: body }))
  }

  const label = mode === 'reclassify' ? z.reason : mode === 'ask' ? z.question : mode === 'extension' ? z.extensionReason : z.decideNote
  const placeholder = mode === 'reclassify' ? z.reasonPlaceholder : mode === 'ask' ? z.questionPlaceholder : mode === 'extension' ? z.extensionPlaceholder : z.decideNotePlaceholder

  return (
    // A form read and tapped on a phone, often on the move: the readable sizes, like the owner's pages.
    <View className='staff staff--readable' id={`page-staff-case-${mode}`}>
      <Text className='section-title'>{t.number} · {t.category.name}</Text>
      {mode === 'reclassify' ? (
        <View className='card'>
          <Text className='field__label'>{z.category}</Text>
          {cats.state.status === 'loading' ? <LoadingState compact /> : null}
          {cats.state.status === 'error' ? <ErrorState compact code={cats.state.code} onRetry={cats.reload} /> : null}
          {cats.state.status === 'ready' && cats.state.data.length === 0 ? <EmptyState compact text={z.noCategories} /> : null}
          {cats.state.status === 'ready' ? (
            <Chips idPrefix='case-category' value={category} onPick={setCategory} items={cats.state.data.map((c) => ({ key: c.code, label: c.name }))} />
          ) : null}
          <Text className='field__label' style={{ marginTop: '20rpx' }}>{z.priority}</Text>
          <Chips idPrefix='case-priority' value={priority} onPick={setPriority} items={Object.values(Priority).map((p) => ({ key: p, label: z.priorities[p] }))} />
        </View>
      ) : null}
      {mode === 'ask' ? <Text className='tcard__meta' id='case-ask-hint'>{z.questionHint}</Text> : null}
      {mode === 'extension' ? (
        <View className='card'>
          {due ? <Text className='tcard__meta' id='case-current-due'>{z.currentDue(formatTime(due))}</Text> : null}
          <Text className='field__label' style={{ marginTop: '16rpx' }}>{z.until}</Text>
          <View className='chips'>
            {EXTEND_DAYS.map((n) => (
              <View key={n} id={`case-extend-${n}`} className='chip' onClick={() => extendBy(n)}>+{n}天</View>
            ))}
          </View>
          <View className='staff__filters' style={{ marginTop: '16rpx' }}>
            <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
              <View className='staff__filter' id='case-date'>{date || z.pickDate} ▾</View>
            </Picker>
            <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
              <View className='staff__filter' id='case-time'>{time || z.pickTime} ▾</View>
            </Picker>
          </View>
          <Text className='tcard__meta'>{z.extensionHint}</Text>
        </View>
      ) : null}
      {mode === 'decide' ? (
        <View className='card'>
          {t.extensionRequestedUntil ? <Text className='tcard__meta' id='case-pending'>{z.pending(formatTime(t.extensionRequestedUntil))}</Text> : null}
          {due ? <Text className='tcard__meta'>{z.currentDue(formatTime(due))}</Text> : null}
          <Chips idPrefix='case-decide' value={granted} onPick={(k) => setGranted(k as 'yes' | 'no')} items={[{ key: 'yes', label: z.grant }, { key: 'no', label: z.refuse }]} />
        </View>
      ) : null}
      <View className='field'>
        <Text className='field__label'>{label}</Text>
        <Textarea id='case-text' className='field__area' value={text} maxlength={500} placeholder={placeholder} onInput={(e) => setText(e.detail.value)} />
      </View>
      <View id='case-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
    </View>
  )
}
