import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { zh } from '../../i18n/zh'
import { formatTime } from '../../features/tickets/format'
import { errorCodeOf } from '../../services/api/errors'
import { shareTicket, stopSharingTicket, ticketSharing, type TicketShare } from '../../services/api/sharing-operations'
import './index.css'

/**
 * 分享给家人 (issue 12 §10) on the owner's ticket page: a read-only link (7 days, no phone, no photos), sent as a
 * WeChat card on weapp (open-type=share: the page's onShareAppMessage carries the link) or copied on H5;
 * 停止分享 ends every link at once. `onShare` hands the new link to the page for its share card.
 */
export function ShareCard({ ticketId, onShare }: { ticketId: string; onShare: (s: TicketShare | null) => void }) {
  const [link, setLink] = useState<TicketShare | null>(null)
  const [until, setUntil] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const weapp = process.env.TARO_ENV === 'weapp'
  useEffect(() => {
    ticketSharing(ticketId).then((s) => setUntil(s.active ? s.until : null), () => {})
  }, [ticketId])

  const create = async () => {
    setBusy(true)
    try {
      const s = await shareTicket(ticketId)
      setLink(s)
      setUntil(s.expiresAt)
      onShare(s)
      if (!weapp) await copy(s.url)
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const copy = (text: string) => Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title: zh.owner.shareCopied, icon: 'none' }), () => {})
  const stop = async () => {
    setBusy(true)
    try {
      await stopSharingTicket(ticketId)
      setLink(null)
      setUntil(null)
      onShare(null)
      Taro.showToast({ title: zh.owner.shareStopped, icon: 'none', duration: 3000 })
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card share-card' id='share-card'>
      <View className='card__title'>
        <Text>👪 {zh.owner.shareCardTitle}</Text>
      </View>
      <Text className='share-card__hint'>{zh.owner.shareHint}</Text>
      {until ? <Text className='share-card__state' id='share-state'>{zh.owner.shareActive(formatTime(until))}</Text> : null}
      {link && !weapp ? (
        <Text className='share-card__url' id='share-url' selectable userSelect>{link.url}</Text>
      ) : null}
      <View className='share-card__buttons'>
        {link && weapp ? (
          <NativeButton id='share-send' className='share-card__native' openType='share'>{zh.owner.shareWechat}</NativeButton>
        ) : link ? (
          <Button id='share-copy' className='share-card__button' type='primary' size='large' onClick={() => copy(link.url)}>{zh.owner.shareCopy}</Button>
        ) : (
          <Button id='share-create' className='share-card__button' type='primary' size='large' loading={busy} disabled={busy} onClick={create}>{zh.owner.shareCreate}</Button>
        )}
        {until ? (
          <Button id='share-stop' className='share-card__button' size='large' disabled={busy} onClick={stop}>{zh.owner.shareStop}</Button>
        ) : null}
      </View>
    </View>
  )
}
