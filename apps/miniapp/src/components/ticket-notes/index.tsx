import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { linksZh } from '../../i18n/links-zh'
import { zh } from '../../i18n/zh'
import type { TicketDetail } from '../../services/api/operations'
import { routes } from '../../routes'
import './index.css'

/**
 * Why a report was not taken on and where to go instead (issue 13 §6): who declined, the department suggested or
 * the 12345 hotline (one tap dials it). For a merged report: which one it joined (its public view).
 */
export function TicketNotes({ t }: { t: Pick<TicketDetail, 'refusal' | 'mergedInto'> }) {
  const r = t.refusal
  const l = linksZh
  return (
    <>
      {r ? (
        <View className='card tnote' id='ticket-refusal'>
          <Text className='tnote__title'>{l.refusal.title}</Text>
          <Text className='tnote__reason' id='refusal-reason'>{(zh.timeline.refuseReason as Record<string, string>)[r.reason] ?? r.reason}</Text>
          {r.note ? <Text className='tnote__text'>{r.note}</Text> : null}
          {r.declinedBy || r.declinedByName ? (
            <Text className='tnote__line' id='refusal-by'>{l.refusal.declinedBy}：{[r.declinedBy, r.declinedByName].filter(Boolean).join(' · ')}</Text>
          ) : null}
          {r.duplicateOfNumber ? <Text className='tnote__line'>{l.refusal.duplicateOf}：{r.duplicateOfNumber}</Text> : null}
          {r.suggestedUnitName || r.suggestHotline ? (
            <View className='tnote__goto' id='refusal-goto'>
              <Text className='tnote__line'>{l.refusal.goTo}：{[r.suggestedUnitName, r.suggestHotline ? l.refusal.hotline : null].filter(Boolean).join('、')}</Text>
              {r.suggestHotline ? (
                <View className='tnote__call' id='refusal-call-12345' onClick={() => Taro.makePhoneCall({ phoneNumber: '12345' }).catch(() => {})}>📞 {l.refusal.callHotline}</View>
              ) : null}
            </View>
          ) : null}
        </View>
      ) : null}
      {t.mergedInto ? (
        <View className='card tnote' id='ticket-merged'>
          <Text className='tnote__title'>{l.merged.label} {t.mergedInto.number}</Text>
          <Text className='tnote__text'>{l.merged.hint}</Text>
          <View className='tnote__call' id='merged-open' onClick={() => Taro.navigateTo({ url: routes.followed(t.mergedInto!.id) })}>{l.merged.open} ›</View>
        </View>
      ) : null}
    </>
  )
}
