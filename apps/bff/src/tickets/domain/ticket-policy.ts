import {
  HOTLINE_ONLY_ACTIONS, MEDIATION_WINDOW_DAYS, TicketAction, TicketSource, TicketStatus, URGE_INTERVAL_HOURS,
} from '@msb/shared-types';

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

export interface PolicyFacts {
  readonly status: TicketStatus;
  readonly closedAt: Date | null;
  readonly ratedAt: Date | null;
  readonly ratingScore: number | null;
  readonly mediationRequestedAt: Date | null;
  readonly source: TicketSource;
  /** The resolve-by a pending extension request asks for (null: none pending). */
  readonly extensionRequestedUntil: Date | null;
  readonly lastUrgedAt: Date | null;
}

export type PolicyVerdict = { ok: true } | { ok: false; reason: string };

/** When the owner may urge the ticket next (null: now). */
export function nextUrgeAt(t: Pick<PolicyFacts, 'lastUrgedAt'>): Date | null {
  return t.lastUrgedAt ? new Date(t.lastUrgedAt.getTime() + URGE_INTERVAL_HOURS * HOUR_MS) : null;
}

/**
 * Time- and history-bound rules the lifecycle table cannot express on its own:
 * - reopen: within 7 days after closing;
 * - mediation after closing: only within 7 days after a rating of 1–2 stars, and not again once a mediation
 *   was asked for after that rating (a mediation that closed with an agreement is the end of the dispute);
 * - the 12345 desk actions (HOTLINE_ONLY_ACTIONS): only on a ticket that came from the hotline; the property
 *   side's own extension (REQUEST_EXTENSION / DECIDE_EXTENSION) only on the others (the hotline decides its own);
 * - one extension request at a time: a new one only when none waits; a decision only when one does;
 * - 催办 by the owner: once per URGE_INTERVAL_HOURS per ticket (the claim on `last_urged_at` enforces it under
 *   concurrency; this check makes `availableActions` say so).
 */
export function checkPolicy(action: TicketAction, t: PolicyFacts, now: Date): PolicyVerdict {
  if (HOTLINE_ONLY_ACTIONS.includes(action) && t.source !== TicketSource.HOTLINE_12345) return { ok: false, reason: '仅 12345 热线工单可执行该操作' };
  const extension = action === TicketAction.REQUEST_EXTENSION || action === TicketAction.DECIDE_EXTENSION;
  if (extension && t.source === TicketSource.HOTLINE_12345) return { ok: false, reason: '12345 热线工单请向热线申请延期' };
  if (action === TicketAction.REQUEST_EXTENSION && t.extensionRequestedUntil) return { ok: false, reason: '已有延期申请待审批' };
  if (action === TicketAction.DECIDE_EXTENSION && !t.extensionRequestedUntil) return { ok: false, reason: '没有待审批的延期申请' };
  if (action === TicketAction.URGE) {
    const next = nextUrgeAt(t);
    if (next && next.getTime() > now.getTime()) return { ok: false, reason: `${URGE_INTERVAL_HOURS}小时内只能催办一次` };
  }
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
