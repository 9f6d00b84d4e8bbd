import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ErrorCode, actionButton } from '@msb/shared-types'
import { zh } from '../../../i18n/zh'
import { formatTime } from '../../../features/tickets/format'
import { nextDeadline, OWNER_SKIP, ownerDeadlineText } from '../../../features/tickets/deadline'
import { ownerActionsOf, type ActionForm, type OwnerAction } from '../../../features/tickets/owner-actions'
import { sendOwnerAction } from '../../../features/tickets/send-owner-action'
import { useQuery } from '../../../features/common/use-query'
import { categoryIcon } from '../../../features/report/categories'
import { errorCodeOf } from '../../../services/api/errors'
import { goToLogin, session } from '../../../services/auth/session'
import { ticket as loadTicket, type TicketDetail as Ticket } from '../../../services/api/operations'
import { StatusBadge } from '../../../components/status-badge'
import { Timeline } from '../../../components/timeline'
import { ActionSheet } from '../../../components/action-sheet'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { useLiveRefresh } from '../../../features/live/use-live-refresh'
import { OwnerHeader } from '../../../components/owner-header'
import { TicketNotes } from '../../../components/ticket-notes'
import { routes } from '../../../routes'
import { useElderMode } from '../../../features/elder/use-elder-mode'
import { ShareCard } from '../../../components/share-card'
import { shareTicket, type TicketShare } from '../../../services/api/sharing-operations'
import './index.css'

/** A ticket: what was reported, the whole timeline, and only the actions the server offers the owner. */
export default function TicketDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload, replace } = useQuery(id ? () => loadTicket(id) : null, [id])
  const [sheet, setSheet] = useState<OwnerAction | null>(null)
  const [busy, setBusy] = useState(false)
  const [updated, setUpdated] = useState(false)
  const elder = useElderMode()
  // Live (issue 12 §1): staff accept or resolve and this page shows it, without a pull to refresh.
  useLiveRefresh(() => {
    if (!id || !session.isSignedIn()) return
    void reload().then(() => setUpdated(true))
  }, { ticketId: id })
  useEffect(() => {
    if (!updated) return
    const t = setTimeout(() => setUpdated(false), 6000)
    return () => clearTimeout(t)
  }, [updated])
  // Family follow a parent's ticket from a shared card (issue 12 §10): the card opens the read-only family page
  // by a share token, never this page (which is the reporter's). Shared from the menu before 分享给家人 was
  // tapped, a link is made first (WeChat waits for the promise).
  const [link, setLink] = useState<TicketShare | null>(null)
  useShareAppMessage(() => {
    const title = state.status === 'ready' ? zh.owner.shareTitle(state.data.number) : zh.titles.ticketDetail
    if (link) return { title, path: link.path }
    return { title, path: routes.home(), promise: shareTicket(id).then((s) => ({ title, path: s.path })) } as { title: string; path: string }
  })
  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh())
  })
  useEffect(() => {
    if (!session.isSignedIn()) goToLogin()
  }, [])

  const toList = () => Taro.redirectTo({ url: routes.myTickets() })
  if (!id) return <ErrorState code={ErrorCode.NOT_FOUND} action={zh.owner.notFoundBack} onAction={toList} />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') {
    if (state.code === ErrorCode.UNAUTHENTICATED) return <ErrorState code={state.code} action={zh.login.submit} onAction={() => goToLogin()} />
    // Never a dead end (issue 12 §8): 内容不存在 still leads to 我的工单.
    return (
      <ErrorState
        code={state.code}
        onRetry={state.code === ErrorCode.NOT_FOUND || state.code === ErrorCode.FORBIDDEN ? undefined : () => reload()}
        action={zh.owner.notFoundBack}
        onAction={toList}
      />
    )
  }
  const t = state.data
  const actions = ownerActionsOf(t.availableActions)

  const submit = async (action: OwnerAction, form: ActionForm) => {
    setBusy(true)
    try {
      replace(await sendOwnerAction(action, t, form))
      setSheet(null)
      Taro.showToast({ title: zh.actions.done[action], icon: 'success' })
    } catch (e) {
      const code = errorCodeOf(e)
      if (code === ErrorCode.CONFLICT || code === ErrorCode.INVALID_TRANSITION) {
        // Someone acted first: show the ticket as it is now; the offered actions change with it.
        setSheet(null)
        await reload()
        Taro.showToast({ title: zh.actions.conflict, icon: 'none', duration: 3000 })
      } else {
        Taro.showToast({ title: zh.errors[code], icon: 'none', duration: 3000 })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`page detail${actions.length ? ' detail--with-actions' : ''}${elder.className}`} id='page-ticket'>
      <OwnerHeader />
      {updated ? (
        <View className='detail__updated' id='ticket-updated' role='status'>
          {zh.owner.liveUpdated}
        </View>
      ) : null}
      <Summary t={t} />
      <TicketNotes t={t} />
      <CaseNotes t={t} />
      <View className='card'>
        <View className='card__title'>
          <Text>{zh.tickets.timeline}</Text>
        </View>
        <Timeline events={t.timeline} />
      </View>
      <ShareCard ticketId={t.id} onShare={setLink} />
      {actions.length ? (
        <View className='bottom-bar detail__actions' id='ticket-actions'>
          {actions.map((a, i) => (
            <Button
              key={a}
              id={`action-${a}`}
              className='detail__action'
              type={i === 0 ? 'primary' : 'default'}
              size='large'
              onClick={() => setSheet(a)}
            >
              {actionButton(a)}
            </Button>
          ))}
        </View>
      ) : null}
      {sheet ? <ActionSheet key={sheet} action={sheet} busy={busy} onClose={() => setSheet(null)} onSubmit={(f) => submit(sheet, f)} /> : null}
    </View>
  )
}

