import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { TicketAction, type MediationOutcome } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { StatusBadge } from '../../../components/status-badge'
import { Timeline } from '../../../components/timeline'
import { Chips, Deadline } from '../../../components/staff-ui'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { useLiveRefresh } from '../../../features/live/use-live-refresh'
import { act, ticket as loadTicket } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

const pad = (n: number) => String(n).padStart(2, '0')
const today = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` }
const nowHm = () => { const d = new Date(); return `${pad(d.getHours())}:${pad(d.getMinutes())}` }

/** The full timeline of a dispute, the mediation clock, and the meeting record with its outcome. */
export default function MediationRecord() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload } = useQuery(() => loadTicket(id), [id])
  const [date, setDate] = useState(today())
  const [time, setTime] = useState(nowHm())
  const [place, setPlace] = useState('')
  const [people, setPeople] = useState('')
  const [notes, setNotes] = useState('')
  const [outcome, setOutcome] = useState('AGREEMENT')
  const { busy, run } = useStaffAction()
  useLiveRefresh(reload, { ticketId: id })

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={reload} />
  const t = state.data
  const canRecord = t.availableActions.includes(TicketAction.RECORD_MEDIATION)
  const rating = t.rating

  const submit = async () => {
    if (place.trim().length < 2 || people.trim().length < 2 || notes.trim().length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
    const meetingAt = new Date(`${date}T${time}:00+08:00`).toISOString()
    // The record stays on this page: it shows the ticket as the outcome left it.
    await run(() => act('recordMediation', { ticketId: t.id, version: t.version, outcome: outcome as MediationOutcome, meetingAt, place: place.trim(), participants: people.trim(), notes: notes.trim() }), { after: () => void reload() })
  }

  return (
    <View className='staff' id='page-mediator-record' data-status={t.status}>
      <View className='card'>
        <View className='tcard__head'>
          <View><Text className='tcard__cat'>{t.category.name}</Text><Text className='tcard__number'>{t.number}</Text></View>
          <View id='detail-status' data-status={t.status}><StatusBadge status={t.status} /></View>
        </View>
        <Text className='tcard__text'>{t.text}</Text>
        <Text className='tcard__meta'>{[t.complex.name, t.handlingUnit?.name, t.assignee ? `${staffZh.inbox.assignee}：${t.assignee.name}` : null].filter(Boolean).join(' · ')}</Text>
        {rating ? <Text className='tcard__meta' style={{ display: 'block' }}>{staffZh.mediation.ratingLabel(rating.satisfaction, rating.solved)}</Text> : null}
      </View>
      <Deadline clocks={t.clocks} target='MEDIATION' id='mediation-clock' />
      <Text className='section-title'>{staffZh.detail.timeline}</Text>
      <View className='card'><Timeline events={t.timeline} /></View>
      {canRecord ? (
        <View className='card' id='mediation-form'>
          <View className='field'>
            <Text className='field__label'>{staffZh.mediation.when}</Text>
            <View style={{ display: 'flex', gap: '16rpx' }}>
              <Picker mode='date' value={date} onChange={(e) => setDate(e.detail.value)}><View className='field__input'>{date}</View></Picker>
              <Picker mode='time' value={time} onChange={(e) => setTime(e.detail.value)}><View className='field__input'>{time}</View></Picker>
            </View>
          </View>
          <View className='field'>
            <Text className='field__label'>{staffZh.mediation.where}</Text>
            <Input id='mediation-place' className='field__input' value={place} onInput={(e) => setPlace(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>{staffZh.mediation.who}</Text>
            <Input id='mediation-people' className='field__input' value={people} onInput={(e) => setPeople(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>{staffZh.mediation.outcome}</Text>
            <Chips idPrefix='outcome' value={outcome} onPick={setOutcome} items={[{ key: 'AGREEMENT', label: staffZh.mediation.AGREEMENT }, { key: 'BACK_TO_HANDLING', label: staffZh.mediation.BACK_TO_HANDLING }]} />
          </View>
          <View className='field'>
            <Text className='field__label'>{outcome === 'AGREEMENT' ? staffZh.mediation.notes : staffZh.mediation.instructions}</Text>
            <Textarea id='mediation-notes' className='field__area' value={notes} maxlength={1000} onInput={(e) => setNotes(e.detail.value)} />
          </View>
          <View id='mediation-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
        </View>
      ) : null}
    </View>
  )
}
