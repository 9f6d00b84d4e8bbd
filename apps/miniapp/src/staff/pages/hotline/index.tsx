import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { staffZh } from '../../../i18n/staff-zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { Chips } from '../../../components/staff-ui'
import { defaultExtension, requestedDeadline } from '../../../features/staff/hotline'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { formatTime } from '../../../features/tickets/format'
import { act, ticket as loadTicket } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

type Mode = 'contact' | 'return' | 'extension'
const TITLES: Record<Mode, string> = { contact: staffZh.titles.hotlineContact, return: staffZh.titles.hotlineReturn, extension: staffZh.titles.hotlineExtension }
/** Extensions offered at a tap, counted from the current resolve-by. */
const EXTEND_DAYS = [3, 7, 15]

/**
 * The 12345 desk (mode=contact | return | extension): record contacting the caller (how, and what was agreed),
 * ask the hotline to take the order back (reason and its basis), or ask for a later resolve-by. Each is reported
 * to the hotline by the server in the same step; the ticket's state does not change.
 */
export default function HotlinePage() {
  const { params } = useRouter()
  const mode: Mode = params.mode === 'return' || params.mode === 'extension' ? params.mode : 'contact'
  const id = params.id ?? ''
  const { state } = useQuery(() => loadTicket(id), [id])
  const [method, setMethod] = useState('phone')
  const [text, setText] = useState('')
  const [basis, setBasis] = useState('')
  const [unit, setUnit] = useState('')
  const [date, setDate] = useState('')
  const [time, setTime] = useState('18:00')
  const { busy, run } = useStaffAction()
  const resolveBy = state.status === 'ready' ? state.data.hotlineOrder?.resolveBy ?? null : null
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: TITLES[mode] })
  }, [mode])
  useEffect(() => {
    if (mode !== 'extension' || state.status !== 'ready') return
    const d = defaultExtension(resolveBy, Date.now())
    setDate(d.date)
    setTime(d.time)
  }, [mode, state.status, resolveBy])

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} />
  const t = state.data
  const h = staffZh.hotline

  const submit = async () => {
    if (text.trim().length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
    if (mode === 'contact') return run(() => act('recordHotlineContact', { ticketId: t.id, method, note: text.trim() }))
    if (mode === 'return') {
      if (basis.trim().length < 2) return Taro.showToast({ title: h.basis, icon: 'none' })
      return run(() => act('requestHotlineReturn', { ticketId: t.id, reason: text.trim(), basis: basis.trim(), ...(unit.trim() ? { suggestedUnit: unit.trim() } : {}) }))
    }
    const until = requestedDeadline(date, time, Date.now())
    if (!until) return Taro.showToast({ title: h.requestedDeadline, icon: 'none' })
    return run(() => act('requestHotlineExtension', { ticketId: t.id, reason: text.trim(), requestedDeadline: until }))
  }

  const extendBy = (days: number) => {
    const d = defaultExtension(resolveBy, Date.now(), days)
    setDate(d.date)
    setTime(d.time)
  }

  return (
    <View className='staff' id={`page-staff-hotline-${mode}`}>
      <Text className='section-title'>
        <Text className='tcard__hotline'>{h.badge}</Text> {t.hotlineOrder?.orderNo ?? ''} · {t.number}
      </Text>
      {mode === 'contact' ? (
        <View className='card'>
          <Text className='field__label'>{h.method}</Text>
          <Chips idPrefix='hotline-method' value={method} onPick={setMethod} items={Object.entries(h.methods).map(([key, label]) => ({ key, label }))} />
        </View>
      ) : null}
      {mode === 'extension' ? (
        <View className='card'>
          {resolveBy ? <Text className='tcard__meta' id='hotline-current-resolve'>{h.currentResolveBy(formatTime(resolveBy))}</Text> : null}
          <Text className='field__label' style={{ marginTop: '16rpx' }}>{h.requestedDeadline}</Text>
          <View className='chips'>
            {EXTEND_DAYS.map((n) => (
              <View key={n} id={`hotline-extend-${n}`} className='chip' onClick={() => extendBy(n)}>+{n}天</View>
            ))}
          </View>
          <View className='staff__filters' style={{ marginTop: '16rpx' }}>
            <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
              <View className='staff__filter' id='hotline-date'>{date || h.pickDate} ▾</View>
            </Picker>
            <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
              <View className='staff__filter' id='hotline-time'>{time || h.pickTime} ▾</View>
            </Picker>
          </View>
          <Text className='tcard__meta'>{h.extensionHint}</Text>
        </View>
      ) : null}
      <View className='field'>
        <Text className='field__label'>{mode === 'contact' ? h.contactNote : mode === 'return' ? h.returnReason : h.extensionReason}</Text>
        <Textarea
          id='hotline-text' className='field__area' value={text} maxlength={500}
          placeholder={mode === 'contact' ? h.contactPlaceholder : mode === 'return' ? h.returnReasonPlaceholder : h.extensionReasonPlaceholder}
          onInput={(e) => setText(e.detail.value)}
        />
      </View>
      {mode === 'return' ? (
        <View>
          <View className='field'>
            <Text className='field__label'>{h.basis}</Text>
            <Textarea id='hotline-basis' className='field__area' value={basis} maxlength={500} placeholder={h.basisPlaceholder} onInput={(e) => setBasis(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>{h.suggestedUnit}</Text>
            <Input id='hotline-unit' className='field__input' value={unit} maxlength={100} onInput={(e) => setUnit(e.detail.value)} />
          </View>
          <Text className='tcard__meta'>{h.returnHint}</Text>
        </View>
      ) : null}
      <View id='hotline-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
    </View>
  )
}
