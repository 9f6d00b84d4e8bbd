import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { staffZh } from '../../../i18n/staff-zh'
import { staffLinksZh } from '../../../i18n/links-zh'
import { zh } from '../../../i18n/zh'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { useQuery } from '../../../features/common/use-query'
import { errorCodeOf } from '../../../services/api/errors'
import { handlers as loadHandlers } from '../../../services/api/staff-operations'
import { bulkAssign, type BulkAssignResult } from '../../../services/api/link-operations'
import { routes } from '../../../routes'
import '../../../components/staff-ui/index.css'

/** `12.3,14.1` → the tickets with the versions the manager saw. */
export function parseItems(raw: string | undefined): { ticketId: string; version: number }[] {
  // Taro H5 hands query values over still percent-encoded; weapp decodes them.
  let s = raw ?? ''
  try { s = decodeURIComponent(s) } catch { /* left as it is */ }
  return s.split(',').map((x) => /^(\d{1,19})\.(\d{1,9})$/.exec(x)).filter((m): m is RegExpExecArray => !!m).map((m) => ({ ticketId: m[1], version: Number(m[2]) }))
}

/** 批量指派: the chosen tickets to one handler of the complex; then, per ticket, what happened (a stale one fails alone). */
export default function BulkAssignPage() {
  const { params } = useRouter()
  const complexId = Number(params.complex)
  const items = parseItems(params.items)
  const people = useQuery(() => loadHandlers(complexId), [complexId])
  const [pick, setPick] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [results, setResults] = useState<BulkAssignResult[] | null>(null)
  const z = staffLinksZh.bulk

  if (items.length === 0) return <EmptyState text={z.pickTickets} action={z.back} onAction={() => Taro.navigateBack()} />
  if (people.state.status === 'loading') return <LoadingState />
  if (people.state.status === 'error') return <ErrorState code={people.state.code} onRetry={() => void people.reload()} />

  const submit = async () => {
    if (!pick) return Taro.showToast({ title: staffZh.forms.pickOne, icon: 'none' })
    if (busy) return
    setBusy(true)
    try {
      setResults(await bulkAssign({ items, assigneeId: pick }))
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  if (results) {
    const ok = results.filter((r) => r.ok).length
    return (
      <View className='staff' id='page-staff-bulk-results'>
        <Text className='section-title' id='bulk-summary'>{z.done(ok, results.length - ok)}</Text>
        {results.map((r, i) => (
          <View key={`${r.ticketId}-${i}`} id={`bulk-result-${r.ticketId}`} data-ok={r.ok ? '1' : '0'} className={`bulk-result ${r.ok ? 'bulk-result--ok' : 'bulk-result--failed'}`}>
            <Text>{r.ticket?.number ?? `#${r.ticketId}`}</Text>
            <Text className='bulk-result__msg'>{r.ok ? z.ok : (r.code ? zh.errors[r.code] : r.message)}</Text>
          </View>
        ))}
        <View id='bulk-back' className='btn' onClick={() => Taro.reLaunch({ url: routes.staffInbox() })}>{z.back}</View>
      </View>
    )
  }

  return (
    <View className='staff' id='page-staff-bulk-assign'>
      <Text className='section-title'>{z.selected(items.length)}</Text>
      {[...people.state.data].sort((a, b) => a.openCount - b.openCount).map((p) => (
        <View key={p.id} id={`assignee-${p.id}`} className={`option${pick === p.id ? ' option--on' : ''}`} onClick={() => setPick(p.id)}>
          <Text>{p.name}</Text>
          <Text className='option__load'>{staffZh.forms.load(p.openCount)}</Text>
        </View>
      ))}
      <View id='bulk-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={() => void submit()}>{staffZh.forms.submit}</View>
    </View>
  )
}
