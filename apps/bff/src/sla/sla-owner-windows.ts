import { TicketAction, TicketStatus } from '@msb/shared-types';
import { SlaTarget } from './domain';

/** What running out of an owner's window does: the system action, from which state, with its note. */
export interface Expiry {
  readonly action: TicketAction;
  readonly status: TicketStatus;
  readonly note: string;
  readonly reason: string;
}

/** The owner's windows: they close the ticket instead of escalating (the rating window reminds its owner first, sla-rating-reminder). */
export const EXPIRIES: Partial<Record<SlaTarget, Expiry>> = {
  [SlaTarget.RATING]: { action: TicketAction.AUTO_CLOSE, status: TicketStatus.RESOLVED, note: '评价期已过，业主未评价，工单自动关闭', reason: 'RATING_WINDOW_EXPIRED' },
  [SlaTarget.OWNER_INFO]: { action: TicketAction.CLOSE_UNANSWERED, status: TicketStatus.AWAITING_OWNER, note: '业主未在期限内补充信息，工单自动关闭', reason: 'OWNER_INFO_EXPIRED' },
};
