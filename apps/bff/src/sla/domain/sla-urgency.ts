/**
 * A ticket's place in the inbox, from its clocks: breached first (longest overdue first), then
 * running by nearest due, then paused by least working time left, then tickets without a running
 * clock, newest first. Stored on the ticket as (bucket, sort) so the inbox is an index range scan
 * with keyset pagination over (bucket, sort, id).
 *
 * The rating window is the owner's clock, not the handler's: it does not make a ticket urgent.
 */
import { ClockState } from './sla-clock';
import { compareUrgency, type ClockView } from './sla-clock-view';
import { SlaTarget } from './sla-target';

export enum UrgencyBucket {
  BREACHED = 0,
  RUNNING = 1,
  PAUSED = 2,
  NONE = 3,
}

export interface TicketUrgency {
  readonly bucket: UrgencyBucket;
  /** Ascending within the bucket: due time (ms) for BREACHED/RUNNING, working ms left for PAUSED, -id for NONE. */
  readonly sort: number;
}

const NOT_URGENT: ReadonlySet<SlaTarget> = new Set([SlaTarget.RATING, SlaTarget.OWNER_INFO]);

/** `views` as of the same instant (see `viewClock`); `ticketId` a decimal id. */
export function ticketUrgency(views: readonly ClockView[], ticketId: string): TicketUrgency {
  const live = views.filter((v) => !v.stopped && !NOT_URGENT.has(v.target) && v.state !== ClockState.CANCELLED).sort(compareUrgency);
  const top = live[0];
  if (!top) return { bucket: UrgencyBucket.NONE, sort: -Number(ticketId) };
  if (top.state === ClockState.BREACHED) return { bucket: UrgencyBucket.BREACHED, sort: +top.dueAt! };
  if (top.state === ClockState.RUNNING) return { bucket: UrgencyBucket.RUNNING, sort: +top.dueAt! };
  return { bucket: UrgencyBucket.PAUSED, sort: Math.round(top.remainingWorkingMs) };
}
