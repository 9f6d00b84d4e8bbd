import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { ErrorCode } from '@msb/shared-types'
import { zh } from '../../i18n/zh'
import { LOGIN_METHOD, setAutocomplete } from '../../platform/platform'
import { canSendCode, canSubmit, normalizePhone, RESEND_SECONDS, safeRedirect } from '../../features/auth/login-form'
import { loginWithSms, loginWithWechat, requestSmsCode, type AuthSession } from '../../services/api/operations'
import { errorCodeOf } from '../../services/api/errors'
import { session } from '../../services/auth/session'
import { pagePath, routes } from '../../routes'
import { OwnerHeader } from '../../components/owner-header'
import './index.css'

/** Back to the page that sent us here: pop to it when it is still below us (its state, and draft, intact). */
function returnTo(redirect: string) {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && redirect.split('?')[0] === pagePath(below.route ?? '')) return Taro.navigateBack()
  return Taro.redirectTo({ url: redirect }).catch(() => Taro.reLaunch({ url: redirect }))
}

export default function Login() {
  const { params } = useRouter()
  const redirect = safeRedirect(params.redirect)
  const [phone, setPhone] = useState(session.phone() ?? '')
  const [code, setCode] = useState('')
  const [secondsLeft, setSecondsLeft] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // WeChat review and the privacy rules: no phone number is collected before the owner agrees (issue 12 §9).
  const [agreed, setAgreed] = useState(false)
  const phoneRef = useRef<{ focus: () => void } | null>(null)
  const codeRef = useRef<{ focus: () => void } | null>(null)

  useEffect(() => {
    setAutocomplete('login-code', 'one-time-code')
    setAutocomplete('login-phone', 'tel')
  }, [])

  useEffect(() => {
    if (secondsLeft <= 0) return
    const t = setTimeout(() => setSecondsLeft((s) => s - 1), 1000)
    return () => clearTimeout(t)
  }, [secondsLeft])

  const done = (s: AuthSession, ph?: string) => {
    session.signIn({ token: s.token, expiresAt: s.expiresAt, name: s.me.name }, ph)
    returnTo(redirect)
  }

  const wechat = async () => {
    if (!agreed) return setError(zh.owner.privacyRequired)
    setBusy(true)
    setError(null)
    try {
      const { code: wxCode } = await Taro.login()
      done(await loginWithWechat(wxCode))
    } catch (e) {
      const c = errorCodeOf(e)
      setError(c === ErrorCode.UNAUTHENTICATED || c === ErrorCode.INTERNAL ? zh.login.wechatFailed : zh.errors[c])
    } finally {
      setBusy(false)
    }
  }

  const sendCode = async () => {
    if (!agreed) return setError(zh.owner.privacyRequired)
    if (!canSendCode(phone, secondsLeft)) {
      if (secondsLeft <= 0) setError(zh.login.phoneInvalid)
      return
    }
    setError(null)
    setSecondsLeft(RESEND_SECONDS)
    try {
      const r = await requestSmsCode(phone)
      setSecondsLeft(r.resendAfterSeconds)
      Taro.showToast({ title: zh.login.codeSent, icon: 'none' })
    } catch (e) {
      setSecondsLeft(0)
      setError(zh.errors[errorCodeOf(e)])
    }
  }

  const sms = async () => {
    if (!agreed) return setError(zh.owner.privacyRequired)
    if (!canSubmit(phone, code)) return setError(code ? zh.login.codeInvalid : zh.login.phoneInvalid)
    setBusy(true)
    setError(null)
    try {
      done(await loginWithSms(phone, code), phone)
    } catch (e) {
      const c = errorCodeOf(e)
      setError(c === ErrorCode.UNAUTHENTICATED ? zh.login.codeWrong : zh.errors[c])
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page login' id='page-login'>
      <OwnerHeader />
      <View className='login__brand'>
        <Text className='login__logo'>码</Text>
        <Text className='login__name'>{zh.appName}</Text>
        <Text className='login__slogan'>{zh.login.why}</Text>
      </View>
      {LOGIN_METHOD === 'wechat' ? (
        <Button id='login-wechat' type='primary' block size='large' loading={busy} onClick={wechat}>
          {zh.login.wechatButton}
        </Button>
      ) : (
        <View className='card'>
          <View className='login__row'>
            <Text className='login__label' id='label-login-phone' onClick={() => phoneRef.current?.focus()}>{zh.login.phoneLabel}</Text>
            <Input
              ref={phoneRef}
              id='login-phone'
              className='login__input'
              type='tel'
              value={phone}
              maxLength={11}
              placeholder={zh.login.phonePlaceholder}
              onChange={(v) => setPhone(normalizePhone(String(v)))}
            />
          </View>
          <View className='login__row'>
            <Text className='login__label' id='label-login-code' onClick={() => codeRef.current?.focus()}>{zh.login.codeLabel}</Text>
            <Input
              ref={codeRef}
              id='login-code'
              className='login__input'
              type='number'
              value={code}
              maxLength={6}
              placeholder={zh.login.codePlaceholder}
              onChange={(v) => setCode(String(v).replace(/\D/g, '').slice(0, 6))}
            />
            <View
              id='login-send-code'
              className={`login__send${canSendCode(phone, secondsLeft) ? '' : ' login__send--disabled'}`}
              onClick={sendCode}
            >
              {secondsLeft > 0 ? zh.login.resendIn(secondsLeft) : zh.login.sendCode}
            </View>
          </View>
          <Button id='login-submit' className='login__submit' type='primary' block size='large' loading={busy} onClick={sms}>
            {zh.login.submit}
          </Button>
        </View>
      )}
      {error ? (
        <Text className='field-error login__error' id='login-error'>
          {error}
        </Text>
      ) : null}
      <View className='login__consent' id='login-consent'>
        <View className={`login__check${agreed ? ' login__check--on' : ''}`} id='login-agree' role='checkbox' aria-checked={agreed} onClick={() => { setAgreed(!agreed); setError(null) }}>
          <Text className='login__box'>{agreed ? '✓' : ''}</Text>
          <Text className='login__consent-text'>{zh.owner.privacyAgree}</Text>
        </View>
        <Text className='login__doc' id='login-terms' onClick={() => Taro.navigateTo({ url: routes.agreement('terms') })}>{zh.owner.privacyAgreement}</Text>
        <Text className='login__doc' id='login-privacy' onClick={() => Taro.navigateTo({ url: routes.agreement('privacy') })}>{zh.owner.privacyPolicy}</Text>
      </View>
      <Text className='login__agreement' id='login-staff-entry' onClick={() => Taro.navigateTo({ url: routes.staffLogin() })}>
        工作人员登录 ›
      </Text>
    </View>
  )
}
