import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { linksZh } from '../../i18n/links-zh'
import { zh } from '../../i18n/zh'
import { useQuery } from '../../features/common/use-query'
import { formatTime } from '../../features/tickets/format'
import { errorCodeOf } from '../../services/api/errors'
import { similarTickets, supportTicket, type PublicTicket } from '../../services/api/link-operations'
import { routes } from '../../routes'
import { StatusBadge } from '../status-badge'
import './index.css'

/**
 * "Someone already reported this lift": open reports of the scanned complex in the chosen category (other owners',
 * the last days), each with 我也遇到了 — the owner joins it and follows its progress instead of filing again.
 * Nothing shows while there are none; loading and failure say so quietly (filing goes on either way).
 */
export function SimilarReports({ qrToken, categoryCode }: { qrToken: string; categoryCode: string | null }) {
  const { state, reload } = useQuery(categoryCode ? () => similarTickets(qrToken, categoryCode) : null, [qrToken, categoryCode])
  const [busy, setBusy] = useState<string | null>(null)
  const t = linksZh.similar
  if (!categoryCode) return null
  if (state.status === 'loading') return <Text className='similar__quiet' id='similar-loading'>{t.loading}</Text>
  if (state.status === 'error') {
    return (
      <View className='similar__quiet' id='similar-error'>
        <Text>{t.failed}</Text>
        <Text className='similar__retry' id='similar-retry' onClick={() => void reload()}>{t.retry}</Text>
      </View>
    )
  }
  if (state.data.length === 0) return null

  const join = async (p: PublicTicket) => {
    if (p.following) return Taro.navigateTo({ url: routes.followed(p.id) })
    setBusy(p.id)
    try {
      await supportTicket({ ticketId: p.id, qrToken })
      Taro.showToast({ title: t.joinedToast, icon: 'success' })
      Taro.navigateTo({ url: routes.followed(p.id) })
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none', duration: 3000 })
      void reload()
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='card similar' id='similar-reports'>
      <Text className='similar__title'>{t.title}</Text>
      <Text className='similar__hint'>{t.hint}</Text>
      {state.data.map((p) => (
        <View key={p.id} className='similar__item' id={`similar-${p.id}`}>
          <View className='similar__head'>
            <Text className='similar__summary'>{p.summary}</Text>
            <StatusBadge status={p.status} />
          </View>
          <Text className='similar__meta'>{[p.spotName, formatTime(p.createdAt), t.supporters(p.supporterCount)].filter(Boolean).join(' · ')}</Text>
          <View id={`similar-join-${p.id}`} className={`similar__join${p.following ? ' similar__join--done' : ''}${busy === p.id ? ' similar__join--busy' : ''}`} onClick={() => void join(p)}>
            {p.following ? t.joined : t.join}
          </View>
        </View>
      ))}
    </View>
  )
}
