import { zh } from '../../i18n/zh'

/** Ticket states (mirror of shared-types TicketStatus; swap for the import once it is built). */
export type TicketStatus =
  | 'REPORTED'
  | 'ACCEPTED'
  | 'IN_PROGRESS'
  | 'DISPATCHED'
  | 'RESOLVED'
  | 'MEDIATING'
  | 'CLOSED'
  | 'REFUSED'
  | 'WITHDRAWN'

export type StatusTone = 'waiting' | 'active' | 'attention' | 'done' | 'ended'

/** A new state without its row here fails to compile. */
export const STATUS_VIEW = {
  REPORTED: { label: zh.status.REPORTED, tone: 'waiting' },
  ACCEPTED: { label: zh.status.ACCEPTED, tone: 'active' },
  IN_PROGRESS: { label: zh.status.IN_PROGRESS, tone: 'active' },
  DISPATCHED: { label: zh.status.DISPATCHED, tone: 'active' },
  RESOLVED: { label: zh.status.RESOLVED, tone: 'attention' },
  MEDIATING: { label: zh.status.MEDIATING, tone: 'attention' },
  CLOSED: { label: zh.status.CLOSED, tone: 'done' },
  REFUSED: { label: zh.status.REFUSED, tone: 'ended' },
  WITHDRAWN: { label: zh.status.WITHDRAWN, tone: 'ended' },
} as const satisfies Record<TicketStatus, { label: string; tone: StatusTone }>

export function statusView(status: string): { label: string; tone: StatusTone } {
  return (STATUS_VIEW as Record<string, { label: string; tone: StatusTone }>)[status] ?? { label: status, tone: 'ended' }
}
