import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TICKET_ACTIONS, TicketAction as A, actionButton } from '@msb/shared-types'
import { staffZh } from '../../../i18n/staff-zh'
import { staffLinksZh } from '../../../i18n/links-zh'
import { routes } from '../../../routes'
import { zh } from '../../../i18n/zh'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { StatusBadge } from '../../../components/status-badge'
import { Timeline } from '../../../components/timeline'
import { actionPage } from '../../../features/staff/inbox-tabs'
import { staffSession } from '../../../features/staff/staff-session'
import { useStaffAction } from '../../../features/staff/use-staff-action'
import { useQuery } from '../../../features/common/use-query'
import { useLiveRefresh } from '../../../features/live/use-live-refresh'
import { errorCodeOf } from '../../../services/api/errors'
import { act, revealContact, revealHotlineCaller, ticket as loadTicket } from '../../../services/api/staff-operations'
import { Deadline, HotlineOrderCard } from '../../../components/staff-ui'
import { AcceptSheet } from '../../../components/staff-ui/accept-sheet'
import { useAccept } from '../../../features/staff/use-accept'
import { formatTime } from '../../../features/tickets/format'
import '../../../components/staff-ui/index.css'

/** Actions run from this page directly (no form needed), by their mutation in the lifecycle table. */
const DIRECT_ACTIONS = [A.ACCEPT, A.START, A.ACCEPT_DISPATCH] as const
const DIRECT: Partial<Record<A, (typeof TICKET_ACTIONS)[(typeof DIRECT_ACTIONS)[number]]['mutation']>> = Object.fromEntries(
  DIRECT_ACTIONS.map((a) => [a, TICKET_ACTIONS[a].mutation]),
)
const ORDER: A[] = [
  A.ACCEPT, A.ACCEPT_DISPATCH, A.START, A.HOTLINE_RECORD_CONTACT, A.ASSIGN, A.ADD_PROGRESS, A.RESOLVE, A.DISPATCH, A.RETURN_DISPATCH,
  A.HOTLINE_REQUEST_EXTENSION, A.HOTLINE_REQUEST_RETURN, A.REFUSE, A.MERGE, A.UNMERGE, A.RECORD_MEDIATION, A.COMMENT,
  A.HOTLINE_REQUEST_EXTENSION, A.HOTLINE_REQUEST_RETURN, A.REFUSE, A.RECORD_MEDIATION,
  A.DECIDE_EXTENSION, A.REQUEST_INFO, A.REQUEST_EXTENSION, A.RECLASSIFY,
  // Oversight reads the ticket here; its one action is 督办 (a form page of the oversight subpackage).
  A.SUPERVISE,
]

