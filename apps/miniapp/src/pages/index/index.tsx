import { useEffect, useMemo, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ErrorCode } from '@msb/shared-types'
import { zh } from '../../i18n/zh'
import { tokenFromRouterParams, tokenFromScannedText } from '../../features/qr/qr-token'
import { arrivalStore } from '../../features/arrival/arrival-store'
import { useQuery } from '../../features/common/use-query'
import { storedDraftWithContent } from '../../features/report/use-report-draft'
import { landing, type QrPlace } from '../../services/api/operations'
import { isApiError } from '../../services/api/errors'
import { session } from '../../services/auth/session'
import { staffSession } from '../../features/staff/staff-session'
import { CAN_SCAN, scanQr } from '../../platform/platform'
import { ErrorState, LoadingState } from '../../components/page-state'
import { routes } from '../../routes'
import { useUnreadCount, badgeText } from '../../features/notices/use-unread-count'
import { useElderMode } from '../../features/elder/use-elder-mode'
import { ElderToggle } from '../../components/elder-toggle'
import './index.css'

/** Open a page that needs sign-in, through the login page when signed out (it comes back here after). */
function openSignedIn(url: string) {
  if (!session.isSignedIn()) return Taro.navigateTo({ url: routes.login(url) })
  return Taro.navigateTo({ url })
}

/**
 * Landing: the page a QR code opens (WeChat passes the /q/<token> URL in `q`, H5 links carry `token`).
 * Shows the complex, the spot and this month's 公示 figures; a forged or revoked code gets its own page.
 */
export default function Home() {
  const { params } = useRouter()
  const token = useMemo(() => tokenFromRouterParams(params as Record<string, string | undefined>), [params])
  const { state, reload } = useQuery(token ? () => landing(token) : null, [token])
  // A link that carries a code we cannot read (/q/… cut short, mangled by a chat app) is a bad code, not "no code".
  const malformed = !token && ['token', 'q', 'scene'].some((k) => !!(params as Record<string, string | undefined>)[k])
  const unread = badgeText(useUnreadCount())
  const elder = useElderMode()
  const [hasDraft, setHasDraft] = useState(false)
  useDidShow(() => setHasDraft(storedDraftWithContent() !== null))

  // Opened without a QR code by a signed-in oversight account: their home is the figures, not the scanner.
  useEffect(() => {
    const roles = staffSession.get()?.roles ?? []
    if (!token && session.isSignedIn() && (roles.includes('OVERSIGHT') || roles.includes('ADMIN'))) Taro.reLaunch({ url: routes.oversightHome() })
  }, [token])

  useEffect(() => {
    if (token && state.status === 'ready') {
      const { complex, spot, buildings } = state.data
      arrivalStore.save({ token, complexName: complex.name, spotName: spot.name, buildings, buildingId: spot.buildingId })
    }
  }, [token, state])

  const goReport = (t: string | null) => openSignedIn(routes.report(t ?? undefined))
  const goTickets = () => openSignedIn(routes.myTickets())
  const goHome = () => Taro.reLaunch({ url: routes.home() })
  const scan = async () => {
    const t = tokenFromScannedText(await scanQr())
    if (t) Taro.redirectTo({ url: routes.home(t) })
  }

  const links = (
    <>
      {hasDraft ? (
        <View className='home__draft' id='home-draft' onClick={() => goReport(null)}>
          📝 {zh.home.draftResume}
        </View>
      ) : null}
      <View className='home__links'>
        <View className='home__link' id='home-my-tickets' onClick={goTickets}>
          {zh.home.myTickets}
          {unread ? <Text className='home__badge' id='home-badge'>{unread}</Text> : null} ›
        </View>
        <View className='home__link' id='home-messages' onClick={() => openSignedIn(routes.ownerMessages())}>
          {zh.owner.messages}
          {unread ? <Text className='home__badge' id='home-messages-badge'>{unread}</Text> : null} ›
        </View>
      </View>
      <ElderToggle on={elder.on} onToggle={elder.toggle} />
    </>
  )

  const badQr = (reason: string, phone = '') => (
    <View id='page-bad-qr' className='home__bad'>
      <ErrorState
        icon='🚫'
        title={zh.home.badTokenTitle}
        message={reason === 'REPLACED' ? zh.home.replaced(phone) : zh.home.badToken[reason] ?? zh.home.badTokenBody}
        action={CAN_SCAN ? zh.home.scan : zh.home.goHome}
        onAction={CAN_SCAN ? scan : goHome}
      />
      <View className='home__link' id='home-my-tickets' onClick={goTickets}>
        {zh.home.myTickets} ›
      </View>
    </View>
  )
  if (malformed) return badQr('MALFORMED')

  if (!token) {
    const last = arrivalStore.load()
    return (
      <View className={`page home${elder.className}`} id='page-home'>
        <View className='home__hero'>
          <Text className='home__title'>{zh.appName}</Text>
          <Text className='home__slogan'>{zh.home.slogan}</Text>
        </View>
        <View className='card home__notice'>
          <Text>{zh.home.noToken}</Text>
        </View>
        {CAN_SCAN ? (
          <Button id='home-scan' type='primary' block size='large' onClick={scan}>
            {zh.home.scan}
          </Button>
        ) : null}
        {last ? (
          <Button id='home-continue' className='home__continue' type='default' block size='large' onClick={() => goReport(last.token)}>
            {zh.home.continueAt(`${last.complexName}·${last.spotName}`)}
          </Button>
        ) : null}
        {links}
      </View>
    )
  }

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    // BAD_USER_INPUT on this query means the token itself: forged, revoked, expired key, unknown spot.
    if (state.code === ErrorCode.BAD_USER_INPUT || state.code === ErrorCode.NOT_FOUND) {
      const reason = isApiError(state.error) ? String(state.error.extensions?.reason ?? '') : ''
      const phone = isApiError(state.error) ? String(state.error.extensions?.phone ?? '') : ''
      return badQr(reason, phone)
    }
    return <ErrorState code={state.code} onRetry={reload} action={zh.home.goHome} onAction={goHome} />
  }

  return (
    <View className={`page home${elder.className}`} id='page-landing'>
      <Place place={state.data} token={token} />
      <Button id='home-report' type='primary' block size='large' onClick={() => goReport(token)}>
        {zh.home.reportCta}
      </Button>
      {links}
    </View>
  )
}

