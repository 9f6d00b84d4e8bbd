import { RefuseReason, TicketAction as A, TicketStatus as S } from '@msb/shared-types';

/** mySociety's extended status set (servicerequestupdates), lower case as GET answers it. */
export type ExtendedStatus =
  | 'open' | 'closed' | 'fixed' | 'in_progress' | 'action_scheduled' | 'investigating' | 'duplicate'
  | 'not_councils_responsibility' | 'no_further_action' | 'internal_referral' | 'reopen' | 'for_triage';

const CLOSED: ReadonlySet<S> = new Set([S.RESOLVED, S.CLOSED, S.REFUSED, S.WITHDRAWN, S.MERGED]);

/** GeoReport's two states: a ticket is closed once resolved (awaiting the rating), closed, refused or withdrawn. */
export function basicStatus(status: S): 'open' | 'closed' {
  return CLOSED.has(status) ? 'closed' : 'open';
}

/**
 * The extended status after one timeline event: the state it led to, refinements from the action (a reopening,
 * a refusal as duplicate) on top.
 */
export function extendedStatus(to: S, action: string, data: Record<string, unknown> | null): ExtendedStatus {
  if (action === A.REOPEN || (action === A.RATE && to === S.IN_PROGRESS) || (action === A.RECORD_MEDIATION && to === S.IN_PROGRESS)) return 'reopen';
  switch (to) {
    case S.REPORTED: return 'open';
    case S.ACCEPTED: return 'investigating';
    case S.DISPATCHED: return 'internal_referral';
    case S.IN_PROGRESS: return 'in_progress';
    case S.MEDIATING: return 'investigating';
    case S.RESOLVED: return 'fixed';
    case S.CLOSED: return 'closed';
    case S.REFUSED: return data?.refuseReason === RefuseReason.DUPLICATE ? 'duplicate' : 'not_councils_responsibility';
    case S.WITHDRAWN: return 'closed';
    case S.MERGED: return 'duplicate';
    case S.AWAITING_OWNER: return 'action_scheduled';
  }
}

/** Timeline actions an Open311 client sees as updates (the filing itself is the request; assignment is internal). */
export const PUBLIC_UPDATE_ACTIONS: readonly string[] = Object.values(A).filter((a) => a !== A.REPORT && a !== A.ASSIGN);
