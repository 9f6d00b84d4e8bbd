import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { JOINABLE_STATUSES } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { staffLinksZh } from '../../../i18n/links-zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { TicketCard } from '../../../components/staff-ui'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { ticket as loadTicket } from '../../../services/api/staff-operations'
import { mergeCandidates, mergeTicket } from '../../../services/api/link-operations'
import '../../../components/staff-ui/index.css'

/** Merge a duplicate into another open ticket of its complex: same-category candidates first, or one typed by number. */
export default function MergePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload } = useQuery(async () => {
    const t = await loadTicket(id)
    const open = await mergeCandidates({ complexId: t.complex.id, statuses: [...JOINABLE_STATUSES], categoryCodes: [t.category.code] })
    return { t, candidates: open.filter((c) => c.id !== t.id) }
  }, [id])
  const [pick, setPick] = useState<string | null>(null)
  const [number, setNumber] = useState('')
  const [note, setNote] = useState('')
  const { busy, run } = useStaffAction()
  const z = staffLinksZh.merge

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={() => void reload()} />
  const { t, candidates } = state.data

  const submit = async () => {
    let into = pick
    if (!into && number.trim()) {
      const found = await mergeCandidates({ complexId: t.complex.id, statuses: [...JOINABLE_STATUSES] }).catch(() => [])
      into = found.find((c) => c.number === number.trim() && c.id !== t.id)?.id ?? null
      if (!into) return Taro.showToast({ title: z.notFound, icon: 'none' })
    }
    if (!into) return Taro.showToast({ title: z.pick, icon: 'none' })
    await run(() => mergeTicket({ ticketId: t.id, version: t.version, intoTicketId: into!, note: note.trim() || undefined }), { onError: () => void reload() })
  }

  return (
    <View className='staff' id='page-staff-merge'>
      <Text className='section-title'>{t.number} · {t.category.name}</Text>
      <View className='card'>
        <Text className='tcard__text'>{z.hint}</Text>
      </View>
      <Text className='section-title'>{z.sameCategory}</Text>
      {candidates.length === 0 ? <EmptyState compact text={z.empty} id='merge-empty' /> : null}
      {candidates.map((c) => (
        <View key={c.id} id={`merge-into-${c.id}`} className={`pickable${pick === c.id ? ' pickable--on' : ''}`}>
          <TicketCard t={c} onTap={() => { setPick(pick === c.id ? null : c.id); setNumber('') }} />
        </View>
      ))}
      <View className='field'>
        <Text className='field__label'>{z.byNumber}</Text>
        <Input id='merge-number' className='field__input' value={number} placeholder='MSB-…' onInput={(e) => { setNumber(e.detail.value); setPick(null) }} />
      </View>
      <View className='field'>
        <Textarea id='merge-note' className='field__area' value={note} maxlength={200} placeholder={staffZh.forms.notePlaceholder} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <View id='merge-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={() => void submit()}>{z.submit}</View>
    </View>
  )
}
