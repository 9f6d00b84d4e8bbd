import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import { ErrorCode, TicketAction } from '@msb/shared-types'
import { oversightZh as t } from '../../../i18n/oversight-zh'
import { zh } from '../../../i18n/zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { StatusBadge } from '../../../components/status-badge'
import { useQuery } from '../../../features/common/use-query'
import { deadlineInput, superviseRounds, SUPERVISE_NOTE_MAX, SUPERVISE_NOTE_MIN } from '../../../features/oversight/supervise-form'
import { shanghaiToday } from '../../../features/oversight/figures-view'
import { ticket as loadTicket } from '../../../services/api/staff-operations'
import { superviseTicket } from '../../../services/api/oversight-operations'
import { errorCodeOf, isApiError } from '../../../services/api/errors'
import '../../oversight.css'

/** 督办: a note and, optionally, a deadline the handler must finish by; again (再次督办) as often as needed. */
export default function Supervise() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload } = useQuery(() => loadTicket(id), [id])
  const [note, setNote] = useState('')
  const [day, setDay] = useState<string | null>(null)
  const [time, setTime] = useState('17:30')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={reload} />
  const tk = state.data
  const rounds = superviseRounds(tk.timeline)
  const allowed = tk.availableActions.includes(TicketAction.SUPERVISE)

  const submit = async () => {
    if (busy) return
    const text = note.trim()
    if (text.length < SUPERVISE_NOTE_MIN || text.length > SUPERVISE_NOTE_MAX) return setError(t.supervise.noteLength)
    const deadline = day ? deadlineInput(day, time, Date.now()) : null
    if (day && !deadline) return setError(t.supervise.deadlineInvalid)
    setBusy(true)
    setError(null)
    try {
      await superviseTicket({ ticketId: tk.id, note: text, deadline })
      Taro.showToast({ title: t.supervise.done, icon: 'success' })
      setTimeout(() => Taro.navigateBack().catch(() => {}), 800)
    } catch (e) {
      const c = errorCodeOf(e)
      const field = isApiError(e) ? String(e.extensions?.field ?? '') : ''
      setError(c === ErrorCode.BAD_USER_INPUT && field === 'deadline' ? t.supervise.deadlineInvalid : c === ErrorCode.BAD_USER_INPUT && field === 'note' ? t.supervise.noteLength : zh.errors[c])
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='ov' id='page-oversight-supervise'>
      <View className='ov-card'>
        <View className='ov-ticket__head'>
          <Text className='ov-ticket__cat'>{tk.category.name}</Text>
          <StatusBadge status={tk.status} />
        </View>
        <Text className='ov-note'>{tk.number} · {tk.complex.name}</Text>
        <Text className='ov-supervise__text'>{tk.text}</Text>
        <Text className='ov-note' id='supervise-rounds' data-rounds={String(rounds)}>{rounds ? t.supervise.rounds(rounds) : t.supervise.first}</Text>
      </View>
      {allowed ? (
        <View className='ov-card'>
          <Text className='ov-card__title'>{rounds ? t.supervise.againTitle : t.supervise.title}</Text>
          <View className='ov-field'>
            <Text className='ov-field__label'>{t.supervise.note}</Text>
            <Textarea id='supervise-note' className='ov-field__area' value={note} maxlength={SUPERVISE_NOTE_MAX} placeholder={t.supervise.notePlaceholder} onInput={(e) => { setNote(e.detail.value); setError(null) }} />
            <Text className='ov-field__count'>{note.trim().length}/{SUPERVISE_NOTE_MAX}</Text>
          </View>
          <View className='ov-field'>
            <Text className='ov-field__label'>{t.supervise.deadline}</Text>
            <View className='ov-field__row'>
              <Picker mode='date' value={day ?? shanghaiToday()} start={shanghaiToday()} onChange={(e) => setDay(e.detail.value)}>
                <View className='ov-field__pick' id='supervise-day'>{day ?? t.supervise.noDeadline}</View>
              </Picker>
              {day ? (
                <Picker mode='time' value={time} onChange={(e) => setTime(e.detail.value)}>
                  <View className='ov-field__pick' id='supervise-time'>{time}</View>
                </Picker>
              ) : null}
              {day ? <View className='ov-link' id='supervise-clear-day' onClick={() => setDay(null)}>{t.supervise.clear}</View> : null}
            </View>
            <Text className='ov-note'>{t.supervise.deadlineHint}</Text>
          </View>
          {error ? <Text className='ov-error' id='supervise-error'>{error}</Text> : null}
          <View id='supervise-submit' className={`ov-btn${busy ? ' ov-btn--busy' : ''}`} onClick={submit}>{rounds ? t.supervise.submitAgain : t.supervise.submit}</View>
        </View>
      ) : (
        <ErrorState compact id='supervise-closed' icon='ℹ️' title={t.supervise.notAllowedTitle} message={t.supervise.notAllowed} />
      )}
    </View>
  )
}
