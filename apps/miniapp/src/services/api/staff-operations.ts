/**
 * The staff, department, mediator and notification API: each document (./documents/staff.ts,
 * ./documents/notifications.ts) with its generated types from @msb/shared-types. No response type
 * is written by hand. Kept apart from ./operations so the main package does not carry it.
 */
import type {
  ReplyTemplatesQuery, ReplyTemplatesQueryVariables,
  AcceptDispatchMutation, AcceptTicketInput, AcceptTicketMutation, AddProgressMutation, AssignTicketInput, AssignTicketMutation,
  CommentTicketInput, DispatchTargetsQuery, DispatchTargetsQueryVariables, DispatchTicketInput, DispatchTicketMutation, HandlersQuery, HandlersQueryVariables,
  HandlingPhrasesQuery, HandlingPhrasesQueryVariables, InboxFilterInput, InboxTabsQuery, InboxTabsQueryVariables,
  MarkNotificationsReadInput, MarkNotificationsReadMutation, NoteInput, NotificationFieldsFragment, NotificationsQuery,
  NotificationsQueryVariables, ProgressInput, ReasonInput, RecordMediationInput, RecordMediationMutation, RefuseTicketInput,
  RefuseTicketMutation, ResolveTicketInput, ResolveTicketMutation, ReturnDispatchMutation, RevealContactMutation,
  RevealContactMutationVariables, StaffCommentTicketMutation, StaffLoginMutation, StaffLoginMutationVariables, StaffMeQuery,
  StaffTicketDetailFragment, StaffTicketQuery, StaffTicketQueryVariables, StaffTicketSummaryFragment, StartTicketMutation,
  UnreadNotificationCountQuery, HotlineContactInput, HotlineExtensionInput, HotlineOrderFieldsFragment, HotlineReturnInput,
  RecordHotlineContactMutation, RequestHotlineExtensionMutation, RequestHotlineReturnMutation, RevealHotlineCallerMutation,
  RevealHotlineCallerMutationVariables, AssigneesQuery, AssigneesQueryVariables, SearchTicketNumberQuery, SearchTicketNumberQueryVariables,
  ReclassifyTicketInput, ReclassifyTicketMutation, RequestInfoInput, RequestOwnerInfoMutation,
  RequestExtensionInput, RequestExtensionMutation, DecideExtensionInput, DecideExtensionMutation,
} from '@msb/shared-types'
import { api } from './client'
import {
  ACCEPT_DISPATCH, ACCEPT_TICKET, ADD_PROGRESS, ASSIGN_TICKET, DISPATCH_TARGETS, DISPATCH_TICKET, HANDLERS, HANDLING_PHRASES, REPLY_TEMPLATES,
  INBOX_TABS, RECORD_MEDIATION, REFUSE_TICKET, RESOLVE_TICKET, RETURN_DISPATCH, REVEAL_CONTACT, STAFF_COMMENT_TICKET, STAFF_LOGIN,
  STAFF_ME, STAFF_TICKET, START_TICKET, RECORD_HOTLINE_CONTACT, REQUEST_HOTLINE_EXTENSION, REQUEST_HOTLINE_RETURN, REVEAL_HOTLINE_CALLER,
  ASSIGNEES, SEARCH_TICKET_NUMBER,
  RECLASSIFY_TICKET, REQUEST_OWNER_INFO, REQUEST_EXTENSION, DECIDE_EXTENSION,
} from './documents/staff'
import { MARK_NOTIFICATIONS_READ, NOTIFICATIONS, UNREAD_NOTIFICATION_COUNT } from './documents/notifications'
import { categories as ownerCategories } from './operations'

export type StaffTicket = StaffTicketSummaryFragment
export type StaffTicketDetail = StaffTicketDetailFragment
export type StaffMe = StaffMeQuery['me']
export type Handler = HandlersQuery['handlers'][number]
export type DispatchTarget = DispatchTargetsQuery['dispatchTargets'][number]
export type NotificationItem = NotificationFieldsFragment
export type InboxFilter = InboxFilterInput
export type HotlineOrder = HotlineOrderFieldsFragment

export interface Tab {
  key: string
  filter: InboxFilter
}

