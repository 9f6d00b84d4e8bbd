import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorCode } from '@msb/shared-types'
import { zh } from '../../../i18n/zh'
import { formatTime } from '../../../features/tickets/format'
import { nextDeadline, OWNER_SKIP, ownerDeadlineText } from '../../../features/tickets/deadline'
import { useQuery } from '../../../features/common/use-query'
import { useElderMode } from '../../../features/elder/use-elder-mode'
import { sharedTicket, type SharedTicket } from '../../../services/api/sharing-operations'
import { StatusBadge } from '../../../components/status-badge'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { OwnerHeader } from '../../../components/owner-header'
import { routes } from '../../../routes'
import './index.css'

/**
 * What a family member sees through a link (issue 12 §10): one ticket's course, read-only, with no sign-in —
 * status, deadline in plain words, the steps and what the property wrote for the owner. No phone, no contact,
 * no names, no photos (the server does not send them). A dead link says so and leads home.
 */
export default function SharedTicketPage() {
  const { params } = useRouter()
  const token = params.s ?? ''
  const { state, reload } = useQuery(token ? () => sharedTicket(token) : null, [token])
  const elder = useElderMode()
  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh())
  })
  const home = () => Taro.reLaunch({ url: routes.home() })

  if (!token || (state.status === 'error' && state.code === ErrorCode.NOT_FOUND)) {
    return (
      <View className='page shared' id='page-shared-gone'>
        <OwnerHeader />
        <ErrorState icon='🔗' title={zh.owner.sharedGone} message={zh.owner.sharedGoneHint} action={zh.home.goHome} onAction={home} />
      </View>
    )
  }
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={() => reload()} action={zh.home.goHome} onAction={home} />
  const t = state.data
  return (
    <View className={`page shared${elder.className}`} id='page-shared'>
      <OwnerHeader title={zh.owner.sharedTitle} />
      <Text className='shared__note' id='shared-readonly'>👪 {zh.owner.sharedReadOnly}</Text>
      <Summary t={t} />
      <View className='card'>
        <View className='card__title'>
          <Text>{zh.owner.sharedSteps}</Text>
        </View>
        {[...t.timeline].reverse().map((e, i) => (
          <View key={`${e.at}-${i}`} className='shared__step' data-action={e.action}>
            <View className='shared__step-head'>
              <Text className='shared__step-label'>{e.label}</Text>
              <Text className='shared__step-time'>{formatTime(e.at)}</Text>
            </View>
            {e.note ? <Text className='shared__step-note'>{e.note}</Text> : null}
          </View>
        ))}
      </View>
      <Text className='shared__expires' id='shared-expires'>{zh.owner.sharedExpires(formatTime(t.expiresAt))}</Text>
    </View>
  )
}

function Summary({ t }: { t: SharedTicket }) {
  const deadline = nextDeadline(t.clocks, Date.now(), OWNER_SKIP)
  const place = [t.complexName, t.spotName].filter(Boolean).join(' · ')
  return (
    <View className='card' id='shared-summary' data-status={t.status}>
      <View className='shared__head'>
        <Text className='shared__category'>{t.categoryName}</Text>
        <StatusBadge status={t.status} />
      </View>
      <Text className='shared__desc'>{t.text}</Text>
      <Row label={zh.tickets.number} value={t.number} id='shared-number' />
      <Row label={zh.tickets.createdAt} value={formatTime(t.createdAt)} />
      <Row label={zh.tickets.place} value={place} />
      {deadline ? <Row label={zh.owner.deadlineLabel} value={ownerDeadlineText(deadline)} id='shared-deadline' /> : null}
    </View>
  )
}

function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='shared__row' id={id}>
      <Text className='shared__row-label'>{label}</Text>
      <Text className='shared__row-value'>{value}</Text>
    </View>
  )
}