function Place({ place, token }: { place: QrPlace; token: string }) {
  const { complex, spot, figures } = place
  const rate = figures.satisfactionRate
  return (
    <>
      <View className='home__hero'>
        <Text className='home__label'>{complex.communityName ? `${complex.communityName} · ${zh.home.complexLabel}` : zh.home.complexLabel}</Text>
        <Text className='home__title' id='landing-complex'>{complex.name}</Text>
        <Text className='home__address'>{complex.address}</Text>
        <Text className='home__spot' id='landing-spot'>
          📍 {zh.home.spotLabel}：{spot.name}
        </Text>
      </View>
      <View className='card' id='landing-figures'>
        <View className='card__title'>
          <Text>{zh.home.disclosureTitle}</Text>
          <Text className='card__hint'>{zh.home.disclosureMonth(figures.month)}</Text>
        </View>
        <View className='home__figures'>
          <Figure id='landing-filed' label={zh.home.filed} value={String(figures.filed)} />
          <Figure id='landing-resolved' label={zh.home.resolved} value={String(figures.resolved)} />
          <Figure id='landing-satisfaction' label={zh.home.satisfaction} value={rate === null ? '—' : `${Math.round(rate * 100)}%`} />
        </View>
        <Text className='home__figures-note'>
          {complex.companyName ? `${complex.companyName} · ` : ''}
          {zh.home.disclosureNote}
        </Text>
        <View className='home__link' id='landing-disclosure' onClick={() => Taro.navigateTo({ url: routes.disclosure(token) })}>
          {zh.disclosure.open}
        </View>
      </View>
    </>
  )
}

function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View className='home__figure' id={id}>
      <Text className='home__figure-value'>{value}</Text>
      <Text className='home__figure-label'>{label}</Text>
    </View>
  )
}