export default function StaffTicketDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload, replace } = useQuery(() => loadTicket(id), [id])
  const sending = useStaffAction()
  const [busy, setBusy] = useState<string | null>(null)
  const [phone, setPhone] = useState<string | null>(null)
  const [caller, setCaller] = useState<{ name: string; phone: string } | null>(null)
  const me = staffSession.get()
  const accepting = useAccept((r) => replace(r), reload)
  useLiveRefresh(reload, { ticketId: id })
  useDidShow(() => {
    if (state.status === 'ready') reload()
  })
  usePullDownRefresh(() => reload().finally(() => Taro.stopPullDownRefresh()))

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={reload} />
  const t = state.data

  const run = async (action: A) => {
    const page = actionPage(action, t.id)
    if (page) return Taro.navigateTo({ url: page })
    // 受理: with someone to choose, the 受理并指派 sheet; otherwise at once (accepting.start asks the server).
    if (action === A.ACCEPT) {
      setBusy(action)
      await accepting.start(t)
      return setBusy(null)
    }
    const m = DIRECT[action]
    if (!m || sending.busy) return
    setBusy(action)
    await sending.run(() => act(m, { ticketId: t.id, version: t.version }), { after: replace, onError: reload })
    setBusy(null)
  }

  const call = async () => {
    try {
      if (phone) return Taro.makePhoneCall({ phoneNumber: phone }).catch(() => {})
      const r = await revealContact(t.id)
      setPhone(r.phone)
      reload()
      // On the phone app the dialer opens at once; on H5 the number shows and a second tap dials.
      if (process.env.TARO_ENV !== 'h5') Taro.makePhoneCall({ phoneNumber: r.phone }).catch(() => {})
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    }
  }

  /** 保密: the caller of a confidential 12345 order, for the designated contact alone (the server decides; each look is logged). */
  const showCaller = async () => {
    try {
      setCaller(await revealHotlineCaller(t.id))
      reload()
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
    }
  }

  const actions = ORDER.filter((a) => t.availableActions.includes(a))
  const isHandler = !!me && t.assignee?.id === me.id
  const order = t.hotlineOrder
  const confidential = !!order?.confidential
  // Oversight reads here too: the owner pages' readable sizes for them (staff keep the denser page).
  const readable = !!me?.roles.includes('OVERSIGHT')

  return (
    <View className={`staff${actions.length > 6 ? ' staff--tall-actions' : ''}${readable ? ' staff--readable' : ''}`} id='page-staff-detail' data-status={t.status}>
      <View className='card'>
        <View className='tcard__head'>
          <View>
            {t.priority === 'EMERGENCY' ? <Text className='tcard__urgent'>紧急</Text> : null}
            {order ? <Text className='tcard__hotline' id='detail-hotline-badge'>{staffZh.hotline.badge}</Text> : null}
            <Text className='tcard__cat'>{t.category.name}</Text>
            <Text className='tcard__number' id='detail-number'>{t.number}</Text>
          </View>
          <View id='detail-status' data-status={t.status}><StatusBadge status={t.status} /></View>
        </View>
        <Text className='tcard__text' id='detail-text'>{t.text}</Text>
        <Deadline clocks={t.clocks} id='detail-deadline' />
        <View className='kv'><Text className='kv__k'>{staffZh.detail.location}</Text><Text className='kv__v'>{[t.complex.name, t.building?.name, t.spot?.name, t.locationText].filter(Boolean).join(' · ')}</Text></View>
        <View className='kv'><Text className='kv__k'>{staffZh.inbox.assignee}</Text><Text className='kv__v' id='detail-assignee'>{t.assignee?.name ?? staffZh.inbox.unassigned}</Text></View>
        {t.handlingUnit ? <View className='kv'><Text className='kv__k'>{staffZh.detail.handling}</Text><Text className='kv__v'>{t.handlingUnit.name}</Text></View> : null}
        {t.dispatchTarget ? <View className='kv'><Text className='kv__k'>{staffZh.inbox.dispatchedTo}</Text><Text className='kv__v'>{t.dispatchTarget.name}</Text></View> : null}
        {t.supporterCount ? <View className='kv'><Text className='kv__k'>👥</Text><Text className='kv__v' id='detail-supporters'>{staffLinksZh.supporters(t.supporterCount)}</Text></View> : null}
        {t.mergedInto ? <View className='kv'><Text className='kv__k'>{staffLinksZh.mergedInto}</Text><Text className='kv__v' id='detail-merged-into' onClick={() => Taro.navigateTo({ url: routes.staffTicket(t.mergedInto!.id) })}>{t.mergedInto.number} ›</Text></View> : null}
        {t.extensionRequestedUntil ? <Text className='tcard__meta' id='detail-extension-pending'>{staffZh.cases.pending(formatTime(t.extensionRequestedUntil))}</Text> : null}
        {confidential ? (
          <View>
            <View className='kv'>
              <Text className='kv__k'>{staffZh.hotline.caller}</Text>
              <Text className='kv__v' id='detail-caller'>
                {caller ? <Text>{caller.name} <Text className='phone'>{caller.phone}</Text></Text> : staffZh.hotline.confidential}
              </Text>
            </View>
            {me?.roles.includes('PROJECT_MANAGER') && !caller ? (
              <View>
                <View className='btn btn--ghost' id='action-REVEAL_CALLER' onClick={showCaller}>🔒 {staffZh.hotline.revealCaller}</View>
                <Text className='tcard__meta'>{staffZh.hotline.revealHint}</Text>
              </View>
            ) : null}
          </View>
        ) : (
          <View className='kv'>
            <Text className='kv__k'>{order ? staffZh.hotline.caller : staffZh.detail.contact}</Text>
            <Text className='kv__v' id='detail-caller'>
              {t.contactName} <Text className='phone' id='detail-phone'>{phone ?? t.contactPhone}</Text>
            </Text>
          </View>
        )}
        {isHandler && t.contactPhone && !confidential ? (
          <View>
            <View className='btn btn--ghost' id='action-CALL' onClick={call}>📞 {staffZh.detail.reveal}</View>
            <Text className='tcard__meta'>{staffZh.detail.revealHint}</Text>
          </View>
        ) : null}
      </View>
      {order ? <HotlineOrderCard order={order} t={t} /> : null}
      <Text className='section-title'>{staffZh.detail.timeline}</Text>
      <View className='card'>
        <Timeline events={t.timeline} />
      </View>
      {actions.length ? (
        <View className='actions' id='detail-actions'>
          {actions.map((a, i) => (
            <View key={a} id={`action-${a}`} className={`btn${i === 0 ? '' : ' btn--ghost'}${busy === a ? ' btn--busy' : ''}`} onClick={() => run(a)}>
              {actionButton(a)}
            </View>
          ))}
        </View>
      ) : null}
      {accepting.sheet ? <AcceptSheet ticket={accepting.sheet.ticket} people={accepting.sheet.people} busy={accepting.busy} onAccept={accepting.choose} onClose={accepting.close} /> : null}
    </View>
  )
}