function Summary({ t }: { t: Ticket }) {
  const deadline = nextDeadline(t.clocks, Date.now(), OWNER_SKIP)
  const line = deadline ? ownerDeadlineText(deadline) : null
  const place = [t.complex.name, t.spot?.name, t.building?.name, t.locationText].filter(Boolean).join(' · ')
  return (
    <View className='card' id='ticket-summary'>
      <View className='detail__head'>
        <Text className='detail__category'>
          {categoryIcon(t.category)} {t.category.name}
        </Text>
        <StatusBadge status={t.status} />
      </View>
      <Text className='detail__desc'>{t.text}</Text>
      <Meta label={zh.tickets.number} value={t.number} id='ticket-number' />
      <Meta label={zh.tickets.createdAt} value={formatTime(t.createdAt)} />
      <Meta label={zh.tickets.place} value={place} />
      {t.contactPhone ? <Meta label={zh.tickets.contact} value={t.contactPhone} /> : null}
      {t.assignee ? <Meta label={zh.tickets.assignee} value={t.assignee.name} /> : null}
      {t.handlingUnit ? <Meta label={zh.tickets.handlingUnit} value={t.handlingUnit.name} /> : null}
      {deadline && line ? (
        <Meta label={zh.owner.deadlineLabel} value={line} warn={deadline.overdue ? 'overdue' : deadline.paused ? 'paused' : 'due'} id='ticket-deadline' />
      ) : null}
      {t.rating ? (
        <Meta
          label={zh.tickets.rating}
          value={`${t.rating.solved ? zh.timeline.solved : zh.timeline.unsolved} · ${'★'.repeat(t.rating.satisfaction)}${'☆'.repeat(5 - t.rating.satisfaction)}`}
          id='ticket-rating'
        />
      ) : null}
    </View>
  )
}

/** 待补充: the handler's question while the ticket waits for the owner; after an urge, when the next one is possible. */
function CaseNotes({ t }: { t: Ticket }) {
  const question = t.status === 'AWAITING_OWNER' ? [...t.timeline].reverse().find((e) => e.action === 'REQUEST_INFO') : undefined
  if (!question && !t.nextUrgeAt) return null
  return (
    <View className='card detail__case' id='ticket-case'>
      {question ? (
        <View id='ticket-question'>
          <Text className='detail__case-title'>{zh.actions.question}</Text>
          <Text className='detail__desc'>{question.note}</Text>
        </View>
      ) : null}
      {t.nextUrgeAt ? <Text className='detail__meta-value' id='ticket-urged'>{zh.actions.urgeAgain(formatTime(t.nextUrgeAt))}</Text> : null}
    </View>
  )
}

function Meta({ label, value, warn, id }: { label: string; value: string; warn?: 'due' | 'overdue' | 'paused'; id?: string }) {
  return (
    <View className='detail__meta' id={id}>
      <Text className='detail__meta-label'>{label}</Text>
      <Text className={`detail__meta-value${warn ? ` detail__deadline detail__deadline--${warn}` : ''}`}>{value}</Text>
    </View>
  )
}
