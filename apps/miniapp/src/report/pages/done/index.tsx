import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { zh } from '../../../i18n/zh'
import { formatTime } from '../../../features/tickets/format'
import { OwnerHeader } from '../../../components/owner-header'
import { ErrorState } from '../../../components/page-state'
import { routes } from '../../../routes'
import { useElderMode } from '../../../features/elder/use-elder-mode'
import './index.css'

/**
 * After 提交 (issue 12 §2): a page, not a toast WeChat would cut to 7 characters. The ticket number,
 * when the property company will accept it, that the owner will be told, and the way to 我的工单.
 * Everything comes in the URL from the report's answer: nothing to download on a weak network.
 */
export default function ReportDone() {
  const { params } = useRouter()
  const elder = useElderMode()
  const id = params.id ?? ''
  const number = params.number ? decodeURIComponent(params.number) : ''
  const acceptBy = params.acceptBy ? decodeURIComponent(params.acceptBy) : ''
  if (!id || !number) {
    return <ErrorState title={zh.common.errorTitle} message={zh.errors.NOT_FOUND} action={zh.owner.resultMyTickets} onAction={() => Taro.redirectTo({ url: routes.myTickets() })} />
  }
  const when = acceptBy ? formatTime(acceptBy) : ''
  return (
    <View className={`page done${elder.className}`} id='page-report-done'>
      <OwnerHeader />
      <View className='done__hero'>
        <Text className='done__icon'>✓</Text>
        <Text className='done__title'>{zh.owner.resultTitle}</Text>
      </View>
      <View className='card done__card'>
        <View className='done__row'>
          <Text className='done__label'>{zh.owner.resultNumber}</Text>
          <Text className='done__number' id='done-number'>{number}</Text>
        </View>
        <Text className='done__accept' id='done-accept'>
          {when ? zh.owner.resultAcceptBy(when) : zh.owner.resultAcceptSoon}
          {when && params.working === '1' ? zh.owner.resultWorkingDays : ''}
        </Text>
        <Text className='done__follow'>{zh.owner.resultFollow}</Text>
      </View>
      <Button id='done-my-tickets' type='primary' block size='large' onClick={() => Taro.redirectTo({ url: routes.myTickets() })}>
        {zh.owner.resultMyTickets}
      </Button>
      <View className='done__link' id='done-ticket' onClick={() => Taro.redirectTo({ url: routes.ticket(id) })}>
        {zh.owner.openTicket}
      </View>
    </View>
  )
}
