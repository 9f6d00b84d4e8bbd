import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { UnitKind, type RefuseReason } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { Chips } from '../../../components/staff-ui'
import { backAfterToast, relaunchAfterToast, useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { routes } from '../../../routes'
import { act, dispatchTargets, handlingPhrases, ticket as loadTicket } from '../../../services/api/staff-operations'
import { unmergeTicket } from '../../../services/api/link-operations'
import { staffLinksZh } from '../../../i18n/links-zh'
import '../../../components/staff-ui/index.css'

/** Refuse a report (reason code + text) or return a dispatched ticket (reason); common phrases to pick from. */
export default function ReasonPage() {
  const { params } = useRouter()
  const unmerge = params.mode === 'unmerge'
  const refuse = params.mode !== 'return' && !unmerge
  const id = params.id ?? ''
  const { state } = useQuery(() => loadTicket(id), [id])
  const [code, setCode] = useState<string>('NOT_OUR_REMIT')
  const [dup, setDup] = useState('')
  const [text, setText] = useState('')
  const [phrases, setPhrases] = useState<string[]>([])
  // "Not our remit": where the owner should go instead — a listed outside department and/or 12345.
  const [units, setUnits] = useState<{ id: number; name: string }[]>([])
  const [goUnit, setGoUnit] = useState<number | null>(null)
  const [goHotline, setGoHotline] = useState(false)
  const { busy, run } = useStaffAction()
  const cat = state.status === 'ready' ? state.data.category.code : null
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: unmerge ? staffLinksZh.titles.unmerge : refuse ? staffZh.titles.refuse : staffZh.titles.returnDispatch })
    if (cat && !unmerge) handlingPhrases(cat).then((p) => setPhrases(refuse ? p.refuseReasons : p.returnReasons), () => {})
    if (refuse && id) dispatchTargets(id).then((u) => setUnits(u.filter((x) => x.kind === UnitKind.DEPARTMENT)), () => {})
  }, [cat])

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} />
  const t = state.data

  const submit = async () => {
    if (text.trim().length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
    if (unmerge) {
      await run(() => unmergeTicket({ ticketId: t.id, version: t.version, reason: text.trim() }), { after: backAfterToast })
    } else if (refuse) {
      if (code === 'NOT_OUR_REMIT' && goUnit === null && !goHotline) return Taro.showToast({ title: staffLinksZh.refuse.pickGoTo, icon: 'none' })
      const goTo = code === 'NOT_OUR_REMIT' ? { ...(goUnit !== null ? { suggestedUnitId: goUnit } : {}), ...(goHotline ? { suggestHotline: true } : {}) } : {}
      await run(() => act('refuseTicket', { ticketId: t.id, version: t.version, reason: code as RefuseReason, note: text.trim(), ...goTo, ...(code === 'DUPLICATE' ? { duplicateOfNumber: dup.trim() } : {}) }), { after: backAfterToast })
    } else {
      // A returned ticket leaves the department's view altogether: back to the inbox.
      await run(() => act('returnDispatch', { ticketId: t.id, version: t.version, reason: text.trim() }), { after: relaunchAfterToast(routes.staffInbox()) })
    }
  }

  return (
    <View className='staff' id={unmerge ? 'page-staff-unmerge' : refuse ? 'page-staff-refuse' : 'page-staff-return'}>
      <Text className='section-title'>{t.number} · {t.category.name}</Text>
      {unmerge ? <View className='card'><Text className='tcard__text'>{staffLinksZh.unmergeHint}</Text></View> : null}
      {refuse ? (
        <View className='card'>
          <Chips idPrefix='refuse-reason' value={code} onPick={setCode} items={Object.entries(staffZh.forms.refuseReasons).map(([key, label]) => ({ key, label }))} />
          {code === 'DUPLICATE' ? (
            <View className='field' style={{ marginTop: '20rpx' }}>
              <Text className='field__label'>{staffZh.forms.duplicateOf}</Text>
              <Input id='refuse-duplicate' className='field__input' value={dup} placeholder='MSB-…' onInput={(e) => setDup(e.detail.value)} />
            </View>
          ) : null}
          {code === 'NOT_OUR_REMIT' ? (
            <View style={{ marginTop: '20px' }} id='refuse-goto'>
              <Text className='field__label'>{staffLinksZh.refuse.goTo}</Text>
              <View className='chips'>
                {units.map((u) => (
                  <View key={u.id} id={`goto-unit-${u.id}`} className={`chip${goUnit === u.id ? ' chip--on' : ''}`} onClick={() => setGoUnit(goUnit === u.id ? null : u.id)}>{u.name}</View>
                ))}
                <View id='goto-hotline' className={`chip${goHotline ? ' chip--on' : ''}`} onClick={() => setGoHotline(!goHotline)}>{staffLinksZh.refuse.hotline}</View>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}
      {unmerge ? null : <View className='card'>
        <Text className='field__label'>{staffZh.forms.reasonList}</Text>
        <View className='chips'>
          {phrases.map((p, i) => (
            <View key={p} id={`phrase-${i}`} className='chip' onClick={() => setText(p)}>{p}</View>
          ))}
        </View>
      </View>}
      <View className='field'>
        <Textarea id='reason-text' className='field__area' value={text} maxlength={500} placeholder={staffZh.forms.notePlaceholder} onInput={(e) => setText(e.detail.value)} />
      </View>
      <View id='reason-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
    </View>
  )
}
