import { useEffect, useMemo } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { zh } from '../../i18n/zh'
import { tokenFromRouterParams, tokenFromScannedText } from '../../features/qr/qr-token'
import { arrivalStore } from '../../features/arrival/arrival-store'
import { useAsync } from '../../features/common/use-async'
import { complexByQrToken } from '../../services/api/operations'
import { session } from '../../services/auth/session'
import { CAN_SCAN, scanQr } from '../../platform/platform'
import { ErrorState, LoadingState } from '../../components/page-state'
import './index.css'

const REPORT_PAGE = '/report/pages/new/index'

export default function Home() {
  const { params } = useRouter()
  const token = useMemo(() => tokenFromRouterParams(params as Record<string, string | undefined>), [params])
  const [state, reload] = useAsync(token ? () => complexByQrToken(token) : null, [token])

  useEffect(() => {
    if (token && state.status === 'ready') {
      const { complex, spot } = state.data
      arrivalStore.save({ token, complexName: complex.name, spotName: spot?.name ?? '' })
    }
  }, [token, state])

  const goReport = () => {
    const url = token ? `${REPORT_PAGE}?token=${encodeURIComponent(token)}` : REPORT_PAGE
    if (!session.isSignedIn()) return Taro.navigateTo({ url: `/pages/login/index?redirect=${encodeURIComponent(url)}` })
    Taro.navigateTo({ url })
  }
  const goTickets = () => Taro.navigateTo({ url: '/tickets/pages/list/index' })
  const scan = async () => {
    const t = tokenFromScannedText(await scanQr())
    if (t) Taro.redirectTo({ url: `/pages/index/index?token=${encodeURIComponent(t)}` })
  }

  if (!token) {
    return (
      <View className='page home'>
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
        <View className='home__link' id='home-my-tickets' onClick={goTickets}>
          {zh.home.myTickets} ›
        </View>
      </View>
    )
  }

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    const badCode = state.code === 'NOT_FOUND' || state.code === 'BAD_USER_INPUT' || state.code === 'FORBIDDEN'
    return badCode ? (
      <ErrorState title={zh.home.badTokenTitle} message={zh.home.badTokenBody} />
    ) : (
      <ErrorState code={state.code} onRetry={reload} />
    )
  }

  const { complex, spot, figures } = state.data
  return (
    <View className='page home'>
      <View className='home__hero'>
        <Text className='home__label'>{zh.home.complexLabel}</Text>
        <Text className='home__title'>{complex.name}</Text>
        {spot ? (
          <Text className='home__spot'>
            {zh.home.spotLabel}：{spot.name}
          </Text>
        ) : null}
      </View>
      {figures ? (
        <View className='card'>
          <View className='card__title'>
            <Text>{zh.home.disclosureTitle}</Text>
            <Text className='card__hint'>{figures.month}</Text>
          </View>
          <View className='home__figures'>
            <Figure label={zh.home.filed} value={String(figures.filed)} />
            <Figure label={zh.home.resolved} value={String(figures.resolved)} />
            <Figure
              label={zh.home.satisfaction}
              value={figures.satisfactionRate === null ? '—' : `${Math.round(figures.satisfactionRate * 100)}%`}
            />
          </View>
        </View>
      ) : null}
      <Button id='home-report' type='primary' block size='large' onClick={goReport}>
        {zh.home.reportCta}
      </Button>
      <View className='home__link' id='home-my-tickets' onClick={goTickets}>
        {zh.home.myTickets} ›
      </View>
    </View>
  )
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <View className='home__figure'>
      <Text className='home__figure-value'>{value}</Text>
      <Text className='home__figure-label'>{label}</Text>
    </View>
  )
}