export const staffLogin = (phone: string, password: string) =>
  api.request<StaffLoginMutation, StaffLoginMutationVariables>(STAFF_LOGIN, { phone, password }).then((d) => d.loginWithPassword)

export const me = () => api.request<StaffMeQuery>(STAFF_ME).then((d) => d.me)

/** The inbox document has five count slots: enough for every role's tabs. */
export const MAX_TABS = 5
const SLOTS = ['c0', 'c1', 'c2', 'c3', 'c4'] as const

/** One request: the active tab's tickets, and every tab's first page as ids (its length is the count, "50+" beyond). */
export async function inboxTabs(tabs: readonly Tab[], common: InboxFilter, active: string): Promise<{ counts: Record<string, number>; nodes: StaffTicket[] }> {
  if (tabs.length > MAX_TABS) throw new Error(`inbox: at most ${MAX_TABS} tabs`)
  const activeTab = tabs.find((t) => t.key === active) ?? tabs[0]
  const slot = (i: number) => (i < tabs.length ? { ...common, ...tabs[i].filter } : null)
  const variables: InboxTabsQueryVariables = {
    active: { ...common, ...activeTab.filter },
    f0: slot(0), f1: slot(1), f2: slot(2), f3: slot(3), f4: slot(4),
    with0: tabs.length > 0, with1: tabs.length > 1, with2: tabs.length > 2, with3: tabs.length > 3, with4: tabs.length > 4,
  }
  const d = await api.request<InboxTabsQuery, InboxTabsQueryVariables>(INBOX_TABS, variables)
  const counts: Record<string, number> = {}
  tabs.forEach((t, i) => (counts[t.key] = d[SLOTS[i]]?.nodes.length ?? 0))
  return { counts, nodes: d.active.nodes }
}

/** Top-level categories, for the inbox filter. */
export const categories = () => ownerCategories().then((cs) => cs.filter((c) => !c.parentCode))

export const ticket = (id: string) =>
  api.request<StaffTicketQuery, StaffTicketQueryVariables>(STAFF_TICKET, { id }).then((d) => d.ticket)

export const handlers = (complexId: number) =>
  api.request<HandlersQuery, HandlersQueryVariables>(HANDLERS, { complexId }).then((d) => d.handlers)

/** Whom the caller may give the ticket to now (the server's list: empty when they may only take it themselves, or not at all). */
export const assignees = (ticketId: string) =>
  api.request<AssigneesQuery, AssigneesQueryVariables>(ASSIGNEES, { ticketId }).then((d) => d.assignees)

/** The inbox search box: the visible tickets a typed number (whole, day + sequence, or a recent bare sequence) means. */
export const searchTicketNumber = (query: string) =>
  api.request<SearchTicketNumberQuery, SearchTicketNumberQueryVariables>(SEARCH_TICKET_NUMBER, { query }).then((d) => d.searchTicketNumber)

/** With the ticket: only the units that ticket may be dispatched to (the DISPATCH rule's own check). */
export const dispatchTargets = (ticketId?: string) => api.request<DispatchTargetsQuery, DispatchTargetsQueryVariables>(DISPATCH_TARGETS, { ticketId }).then((d) => d.dispatchTargets)

export const handlingPhrases = (categoryCode: string) =>
  api.request<HandlingPhrasesQuery, HandlingPhrasesQueryVariables>(HANDLING_PHRASES, { categoryCode }).then((d) => d.handlingPhrases)

/** The company's and everyone's canned replies for a ticket of this complex (set up by administrators). */
export const replyTemplates = (complexId: number) =>
  api.request<ReplyTemplatesQuery, ReplyTemplatesQueryVariables>(REPLY_TEMPLATES, { complexId }).then((d) => d.replyTemplates)

export const revealContact = (ticketId: string) =>
  api.request<RevealContactMutation, RevealContactMutationVariables>(REVEAL_CONTACT, { ticketId }).then((d) => d.revealContact)

/** 12345: the caller's name and phone (a confidential order's only for the designated contact; the look is logged). */
export const revealHotlineCaller = (ticketId: string) =>
  api.request<RevealHotlineCallerMutation, RevealHotlineCallerMutationVariables>(REVEAL_HOTLINE_CALLER, { ticketId }).then((d) => d.revealHotlineCaller)

