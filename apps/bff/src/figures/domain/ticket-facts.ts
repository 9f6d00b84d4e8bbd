import { MediationOutcome, TicketAction as A, TicketStatus as S } from '@msb/shared-types';
import { defaultWorkingHoursCalendar, isoOfDayNumber, shanghaiDayNumber, workingMsBetween } from '../../sla/domain';

/**
 * What one ticket contributes to the figures, derived from its timeline alone (docs/figures.md).
 * A ticket counts in the period of the Shanghai day it was filed (its cohort), whenever the later
 * events happen; its contribution is recomputed from all its events on every change.
 */

/** Timeline event kinds the figures read beyond the lifecycle actions. */
export const SLA_BREACH_EVENT = 'SLA_BREACH';

/** Extension requests (延期申请): the 12345 desk's, and the property side's own when it has one. */
export const EXTENSION_ACTIONS: ReadonlySet<string> = new Set([A.HOTLINE_REQUEST_EXTENSION, 'REQUEST_EXTENSION']);

/** SLA targets whose on-time share is a figure (the rating window is not a service promise). */
export const TIMED_TARGETS = ['ACCEPT', 'RESOLVE', 'DISPATCH_RESPONSE', 'MEDIATION'] as const;
export type TimedTarget = (typeof TIMED_TARGETS)[number];

