import { api } from '../api/client'

const request = <T>(query: string, variables?: Record<string, unknown>) => api.request<T, Record<string, unknown>>(query, variables)

/**
 * Operations of the staff, department and mediator screens. Plain documents with hand-written
 * result types (the owner screens use generated ones; these can move to codegen the same way).
 */
export interface StaffTicket {
  id: string
  number: string
  status: string
  version: number
  priority: string
  text: string
  createdAt: string
  updatedAt: string
  category: { code: string; name: string }
  complex: { id: string; name: string }
  spot: { name: string } | null
  assignee: { id: string; name: string } | null
  dispatchTarget: { id: string; name: string } | null
}

export interface StaffTicketDetail extends StaffTicket {
  locationText: string
  contactName: string
  contactPhone: string
  building: { name: string } | null
  handlingUnit: { id: string; name: string; kind: string } | null
  rating: { solved: boolean; satisfaction: number } | null
  mediationRequestedAt: string | null
  availableActions: string[]
  timeline: {
    id: string; action: string; actorName: string | null; actorRole: string; fromStatus: string | null; toStatus: string
    note: string | null; data: string | null; createdAt: string; attachments: { id: string; url: string; mime: string }[]
  }[]
}

const SUMMARY = `id number status version priority text createdAt updatedAt category { code name } complex { id name } spot { name } assignee { id name } dispatchTarget { id name }`
const DETAIL = `${SUMMARY} locationText contactName contactPhone building { name } handlingUnit { id name kind } rating { solved satisfaction } mediationRequestedAt availableActions
  timeline { id action actorName actorRole fromStatus toStatus note data createdAt attachments { id url mime } }`

export interface Me {
  id: string
  name: string
  roles: string[]
  assignments: { role: string; complexId: number | null; unitId: number | null; areaId: number | null }[]
}

export const staffLogin = (phone: string, password: string) =>
  request<{ loginWithPassword: { token: string; expiresAt: string; me: { id: string; name: string } } }>(
    `mutation($p: String!, $w: String!) { loginWithPassword(phone: $p, password: $w) { token expiresAt me { id name } } }`, { p: phone, w: password },
  ).then((d) => d.loginWithPassword)

export const me = () => request<{ me: Me }>(`{ me { id name roles assignments { role complexId unitId areaId } } }`).then((d) => d.me)

export interface InboxFilter {
  statuses?: string[]
  categoryCodes?: string[]
  complexId?: number
  assigneeId?: string
}

export interface Tab {
  key: string
  filter: InboxFilter
}

/** One request: every tab's first page (its length is the tab's count, "50+" beyond). */
export async function inboxTabs(tabs: readonly Tab[], common: InboxFilter, active: string): Promise<{ counts: Record<string, number>; nodes: StaffTicket[] }> {
  const fields = tabs.map((t, i) => `t${i}: inbox(filter: $f${i}, first: 50) { nodes { ${t.key === active ? SUMMARY : 'id'} } }`).join('\n')
  const vars = tabs.map((_, i) => `$f${i}: InboxFilterInput`).join(', ')
  const variables: Record<string, unknown> = {}
  tabs.forEach((t, i) => (variables[`f${i}`] = { ...common, ...t.filter }))
  const d = await request<Record<string, { nodes: StaffTicket[] }>>(`query(${vars}) { ${fields} }`, variables)
  const counts: Record<string, number> = {}
  let nodes: StaffTicket[] = []
  tabs.forEach((t, i) => {
    counts[t.key] = d[`t${i}`].nodes.length
    if (t.key === active) nodes = d[`t${i}`].nodes
  })
  return { counts, nodes }
}

export const categories = () => request<{ categories: { code: string; name: string; parentCode: string | null }[] }>(`{ categories { code name parentCode } }`).then((d) => d.categories.filter((c) => !c.parentCode))

export const ticket = (id: string) => request<{ ticket: StaffTicketDetail }>(`query($id: ID!) { ticket(id: $id) { ${DETAIL} } }`, { id }).then((d) => d.ticket)

export interface SlaClock { target: string; state: string; dueAt: string | null }
/** The SLA clocks of a ticket, when the server has them (the SLA engine); [] otherwise. */
export const clocks = (id: string) =>
  request<{ ticket: { clocks: SlaClock[] } }>(`query($id: ID!) { ticket(id: $id) { clocks { target state dueAt } } }`, { id }).then((d) => d.ticket.clocks, () => [] as SlaClock[])

export const handlers = (complexId: string) =>
  request<{ handlers: { id: string; name: string; role: string; openCount: number }[] }>(`query($c: Int!) { handlers(complexId: $c) { id name role openCount } }`, { c: Number(complexId) }).then((d) => d.handlers)

export const dispatchTargets = () => request<{ dispatchTargets: { id: string; name: string; kind: string }[] }>(`{ dispatchTargets { id name kind } }`).then((d) => d.dispatchTargets)

export const handlingPhrases = (categoryCode: string) =>
  request<{ handlingPhrases: { replies: string[]; refuseReasons: string[]; returnReasons: string[] } }>(
    `query($c: String!) { handlingPhrases(categoryCode: $c) { replies refuseReasons returnReasons } }`, { c: categoryCode },
  ).then((d) => d.handlingPhrases)

export const revealContact = (ticketId: string) =>
  request<{ revealContact: { phone: string; name: string } }>(`mutation($id: ID!) { revealContact(ticketId: $id) { phone name } }`, { id: ticketId }).then((d) => d.revealContact)

/** Every handling mutation: name → its input type. Each answers the whole ticket. */
const INPUT_TYPE = {
  acceptTicket: 'AcceptTicketInput', refuseTicket: 'RefuseTicketInput', assignTicket: 'AssignTicketInput', startTicket: 'NoteInput',
  addProgress: 'ProgressInput', dispatchTicket: 'DispatchTicketInput', acceptDispatch: 'NoteInput', returnDispatch: 'ReasonInput',
  resolveTicket: 'ResolveTicketInput', recordMediation: 'RecordMediationInput', commentTicket: 'CommentTicketInput',
} as const
export type HandlingMutation = keyof typeof INPUT_TYPE

export const act = (mutation: HandlingMutation, input: Record<string, unknown>) =>
  request<Record<string, StaffTicketDetail>>(`mutation($i: ${INPUT_TYPE[mutation]}!) { ${mutation}(input: $i) { ${DETAIL} } }`, { i: input }).then((d) => d[mutation])

export interface NotificationItem { id: string; kind: string; title: string; body: string; ticketId: string | null; readAt: string | null; createdAt: string }
export const notifications = (after?: string | null) =>
  request<{ notifications: { unreadCount: number; nodes: NotificationItem[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    `query($a: String) { notifications(first: 30, after: $a) { unreadCount nodes { id kind title body ticketId readAt createdAt } pageInfo { hasNextPage endCursor } } }`, { a: after ?? null },
  ).then((d) => d.notifications)
export const unreadCount = () => request<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`).then((d) => d.unreadNotificationCount)
export const markRead = (input: { ids?: string[]; all?: boolean }) =>
  request<{ markNotificationsRead: number }>(`mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }`, { i: input }).then((d) => d.markNotificationsRead)
