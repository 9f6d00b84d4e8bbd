import { Text, View } from '@tarojs/components'
import { staffZh } from '../../i18n/staff-zh'
import type { Handler } from '../../services/api/staff-operations'

interface Props {
  ticket: { id: string; number: string }
  /** The server's list of whom the caller may choose (never empty here: without a choice 受理 runs at once). */
  people: readonly Handler[]
  busy: boolean
  /** null: accept without choosing (the server's default: staff take it themselves). */
  onAccept: (assigneeId: string | null) => void
  onClose: () => void
}

/**
 * 受理并指派 in one sheet: the people the server says the caller may give this ticket to (fewest open first);
 * one tap on a name accepts and assigns it. 仅受理 accepts without choosing.
 */
export function AcceptSheet({ ticket, people, busy, onAccept, onClose }: Props) {
  const f = staffZh.accept
  return (
    <View className='ssheet' id='accept-sheet'>
      <View className='ssheet__mask' onClick={busy ? undefined : onClose} />
      <View className='ssheet__panel'>
        <Text className='ssheet__title'>{f.title(ticket.number)}</Text>
        <Text className='ssheet__hint'>{f.hint}</Text>
        {people.map((p) => (
          <View key={p.id} id={`accept-to-${p.id}`} className={`option${busy ? ' btn--busy' : ''}`} onClick={() => !busy && onAccept(p.id)}>
            <Text>{p.name}<Text className='option__sub'> {p.role === 'PROJECT_MANAGER' ? '项目经理' : '物业员工'}</Text></Text>
            <Text className='option__sub'>{staffZh.forms.load(p.openCount)}</Text>
          </View>
        ))}
        <View className='ssheet__row'>
          <View id='accept-cancel' className='btn btn--grey' onClick={busy ? undefined : onClose}>{f.cancel}</View>
          <View id='accept-only' className={`btn btn--ghost${busy ? ' btn--busy' : ''}`} onClick={() => !busy && onAccept(null)}>{f.acceptOnly}</View>
        </View>
      </View>
    </View>
  )
}
