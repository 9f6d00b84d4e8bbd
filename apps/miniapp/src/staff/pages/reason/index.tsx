import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { RefuseReason } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { zh } from '../../../i18n/zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { Chips } from '../../../components/staff-ui'
import { useStaffTicket } from '../../../features/staff/use-staff-ticket'
import { errorCodeOf } from '../../../services/api/errors'
import { act, handlingPhrases } from '../../../services/api/staff-operations'
import '../../../components/staff-ui/index.css'

/** Refuse a report (reason code + text) or return a dispatched ticket (reason); common phrases to pick from. */
export default function ReasonPage() {
  const { params } = useRouter()
  const refuse = params.mode !== 'return'
  const [state] = useStaffTicket(params.id ?? '')
  const [code, setCode] = useState<string>('NOT_OUR_REMIT')
  const [dup, setDup] = useState('')
  const [text, setText] = useState('')
  const [phrases, setPhrases] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const cat = state.status === 'ready' ? state.t.category.code : null
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: refuse ? staffZh.titles.refuse : staffZh.titles.returnDispatch })
    if (cat) handlingPhrases(cat).then((p) => setPhrases(refuse ? p.refuseReasons : p.returnReasons), () => {})
  }, [cat])

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} />
  const t = state.t

  const submit = async () => {
    if (text.trim().length < 2) return Taro.showToast({ title: staffZh.forms.required, icon: 'none' })
    if (busy) return
    setBusy(true)
    try {
      if (refuse) await act('refuseTicket', { ticketId: t.id, version: t.version, reason: code as RefuseReason, note: text.trim(), ...(code === 'DUPLICATE' ? { duplicateOfNumber: dup.trim() } : {}) })
      else await act('returnDispatch', { ticketId: t.id, version: t.version, reason: text.trim() })
      Taro.showToast({ title: staffZh.detail.done, icon: 'success' })
      // A returned (or refused) ticket may leave the worker's view altogether: back to the inbox.
      setTimeout(() => (refuse ? Taro.navigateBack() : Taro.reLaunch({ url: '/staff/pages/inbox/index' })), 600)
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='staff' id={refuse ? 'page-staff-refuse' : 'page-staff-return'}>
      <Text className='section-title'>{t.number} · {t.category.name}</Text>
      {refuse ? (
        <View className='card'>
          <Chips idPrefix='refuse-reason' value={code} onPick={setCode} items={Object.entries(staffZh.forms.refuseReasons).map(([key, label]) => ({ key, label }))} />
          {code === 'DUPLICATE' ? (
            <View className='field' style={{ marginTop: '20rpx' }}>
              <Text className='field__label'>{staffZh.forms.duplicateOf}</Text>
              <Input id='refuse-duplicate' className='field__input' value={dup} placeholder='MSB-…' onInput={(e) => setDup(e.detail.value)} />
            </View>
          ) : null}
        </View>
      ) : null}
      <View className='card'>
        <Text className='field__label'>{staffZh.forms.reasonList}</Text>
        <View className='chips'>
          {phrases.map((p, i) => (
            <View key={p} id={`phrase-${i}`} className='chip' onClick={() => setText(p)}>{p}</View>
          ))}
        </View>
      </View>
      <View className='field'>
        <Textarea id='reason-text' className='field__area' value={text} maxlength={500} placeholder={staffZh.forms.notePlaceholder} onInput={(e) => setText(e.detail.value)} />
      </View>
      <View id='reason-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{staffZh.forms.submit}</View>
    </View>
  )
}
