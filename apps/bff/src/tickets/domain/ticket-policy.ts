import { HOTLINE_ONLY_ACTIONS, MEDIATION_WINDOW_DAYS, TicketAction, TicketSource, TicketStatus } from '@msb/shared-types';

const DAY_MS = 24 * 3600 * 1000;

export interface PolicyFacts {
  readonly status: TicketStatus;
  readonly closedAt: Date | null;
  readonly ratedAt: Date | null;
  readonly ratingScore: number | null;
  readonly mediationRequestedAt: Date | null;
  readonly source: TicketSource;
}

export type PolicyVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Time- and history-bound rules the lifecycle table cannot express on its own:
 * - reopen: within 7 days after closing;
 * - mediation after closing: only within 7 days after a rating of 1–2 stars, and not again once a mediation
 *   was asked for after that rating (a mediation that closed with an agreement is the end of the dispute);
 * - the 12345 desk actions (HOTLINE_ONLY_ACTIONS): only on a ticket that came from the hotline.
 */
export function checkPolicy(action: TicketAction, t: PolicyFacts, now: Date): PolicyVerdict {
  if (HOTLINE_ONLY_ACTIONS.includes(action) && t.source !== TicketSource.HOTLINE_12345) return { ok: false, reason: '仅 12345 热线工单可执行该操作' };
  if (t.status !== TicketStatus.CLOSED) return { ok: true };
  const windowMs = MEDIATION_WINDOW_DAYS * DAY_MS;
  if (action === TicketAction.REOPEN) {
    if (!t.closedAt || now.getTime() - t.closedAt.getTime() > windowMs) return { ok: false, reason: `工单办结超过${MEDIATION_WINDOW_DAYS}天，不能重新打开` };
  }
  if (action === TicketAction.REQUEST_MEDIATION) {
    if (t.ratingScore === null || t.ratingScore > 2 || !t.ratedAt) return { ok: false, reason: '仅在评价为1–2星后可申请调解' };
    if (now.getTime() - t.ratedAt.getTime() > windowMs) return { ok: false, reason: `评价后${MEDIATION_WINDOW_DAYS}天内才可申请调解` };
    if (t.mediationRequestedAt && t.mediationRequestedAt.getTime() >= t.ratedAt.getTime()) return { ok: false, reason: '该工单已经调解结案，不能再次申请调解' };
  }
  return { ok: true };
}
