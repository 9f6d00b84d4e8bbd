import { useEffect } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorCode } from '@msb/shared-types'
import { linksZh } from '../../../i18n/links-zh'
import { zh } from '../../../i18n/zh'
import { formatTime } from '../../../features/tickets/format'
import { categoryIcon } from '../../../features/report/categories'
import { useQuery } from '../../../features/common/use-query'
import { followedTickets, publicTicket, type PublicTicket } from '../../../services/api/link-operations'
import { goToLogin, session } from '../../../services/auth/session'
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-state'
import { OwnerHeader } from '../../../components/owner-header'
import { StatusBadge } from '../../../components/status-badge'
import { routes } from '../../../routes'
import { useElderMode } from '../../../features/elder/use-elder-mode'
import './index.css'

/**
 * Reports the owner follows without having filed them ("me too", or theirs merged into one): with an id, one of them —
 * its category, short summary, status and progress, never who filed it; without, the list.
 */
export default function FollowedPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const elder = useElderMode()
  useEffect(() => {
    if (!session.isSignedIn()) goToLogin()
  }, [])
  return (
    <View className={`page followed${elder.className}`} id={id ? 'page-followed' : 'page-followed-list'}>
      <OwnerHeader title={linksZh.followed.title} />
      {id ? <One id={id} /> : <List />}
    </View>
  )
}

function One({ id }: { id: string }) {
  const { state, reload } = useQuery(() => publicTicket(id), [id])
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    return state.code === ErrorCode.UNAUTHENTICATED
      ? <ErrorState code={state.code} action={zh.login.submit} onAction={() => goToLogin()} />
      : <ErrorState code={state.code} onRetry={state.code === ErrorCode.NOT_FOUND ? undefined : () => void reload()} action={linksZh.followed.openList} onAction={() => Taro.redirectTo({ url: routes.followed() })} />
  }
  const p = state.data
  return (
    <View>
      <Card p={p} />
      <View className='card'>
        <Text className='followed__section'>{linksZh.followed.progress}</Text>
        {p.progress.map((s, i) => (
          <View key={`${s.status}-${i}`} className='followed__step' data-status={s.status}>
            <StatusBadge status={s.status} />
            <Text className='followed__time'>{formatTime(s.at)}</Text>
          </View>
        ))}
      </View>
      <Text className='followed__privacy'>{linksZh.followed.privacy}</Text>
    </View>
  )
}

function List() {
  const { state, reload } = useQuery(() => followedTickets(), [])
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={() => void reload()} />
  if (state.data.length === 0) return <EmptyState text={linksZh.followed.empty} id='followed-empty' />
  return (
    <View>
      {state.data.map((p) => (
        <View key={p.id} id={`followed-${p.id}`} onClick={() => Taro.navigateTo({ url: routes.followed(p.id) })}>
          <Card p={p} />
        </View>
      ))}
    </View>
  )
}

function Card({ p }: { p: PublicTicket }) {
  return (
    <View className='card' id='followed-summary' data-status={p.status}>
      <View className='followed__head'>
        <Text className='followed__category'>{categoryIcon(p.category)} {p.category.name}</Text>
        <StatusBadge status={p.status} />
      </View>
      <Text className='followed__summary' id='followed-text'>{p.summary}</Text>
      <Text className='followed__meta'>{[p.spotName, formatTime(p.createdAt)].filter(Boolean).join(' · ')}</Text>
      <Text className='followed__meta' id='followed-supporters'>{linksZh.similar.supporters(p.supporterCount)}</Text>
    </View>
  )
}
