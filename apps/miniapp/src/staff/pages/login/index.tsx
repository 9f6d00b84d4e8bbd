import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { staffZh } from '../../../i18n/staff-zh'
import { errorCodeOf } from '../../../services/api/errors'
import { session } from '../../../services/auth/session'
import { me, staffLogin } from '../../../services/api/staff-operations'
import { roleHome } from '../../../features/staff/inbox-tabs'
import { staffSession } from '../../../features/staff/staff-session'
import { routes } from '../../../routes'
import '../../../components/staff-ui/index.css'

/** Staff, department handlers and mediators: phone + password; lands on the role's home. */
export default function StaffLogin() {
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const s = await staffLogin(phone.trim(), password)
      session.signIn({ token: s.token, expiresAt: s.expiresAt, name: s.me.name })
      const m = await me()
      staffSession.set({ id: m.id, name: m.name, roles: m.roles })
      Taro.reLaunch({ url: roleHome(m.roles) })
    } catch (e) {
      const c = errorCodeOf(e)
      // Say what failed: no network or a busy server is not a wrong password (issue 12 §11).
      setError(c === 'RATE_LIMITED' ? staffZh.login.locked : c === 'NETWORK' ? staffZh.login.offline : c === 'SERVER_BUSY' || c === 'UNAVAILABLE' || c === 'INTERNAL' ? staffZh.login.serverBusy : staffZh.login.failed)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='staff' id='page-staff-login'>
      <View className='card'>
        <View className='field'>
          <Text className='field__label'>{staffZh.login.phone}</Text>
          <Input id='staff-phone' className='field__input' type='number' maxlength={11} value={phone} onInput={(e) => setPhone(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>{staffZh.login.password}</Text>
          <Input id='staff-password' className='field__input' password value={password} onInput={(e) => setPassword(e.detail.value)} />
        </View>
        <View id='staff-login-submit' className={`btn${busy ? ' btn--busy' : ''}`} onClick={submit}>
          {staffZh.login.submit}
        </View>
        {error ? <Text className='error-text' id='staff-login-error'>{error}</Text> : null}
      </View>
      <View className='btn btn--grey' id='staff-set-password' onClick={() => Taro.navigateTo({ url: routes.staffSetPassword() })}>
        {staffZh.login.setPassword}
      </View>
      <View className='btn btn--grey' onClick={() => Taro.redirectTo({ url: routes.login() })}>
        {staffZh.login.ownerEntry}
      </View>
    </View>
  )
}
