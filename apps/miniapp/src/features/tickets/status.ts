import { STATUS_LABEL, TicketStatus } from '@msb/shared-types'

export type StatusTone = 'waiting' | 'active' | 'attention' | 'done' | 'ended'

/** How each state looks; labels are the shared ones (STATUS_LABEL). A state without its row fails to compile. */
export const STATUS_TONE = {
  [TicketStatus.REPORTED]: 'waiting',
  [TicketStatus.ACCEPTED]: 'active',
  [TicketStatus.IN_PROGRESS]: 'active',
  [TicketStatus.DISPATCHED]: 'active',
  [TicketStatus.RESOLVED]: 'attention',
  [TicketStatus.MEDIATING]: 'attention',
  [TicketStatus.CLOSED]: 'done',
  [TicketStatus.REFUSED]: 'ended',
  [TicketStatus.WITHDRAWN]: 'ended',
  [TicketStatus.MERGED]: 'ended',
  [TicketStatus.AWAITING_OWNER]: 'attention',
} as const satisfies Record<TicketStatus, StatusTone>

export function statusView(status: string): { label: string; tone: StatusTone } {
  const s = status as TicketStatus
  return s in STATUS_TONE ? { label: STATUS_LABEL[s], tone: STATUS_TONE[s] } : { label: status, tone: 'ended' }
}