/** Summable counters, in the order of the roll-up table's columns. */
export const COUNTERS = [
  'filed', 'open', 'accepted', 'refused', 'withdrawn',
  'acceptBase', 'acceptMet', 'resolveBase', 'resolveMet', 'dispatchBase', 'dispatchMet', 'mediationBase', 'mediationMet',
  'resolved', 'rated', 'solved', 'satisfied', 'autoClosed',
  'dispatches', 'returns', 'redone', 'urges', 'deadlineUrges',
  'mediationRequested', 'mediationAgreed', 'mediationSentBack', 'extensions',
  'ownerUrges', 'extensionsGranted',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

/** Per-ticket durations (not summable: medians and p90 read them one by one). */
export const DURATIONS = ['acceptWallMs', 'acceptWorkMs', 'resolveWallMs', 'resolveWorkMs'] as const;
export type Duration = (typeof DURATIONS)[number];

export interface TicketFacts {
  readonly ticketId: string;
  readonly complexId: number;
  /** The property company the ticket was filed under (tickets.company_id; 0 for none): figures stay with it after a change. */
  readonly companyId: number;
  /** Shanghai civil day of filing, YYYY-MM-DD. */
  readonly day: string;
  readonly categoryCode: string;
  readonly source: string;
  readonly counters: Counters;
  readonly durations: Readonly<Record<Duration, number | null>>;
  /** The newest event these facts were computed from. */
  readonly lastEventId: string;
}

export interface FactEvent {
  readonly id: string;
  readonly action: string;
  readonly toStatus: string;
  readonly data: Record<string, unknown> | null;
  readonly createdAt: Date;
}

export interface FactTicket {
  readonly id: string;
  readonly complexId: number;
  readonly companyId: number | null;
  readonly categoryCode: string;
  /** The channel it came in through (QR, HOTLINE_12345, OPEN311). */
  readonly source: string;
}

/** Backlog: not yet resolved (a resolved ticket waits for the owner's rating; one awaiting the owner's answer is not done). */
const OPEN: ReadonlySet<string> = new Set([S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED, S.MEDIATING, S.AWAITING_OWNER]);

/** The lifecycle actions that finish each timed target's work. */
const DONE_BY: Record<TimedTarget, ReadonlySet<string>> = {
  ACCEPT: new Set([A.ACCEPT, A.REFUSE]),
  RESOLVE: new Set([A.RESOLVE]),
  DISPATCH_RESPONSE: new Set([A.ACCEPT_DISPATCH, A.RETURN_DISPATCH]),
  MEDIATION: new Set([A.RECORD_MEDIATION]),
};

const BASE: Record<TimedTarget, [Counter, Counter]> = {
  ACCEPT: ['acceptBase', 'acceptMet'],
  RESOLVE: ['resolveBase', 'resolveMet'],
  DISPATCH_RESPONSE: ['dispatchBase', 'dispatchMet'],
  MEDIATION: ['mediationBase', 'mediationMet'],
};

export function zeroCounters(): Counters {
  return Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;
}

export function shanghaiIsoDay(at: Date): string {
  return isoOfDayNumber(shanghaiDayNumber(at));
}

/** Facts of one ticket from its events (any order; sorted by id here). Null before the filing event exists. */
export function computeFacts(ticket: FactTicket, events: readonly FactEvent[]): TicketFacts | null {
  const ev = [...events].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const report = ev.find((e) => e.action === A.REPORT);
  if (!report) return null;
  const filedAt = report.createdAt;
  const c = zeroCounters();
  const count = (action: string, pred: (e: FactEvent) => boolean = () => true) => ev.filter((e) => e.action === action && pred(e)).length;
  const has = (action: string) => ev.some((e) => e.action === action);
  const last = ev[ev.length - 1];

  c.filed = 1;
  c.open = OPEN.has(last.toStatus) ? 1 : 0;
  c.accepted = has(A.ACCEPT) ? 1 : 0;
  c.refused = has(A.REFUSE) ? 1 : 0;
  c.withdrawn = last.toStatus === S.WITHDRAWN ? 1 : 0;

  for (const target of TIMED_TARGETS) {
    const done = ev.some((e) => DONE_BY[target].has(e.action));
    const breached = ev.some((e) => e.action === SLA_BREACH_EVENT && e.data?.target === target);
    const [base, met] = BASE[target];
    c[base] = done || breached ? 1 : 0;
    c[met] = done && !breached ? 1 : 0;
  }

  c.resolved = has(A.RESOLVE) ? 1 : 0;
  const ratings = ev.filter((e) => e.action === A.RATE);
  const lastRating = ratings[ratings.length - 1];
  if (lastRating) {
    c.rated = 1;
    c.solved = lastRating.data?.solved === true ? 1 : 0;
    c.satisfied = Number(lastRating.data?.satisfaction ?? 0) >= 4 ? 1 : 0;
  }
  const verdicts = ev.filter((e) => e.action === A.RATE || e.action === A.AUTO_CLOSE);
  c.autoClosed = verdicts.length && verdicts[verdicts.length - 1].action === A.AUTO_CLOSE ? 1 : 0;

  c.dispatches = count(A.DISPATCH);
  c.returns = count(A.RETURN_DISPATCH);
  c.redone = has(A.REOPEN) || ratings.some((e) => e.data?.solved === false) ? 1 : 0;
  c.urges = count(A.SUPERVISE);
  c.deadlineUrges = count(A.SUPERVISE, (e) => typeof e.data?.deadline === 'string');
  c.mediationRequested = count(A.REQUEST_MEDIATION);
  c.mediationAgreed = count(A.RECORD_MEDIATION, (e) => e.data?.outcome === MediationOutcome.AGREEMENT);
  c.mediationSentBack = count(A.RECORD_MEDIATION, (e) => e.data?.outcome === MediationOutcome.BACK_TO_HANDLING);
  c.extensions = ev.filter((e) => EXTENSION_ACTIONS.has(e.action)).length;
  // 催办 by the owner (apart from oversight's 督办), and the extensions the manager or department head granted.
  c.ownerUrges = count(A.URGE);
  c.extensionsGranted = count(A.DECIDE_EXTENSION, (e) => e.data?.granted === true);

  const firstResponse = ev.find((e) => DONE_BY.ACCEPT.has(e.action));
  const firstResolve = ev.find((e) => e.action === A.RESOLVE);
  const wall = (e: FactEvent | undefined) => (e ? +e.createdAt - +filedAt : null);
  const work = (e: FactEvent | undefined) => (e ? workingMsBetween(filedAt, e.createdAt, defaultWorkingHoursCalendar) : null);

  return {
    ticketId: ticket.id, complexId: ticket.complexId, companyId: ticket.companyId ?? 0, day: shanghaiIsoDay(filedAt), categoryCode: ticket.categoryCode, source: ticket.source,
    counters: c,
    durations: { acceptWallMs: wall(firstResponse), acceptWorkMs: work(firstResponse), resolveWallMs: wall(firstResolve), resolveWorkMs: work(firstResolve) },
    lastEventId: last.id,
  };
}

export function addCounters(into: Counters, x: Counters, sign = 1): Counters {
  for (const k of COUNTERS) into[k] += sign * x[k];
  return into;
}

export function sameFacts(a: TicketFacts | null, b: TicketFacts | null): boolean {
  if (a === null || b === null) return a === b;
  return a.complexId === b.complexId && a.companyId === b.companyId && a.day === b.day && a.categoryCode === b.categoryCode && a.source === b.source
    && COUNTERS.every((k) => a.counters[k] === b.counters[k]) && DURATIONS.every((k) => a.durations[k] === b.durations[k]);
}

export type RollupKey = Pick<TicketFacts, 'complexId' | 'companyId' | 'day' | 'categoryCode' | 'source'>;

/** Roll-up key: complex × day × category × source × the filing company. */
export function rollupKey(f: RollupKey): string {
  return `${f.complexId}|${f.day}|${f.categoryCode}|${f.source}|${f.companyId}`;
}

/** camelCase counter → snake_case column. */
export function column(name: Counter | Duration): string {
  return name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
}
