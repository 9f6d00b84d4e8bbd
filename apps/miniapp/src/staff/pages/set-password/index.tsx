import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { adminZh as t } from '../../../i18n/admin-zh'
import { setPasswordWithCode } from '../../../services/api/admin-operations'
import { ApiError } from '../../../services/api/errors'
import { routes } from '../../../routes'
import '../../../components/staff-ui/index.css'

const FIELDS = [['set-phone', t.phone], ['set-code', t.code], ['set-password', t.newPassword]] as const

/** An invited or reset account sets its password with the one-time code its administrator read out. */
export default function SetPassword() {
  const [values, setValues] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await setPasswordWithCode((values['set-phone'] ?? '').trim(), (values['set-code'] ?? '').trim(), values['set-password'] ?? '')
      await Taro.showToast({ title: t.passwordSet, icon: 'success' })
      Taro.redirectTo({ url: routes.staffLogin() })
    } catch (e) {
      setError(e instanceof ApiError ? e.details.errors?.[0]?.message || e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='staff' id='page-set-password'>
      <View className='card'>
        {FIELDS.map(([id, label]) => (
          <View className='field' key={id}>
            <Text className='field__label'>{label}</Text>
            <Input id={id} className='field__input' password={id === 'set-password'} value={values[id] ?? ''} onInput={(e) => setValues((v) => ({ ...v, [id]: e.detail.value }))} />
          </View>
        ))}
        <View id='set-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>{t.setPassword}</View>
        {error ? <Text className='error-text' id='set-error'>{error}</Text> : null}
      </View>
    </View>
  )
}
