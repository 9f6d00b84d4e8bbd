import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { staffZh } from '../../../i18n/staff-zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { staffSession } from '../../../features/staff/staff-session'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { act, assignees as loadAssignees, ticket as loadTicket, type Handler } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

/**
 * Assign or reassign: exactly the people the server lets the caller choose (a manager: the team but the holder;
 * staff: themselves), each with their open load, fewest first. Nobody to choose: says so, offers nothing.
 */
export default function AssignPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state } = useQuery(() => loadTicket(id), [id])
  const [people, setPeople] = useState<Handler[] | null>(null)
  const [pick, setPick] = useState<string | null>(null)
  const { busy, run } = useStaffAction()
  const me = staffSession.get()
  useEffect(() => {
    loadAssignees(id).then(setPeople, () => setPeople([]))
  }, [id])

  if (state.status === 'loading' || !people) return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} />
  const t = state.data

  const submit = async () => {
    if (!pick) return Taro.showToast({ title: staffZh.forms.pickOne, icon: 'none' })
    await run(() => act('assignTicket', { ticketId: t.id, version: t.version, assigneeId: pick }))
  }

  return (
    <View className='staff' id='page-staff-assign'>
      <Text className='section-title'>{t.number} · {t.category.name}</Text>
      {people.map((p) => (
        <View key={p.id} id={`assignee-${p.id}`} className={`option${pick === p.id ? ' option--on' : ''}`} onClick={() => setPick(p.id)}>
          <View>
            <Text>{p.name}{p.id === me?.id ? staffZh.forms.me : ''}</Text>
            <Text className='option__sub'> {p.role === 'PROJECT_MANAGER' ? '项目经理' : '物业员工'}{t.assignee?.id === p.id ? ' · 当前处理人' : ''}</Text>
          </View>
          <Text className='option__sub' id={`load-${p.id}`}>{staffZh.forms.load(p.openCount)}</Text>
        </View>
      ))}
      {people.length ? (
        <View id='assign-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
      ) : (
        <Text className='tcard__meta' id='assign-nobody'>{staffZh.forms.nobodyToAssign}</Text>
      )}
    </View>
  )
}
