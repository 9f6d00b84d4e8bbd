import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import { buttonOutcome, wechatPhoneProblem } from '../../features/auth/wechat-phone'
import { wechatPhoneNumber } from '../../services/api/operations'
import './index.css'

/**
 * 使用微信绑定的手机号 (issue 12 §9): WeChat's phone-number button (open-type="getPhoneNumber") gives a one-time
 * code; the BFF exchanges it for the number (getuserphonenumber) and the contact field is filled. The owner
 * agreed to the privacy policy at sign-in; declining or a failure leaves the field to type, with a word why.
 */
export function WechatPhoneButton({ onPhone }: { onPhone: (phone: string) => void }) {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const got = async (e: { detail: { code?: string; errMsg?: string } }) => {
    const r = buttonOutcome(e.detail)
    if ('declined' in r) return setNote(zh.owner.wechatPhoneDenied)
    setBusy(true)
    setNote(null)
    try {
      onPhone((await wechatPhoneNumber(r.code)).phone)
    } catch (err) {
      setNote(wechatPhoneProblem(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='wechat-phone'>
      <Button id='report-wechat-phone' className='wechat-phone__button' openType='getPhoneNumber' loading={busy} disabled={busy} onGetPhoneNumber={got}>
        📱 {zh.owner.wechatPhone}
      </Button>
      {note ? <Text className='field-error' id='report-wechat-phone-note'>{note}</Text> : null}
    </View>
  )
}
