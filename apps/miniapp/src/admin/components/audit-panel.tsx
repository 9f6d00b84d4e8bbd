import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { adminZh as t } from '../../i18n/admin-zh'
import { useQuery } from '../../features/common/use-query'
import { adminEvents } from '../../services/api/admin-operations'

const when = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

/** The audit trail, newest first, searchable: who, when, what, before → after. */
export function AuditPanel() {
  const [text, setText] = useState('')
  const q = useQuery(() => adminEvents(text.trim() ? { text: text.trim() } : {}), [text], { keepOnChange: true })
  const events = q.state.status === 'ready' ? q.state.data : []
  return (
    <View className='adm-card' id='admin-audit'>
      <Input id='audit-search' className='field__input' placeholder={t.auditSearch} value={text} onInput={(e) => setText(e.detail.value)} />
      {events.map((e) => (
        <View key={e.id} className='adm-event' id={`event-${e.id}`}>
          <View className='adm-event__head'>
            <Text className='adm-event__time'>{when(e.at)}</Text>
            <Text className='adm-event__who'>{e.actorName}</Text>
            <Text className='adm-event__what'>{e.action}</Text>
            <Text className='adm-event__obj'>{t.kinds[e.objectType] ?? e.objectType} {e.objectName}</Text>
          </View>
          {e.before ? <Text className='adm-event__diff'>{t.before}：{e.before}</Text> : null}
          {e.after ? <Text className='adm-event__diff'>{t.after}：{e.after}</Text> : null}
        </View>
      ))}
      {q.state.status === 'ready' && !events.length ? <Text className='adm-empty'>{t.empty}</Text> : null}
    </View>
  )
}
