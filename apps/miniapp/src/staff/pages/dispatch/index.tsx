import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { UnitKind } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { act, dispatchTargets, ticket as loadTicket, type DispatchTarget } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

/** Hand the ticket to another team or an outside department, with a reason. */
export default function DispatchPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state } = useQuery(() => loadTicket(id), [id])
  const [targets, setTargets] = useState<DispatchTarget[] | null>(null)
  const [pick, setPick] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const { busy, run } = useStaffAction()
  useEffect(() => {
    dispatchTargets(id).then(setTargets, () => setTargets([]))
  }, [id])

  if (state.status === 'loading' || !targets) return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} />
  const t = state.data

  const submit = async () => {
    if (!pick) return Taro.showToast({ title: staffZh.forms.pickOne, icon: 'none' })
    if (reason.trim().length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
    await run(() => act('dispatchTicket', { ticketId: t.id, version: t.version, targetUnitId: pick, reason: reason.trim() }))
  }

  const group = (kind: UnitKind, label: string) => {
    const list = targets.filter((u) => u.kind === kind && u.id !== t.handlingUnit?.id)
    return list.length ? (
      <View>
        <Text className='section-title'>{label}</Text>
        {list.map((u) => (
          <View key={u.id} id={`target-${u.id}`} className={`option${pick === u.id ? ' option--on' : ''}`} onClick={() => setPick(u.id)}>
            <Text>{u.name}</Text>
          </View>
        ))}
      </View>
    ) : null
  }

  return (
    <View className='staff' id='page-staff-dispatch'>
      <Text className='section-title'>{t.number} · {t.category.name}</Text>
      {group(UnitKind.DEPARTMENT, staffZh.forms.department)}
      {group(UnitKind.PROPERTY_TEAM, staffZh.forms.team)}
      <View className='field'>
        <Text className='field__label'>{staffZh.forms.note}</Text>
        <Textarea id='dispatch-reason' className='field__area' value={reason} maxlength={500} placeholder='转派原因' onInput={(e) => setReason(e.detail.value)} />
      </View>
      <View id='dispatch-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
    </View>
  )
}