const run = <TData, TInput>(doc: string, pick: (d: TData) => StaffTicketDetail) => (input: TInput) =>
  api.request<TData, { input: TInput }>(doc, { input }).then(pick)

/** The handling mutations by their name in the schema; each answers the whole ticket. */
const HANDLING = {
  acceptTicket: run<AcceptTicketMutation, AcceptTicketInput>(ACCEPT_TICKET, (d) => d.acceptTicket),
  refuseTicket: run<RefuseTicketMutation, RefuseTicketInput>(REFUSE_TICKET, (d) => d.refuseTicket),
  assignTicket: run<AssignTicketMutation, AssignTicketInput>(ASSIGN_TICKET, (d) => d.assignTicket),
  startTicket: run<StartTicketMutation, NoteInput>(START_TICKET, (d) => d.startTicket),
  addProgress: run<AddProgressMutation, ProgressInput>(ADD_PROGRESS, (d) => d.addProgress),
  dispatchTicket: run<DispatchTicketMutation, DispatchTicketInput>(DISPATCH_TICKET, (d) => d.dispatchTicket),
  acceptDispatch: run<AcceptDispatchMutation, NoteInput>(ACCEPT_DISPATCH, (d) => d.acceptDispatch),
  returnDispatch: run<ReturnDispatchMutation, ReasonInput>(RETURN_DISPATCH, (d) => d.returnDispatch),
  resolveTicket: run<ResolveTicketMutation, ResolveTicketInput>(RESOLVE_TICKET, (d) => d.resolveTicket),
  recordMediation: run<RecordMediationMutation, RecordMediationInput>(RECORD_MEDIATION, (d) => d.recordMediation),
  commentTicket: run<StaffCommentTicketMutation, CommentTicketInput>(STAFF_COMMENT_TICKET, (d) => d.commentTicket),
  recordHotlineContact: run<RecordHotlineContactMutation, HotlineContactInput>(RECORD_HOTLINE_CONTACT, (d) => d.recordHotlineContact),
  requestHotlineReturn: run<RequestHotlineReturnMutation, HotlineReturnInput>(REQUEST_HOTLINE_RETURN, (d) => d.requestHotlineReturn),
  requestHotlineExtension: run<RequestHotlineExtensionMutation, HotlineExtensionInput>(REQUEST_HOTLINE_EXTENSION, (d) => d.requestHotlineExtension),
  reclassifyTicket: run<ReclassifyTicketMutation, ReclassifyTicketInput>(RECLASSIFY_TICKET, (d) => d.reclassifyTicket),
  requestOwnerInfo: run<RequestOwnerInfoMutation, RequestInfoInput>(REQUEST_OWNER_INFO, (d) => d.requestOwnerInfo),
  requestExtension: run<RequestExtensionMutation, RequestExtensionInput>(REQUEST_EXTENSION, (d) => d.requestExtension),
  decideExtension: run<DecideExtensionMutation, DecideExtensionInput>(DECIDE_EXTENSION, (d) => d.decideExtension),
}
export type HandlingMutation = keyof typeof HANDLING
export type HandlingInput<M extends HandlingMutation> = Parameters<(typeof HANDLING)[M]>[0]

export const act = <M extends HandlingMutation>(mutation: M, input: HandlingInput<M>): Promise<StaffTicketDetail> =>
  (HANDLING[mutation] as (i: HandlingInput<M>) => Promise<StaffTicketDetail>)(input)

export const notifications = (after?: string | null, first = 30) =>
  api.request<NotificationsQuery, NotificationsQueryVariables>(NOTIFICATIONS, { first, after: after ?? null }).then((d) => d.notifications)

export const unreadCount = () => api.request<UnreadNotificationCountQuery>(UNREAD_NOTIFICATION_COUNT).then((d) => d.unreadNotificationCount)

export const markRead = (input: MarkNotificationsReadInput) =>
  api.request<MarkNotificationsReadMutation, { input: MarkNotificationsReadInput }>(MARK_NOTIFICATIONS_READ, { input }).then((d) => d.markNotificationsRead)
