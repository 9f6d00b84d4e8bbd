/**
 * SLA policies as data: time limits per target, matched by category × priority, overridable per
 * property company or complex, versioned; the escalation chain on breach; the pause rules.
 *
 * ## Defaults (DEFAULT_SLA_POLICIES)
 *
 * Starting point: Beijing 12345 接诉即办 — 派单 (dispatch) within 1 h / 2 h / 24 h and 反馈
 * (feedback) within 2 h / 24 h / 7 d / 15 d by urgency — and the issue's suggestion (accept 30 min
 * normal, 10 min emergency; resolve 2 h emergency, 24 h normal, 72 h low). "Working" means the
 * WORKING_HOURS calendar, 08:30–17:30 on China's working days (one working day = 540 min);
 * urgent work runs on 24x7 because lifts and floods do not wait for Monday.
 *
 * | target              | EMERGENCY      | HIGH           | NORMAL                     | LOW                          |
 * |---------------------|----------------|----------------|----------------------------|------------------------------|
 * | ACCEPT 响应          | 10 min 24x7    | 30 min 24x7    | 30 working min             | 60 working min               |
 * | RESOLVE 办结         | 2 h 24x7       | 24 h 24x7      | 1 working day (540 min)    | 3 working days (1,620 min)   |
 * | DISPATCH_RESPONSE   | 30 min 24x7    | 2 h 24x7       | 4 working h (240 min)      | 4 working h (240 min)        |
 * | RATING 评价窗口       | 7 d 24x7       | 7 d 24x7       | 7 d 24x7                   | 7 d 24x7                     |
 * | MEDIATION 调解       | 5 working days | 5 working days | 5 working days (2,700 min) | 5 working days               |
 * | DEPT_RESOLVE 部门办结 | 2 h 24x7       | 24 h 24x7      | 3 working days (1,620 min) | 5 working days (2,700 min)   |
 *
 * Why: EMERGENCY is 12345's 紧急 (2 h to resolve), HIGH its 较急 (24 h). NORMAL "24 h" becomes
 * one working day — filed Monday 10:00, due Tuesday 10:00; filed Friday 10:00, due Monday 10:00 —
 * and LOW "72 h" three working days, so ordinary repairs are not due on a Sunday night or in
 * the middle of 春节. A dispatch goes to teams and outside departments (城管, utilities, 街道) that
 * work office hours, hence 4 working hours unless urgent. Every target warns at 75 %.
 *
 * Escalation on breach (each step after the previous one; the first at the breach itself):
 * - urgent (EMERGENCY, HIGH; 24x7): HANDLER 0 → PROJECT_MANAGER +15 min → COMPANY +30 min →
 *   COMMUNITY +60 min → STREET +120 min;
 * - ordinary (NORMAL, LOW; working time): HANDLER 0 → PROJECT_MANAGER +60 → COMPANY +240 →
 *   COMMUNITY +540 (a working day) → STREET +1,080 working min;
 * - DISPATCH_RESPONSE: the receiving unit (HANDLER), then COMPANY and STREET;
 * - MEDIATION: COMMUNITY, then STREET one working day later;
 * - RATING: none — running out closes the ticket as unrated (AUTO_CLOSE), nobody is late.
 *
 * Pause rules: RESOLVE pauses while the ticket waits on a dispatch receiver (DISPATCHED, whose own
 * DISPATCH_RESPONSE clock runs), while an outside department handles it (its own DEPT_RESOLVE runs
 * instead), and while the property waits on the owner for information. DEPT_RESOLVE runs only while an
 * outside department handles the ticket: it starts when the department accepts the dispatch and again
 * whenever the ticket lands back with it (an unsolved rating, a mediation sent back, a reopen), and
 * stops when it resolves or hands the ticket back. No other target pauses by default.
 *
 * The rule every open state keeps (test/lifecycle-table.int-spec.ts walks the whole table): in every
 * reachable state a ticket can be open in — REPORTED (ACCEPT), ACCEPTED and IN_PROGRESS with the property
 * side (RESOLVE), IN_PROGRESS with an outside department (DEPT_RESOLVE), DISPATCHED (DISPATCH_RESPONSE),
 * RESOLVED (RATING), MEDIATING (MEDIATION) — some clock is RUNNING. The only documented pause without
 * another clock running is waiting on the owner for information (awaitingOwner).
 */
import { Priority, TicketAction, TicketStatus } from '@msb/shared-types';
import { CALENDAR_24X7, CALENDAR_WORKING_HOURS, CalendarId, CalendarLookup, addWorkingMinutes } from './working-calendar';
import { SlaTarget } from './sla-target';

export const DEFAULT_WARN_SHARE = 0.75;

/** Who hears about a breach, in order. The notifications module maps a level to people. */
export enum EscalationLevel {
  /** The assigned handler (or, for a dispatch, the receiving unit). */
  HANDLER = 'HANDLER',
  PROJECT_MANAGER = 'PROJECT_MANAGER',
  /** The property company's management. */
  COMPANY = 'COMPANY',
  /** The community (社区), its 环境和物业管理委员会. */
  COMMUNITY = 'COMMUNITY',
  /** The street office (街道). */
  STREET = 'STREET',
}

export interface EscalationStep {
  readonly level: EscalationLevel;
  /** Minutes after the previous step (after the breach, for the first step). */
  readonly delayMinutes: number;
}

export interface EscalationChain {
  /** The calendar the delays count on. */
  readonly calendar: CalendarId;
  readonly steps: readonly EscalationStep[];
}

/** What the ticket is doing now, as far as pausing a clock is concerned. */
export interface TicketSituation {
  readonly status: TicketStatus;
  /** An outside department (UnitKind.DEPARTMENT) has accepted the ticket and is handling it. */
  readonly withOutsideDepartment?: boolean;
  /** The handler asked the owner for more information and is waiting for the answer. */
  readonly awaitingOwner?: boolean;
}

/** A clock pauses while any of these holds. */
export interface PauseRule {
  readonly statuses?: readonly TicketStatus[];
  readonly withOutsideDepartment?: boolean;
  /** Pause while the ticket is NOT with an outside department (the department's own limit). */
  readonly withoutOutsideDepartment?: boolean;
  readonly awaitingOwner?: boolean;
}

export interface TargetTerms {
  readonly minutes: number;
  readonly calendar: CalendarId;
  /** Share of the limit at which to warn, in (0, 1); null: no warning. Default 0.75. */
  readonly warnShare?: number | null;
  /** Default: no escalation. */
  readonly escalation?: EscalationChain;
  /** Default: never paused. */
  readonly pauseWhen?: PauseRule;
}

/** Whose policy: everyone's, one property company's, or one complex's. */
export type PolicyScope =
  | { readonly kind: 'GLOBAL' }
  | { readonly kind: 'COMPANY'; readonly companyId: string }
  | { readonly kind: 'COMPLEX'; readonly complexId: string };

/**
 * One version of a policy. Versions are immutable: an edit adds version n+1 with a later
 * `effectiveFrom`, and a running clock keeps the version it started under until recalculated.
 */
export interface SlaPolicy {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly scope: PolicyScope;
  /** A category code (shared-types CATEGORIES), or null for any category. */
  readonly category: string | null;
  /** null: any priority. */
  readonly priority: Priority | null;
  /** Targets this policy sets; the others fall through to less specific policies. */
  readonly targets: Readonly<Partial<Record<SlaTarget, TargetTerms>>>;
  readonly effectiveFrom: Date;
  /** A retired policy matches nothing from this instant on (its versions stay for old clocks). */
  readonly retiredAt?: Date | null;
}

/** What a ticket is matched on. */
export interface SlaSubject {
  readonly companyId: string;
  readonly complexId: string;
  readonly category: string;
  readonly priority: Priority;
}

/** A target's terms for one ticket, with the policy version they came from. */
export interface ResolvedTerms {
  readonly target: SlaTarget;
  readonly policyId: string;
  readonly policyVersion: number;
  readonly minutes: number;
  readonly calendar: CalendarId;
  readonly warnShare: number | null;
  readonly escalation: EscalationChain | null;
  readonly pauseWhen: PauseRule | null;
}

// ---------------------------------------------------------------------------------------------
// Matching

/** The version of each policy in force at `at`: the highest whose `effectiveFrom` has come. */
export function policiesInForce(versions: readonly SlaPolicy[], at: Date): SlaPolicy[] {
  const latest = new Map<string, SlaPolicy>();
  for (const p of versions) {
    if (+p.effectiveFrom > +at) continue;
    const seen = latest.get(p.id);
    if (!seen || p.version > seen.version) latest.set(p.id, p);
  }
  return [...latest.values()].filter((p) => !p.retiredAt || +p.retiredAt > +at);
}

function scopeMatches(scope: PolicyScope, subject: SlaSubject): boolean {
  switch (scope.kind) {
    case 'GLOBAL':
      return true;
    case 'COMPANY':
      return scope.companyId === subject.companyId;
    case 'COMPLEX':
      return scope.complexId === subject.complexId;
  }
}

const SCOPE_RANK: Record<PolicyScope['kind'], number> = { GLOBAL: 0, COMPANY: 1, COMPLEX: 2 };

/**
 * How specific a policy is: scope first (complex > company > global), then a named category,
 * then a named priority. A complex's catch-all beats the company's category rule: the people
 * closest to the complex decide.
 */
export function specificity(policy: SlaPolicy): number {
  return SCOPE_RANK[policy.scope.kind] * 4 + (policy.category !== null ? 2 : 0) + (policy.priority !== null ? 1 : 0);
}

export function policyMatches(policy: SlaPolicy, subject: SlaSubject): boolean {
  return (
    scopeMatches(policy.scope, subject) &&
    (policy.category === null || policy.category === subject.category) &&
    (policy.priority === null || policy.priority === subject.priority)
  );
}

function byMostSpecific(a: SlaPolicy, b: SlaPolicy): number {
  // Ties (two policies equally specific) are a configuration error `findPolicyConflicts`
  // reports; the id order keeps the answer deterministic meanwhile.
  return specificity(b) - specificity(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function resolveTerms(policy: SlaPolicy, target: SlaTarget): ResolvedTerms | null {
  const terms = policy.targets[target];
  if (!terms) return null;
  return {
    target,
    policyId: policy.id,
    policyVersion: policy.version,
    minutes: terms.minutes,
    calendar: terms.calendar,
    warnShare: terms.warnShare === undefined ? DEFAULT_WARN_SHARE : terms.warnShare,
    escalation: terms.escalation ?? null,
    pauseWhen: terms.pauseWhen ?? null,
  };
}

/**
 * The terms for one target: from the most specific policy in force that matches the ticket and
 * sets that target. Null when no policy sets it (the target is not timed).
 */
export function matchTarget(policies: readonly SlaPolicy[], subject: SlaSubject, target: SlaTarget, at: Date): ResolvedTerms | null {
  const candidates = policiesInForce(policies, at)
    .filter((p) => p.targets[target] && policyMatches(p, subject))
    .sort(byMostSpecific);
  return candidates.length ? resolveTerms(candidates[0], target) : null;
}

/** Terms for every target (see `matchTarget`). */
export function matchTargets(policies: readonly SlaPolicy[], subject: SlaSubject, at: Date): Record<SlaTarget, ResolvedTerms | null> {
  return Object.fromEntries(Object.values(SlaTarget).map((t) => [t, matchTarget(policies, subject, t, at)])) as Record<
    SlaTarget,
    ResolvedTerms | null
  >;
}

/** Pairs of policies in force that are equally specific, overlap, and set the same target. */
export function findPolicyConflicts(policies: readonly SlaPolicy[], at: Date): [SlaPolicy, SlaPolicy, SlaTarget][] {
  const live = policiesInForce(policies, at);
  const sameScope = (a: PolicyScope, b: PolicyScope) =>
    a.kind === b.kind &&
    (a.kind === 'GLOBAL' ||
      (a.kind === 'COMPANY' && b.kind === 'COMPANY' && a.companyId === b.companyId) ||
      (a.kind === 'COMPLEX' && b.kind === 'COMPLEX' && a.complexId === b.complexId));
  const conflicts: [SlaPolicy, SlaPolicy, SlaTarget][] = [];
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [live[i], live[j]];
      if (!sameScope(a.scope, b.scope) || a.category !== b.category || a.priority !== b.priority) continue;
      for (const t of Object.values(SlaTarget)) if (a.targets[t] && b.targets[t]) conflicts.push([a, b, t]);
    }
  }
  return conflicts;
}

/** Checks one policy version for values the engine cannot work with; returns the problems. */
export function validatePolicy(policy: SlaPolicy, calendars: CalendarLookup): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(policy.version) || policy.version < 1) problems.push('version must be a positive integer');
  for (const [target, terms] of Object.entries(policy.targets) as [SlaTarget, TargetTerms][]) {
    if (!(terms.minutes > 0) || !Number.isFinite(terms.minutes)) problems.push(`${target}: minutes must be > 0`);
    if (terms.warnShare != null && !(terms.warnShare > 0 && terms.warnShare < 1)) problems.push(`${target}: warnShare must be in (0, 1)`);
    for (const id of [terms.calendar, terms.escalation?.calendar].filter((c): c is CalendarId => !!c)) {
      try {
        calendars(id);
      } catch {
        problems.push(`${target}: unknown calendar ${id}`);
      }
    }
    terms.escalation?.steps.forEach((s, i) => {
      if (!(s.delayMinutes >= 0)) problems.push(`${target}: escalation step ${i + 1} delay must be ≥ 0`);
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Pause rules and escalation

export function shouldPause(rule: PauseRule | null | undefined, situation: TicketSituation): boolean {
  if (!rule) return false;
  return (
    (rule.statuses?.includes(situation.status) ?? false) ||
    (rule.withOutsideDepartment === true && situation.withOutsideDepartment === true) ||
    (rule.withoutOutsideDepartment === true && situation.withOutsideDepartment !== true) ||
    (rule.awaitingOwner === true && situation.awaitingOwner === true)
  );
}

export interface ScheduledEscalation {
  /** 1-based; with the ticket, target and clock cycle a unique key for "this step happened". */
  readonly step: number;
  readonly level: EscalationLevel;
  readonly at: Date;
}

/** When each escalation step is due after a breach at `breachedAt`. */
export function escalationSchedule(breachedAt: Date, chain: EscalationChain | null, calendars: CalendarLookup): ScheduledEscalation[] {
  if (!chain) return [];
  const calendar = calendars(chain.calendar);
  let at = breachedAt;
  return chain.steps.map((s, i) => {
    at = addWorkingMinutes(at, s.delayMinutes, calendar);
    return { step: i + 1, level: s.level, at };
  });
}

/** The first step not yet applied whose time has come at `now`, if any. */
export function dueEscalation(
  breachedAt: Date,
  chain: EscalationChain | null,
  stepsApplied: number,
  now: Date,
  calendars: CalendarLookup,
): ScheduledEscalation | null {
  const next = escalationSchedule(breachedAt, chain, calendars)[stepsApplied];
  return next && +next.at <= +now ? next : null;
}

// ---------------------------------------------------------------------------------------------
// When clocks start and stop: ticket actions → clock effects (the service applies them)

export type ClockEffect = 'START' | 'STOP' | 'CANCEL';

/**
 * Which action starts, stops (met or late) or cancels which clock. `START` on a clock that has
 * already stopped begins a new cycle (a reopened ticket gets a fresh resolve limit).
 * A missing target row fails to compile.
 */
export const CLOCK_TRIGGERS = {
  [SlaTarget.ACCEPT]: {
    [TicketAction.REPORT]: 'START',
    [TicketAction.ACCEPT]: 'STOP',
    [TicketAction.REFUSE]: 'STOP',
    [TicketAction.WITHDRAW]: 'CANCEL',
  },
  [SlaTarget.RESOLVE]: {
    [TicketAction.ACCEPT]: 'START',
    [TicketAction.RESOLVE]: 'STOP',
    [TicketAction.REOPEN]: 'START',
    [TicketAction.WITHDRAW]: 'CANCEL',
  },
  [SlaTarget.DISPATCH_RESPONSE]: {
    [TicketAction.DISPATCH]: 'START',
    [TicketAction.ACCEPT_DISPATCH]: 'STOP',
    [TicketAction.RETURN_DISPATCH]: 'STOP',
    [TicketAction.WITHDRAW]: 'CANCEL',
  },
  [SlaTarget.RATING]: {
    [TicketAction.RESOLVE]: 'START',
    [TicketAction.RATE]: 'STOP',
    [TicketAction.REQUEST_MEDIATION]: 'STOP',
    [TicketAction.AUTO_CLOSE]: 'STOP',
  },
  [SlaTarget.MEDIATION]: {
    [TicketAction.REQUEST_MEDIATION]: 'START',
    [TicketAction.RECORD_MEDIATION]: 'STOP',
  },
  // Starts only when the ticket is with an outside department (the SLA service skips it otherwise).
  [SlaTarget.DEPT_RESOLVE]: {
    [TicketAction.ACCEPT_DISPATCH]: 'START',
    [TicketAction.REOPEN]: 'START',
    [TicketAction.RESOLVE]: 'STOP',
    [TicketAction.RETURN_DISPATCH]: 'STOP',
    [TicketAction.WITHDRAW]: 'CANCEL',
  },
} as const satisfies Record<SlaTarget, Partial<Record<TicketAction, ClockEffect>>>;

/**
 * Clock effects of an action. Outcome-dependent ones: a rating of "unsolved" and a mediation
 * sent back to handling restart RESOLVE, like a reopen.
 */
export function clockEffects(action: TicketAction, nextStatus?: TicketStatus): { target: SlaTarget; effect: ClockEffect }[] {
  const effects: { target: SlaTarget; effect: ClockEffect }[] = [];
  for (const target of Object.values(SlaTarget)) {
    const effect = (CLOCK_TRIGGERS[target] as Partial<Record<TicketAction, ClockEffect>>)[action];
    if (effect) effects.push({ target, effect });
  }
  const backToHandling =
    nextStatus === TicketStatus.IN_PROGRESS && (action === TicketAction.RATE || action === TicketAction.RECORD_MEDIATION);
  if (backToHandling) effects.push({ target: SlaTarget.RESOLVE, effect: 'START' }, { target: SlaTarget.DEPT_RESOLVE, effect: 'START' });
  return effects;
}

// ---------------------------------------------------------------------------------------------
// Defaults

const H = 60;
const WORKING_DAY = 9 * H; // 08:30–17:30

const URGENT_ESCALATION: EscalationChain = {
  calendar: CALENDAR_24X7,
  steps: [
    { level: EscalationLevel.HANDLER, delayMinutes: 0 },
    { level: EscalationLevel.PROJECT_MANAGER, delayMinutes: 15 },
    { level: EscalationLevel.COMPANY, delayMinutes: 30 },
    { level: EscalationLevel.COMMUNITY, delayMinutes: 60 },
    { level: EscalationLevel.STREET, delayMinutes: 120 },
  ],
};

const ORDINARY_ESCALATION: EscalationChain = {
  calendar: CALENDAR_WORKING_HOURS,
  steps: [
    { level: EscalationLevel.HANDLER, delayMinutes: 0 },
    { level: EscalationLevel.PROJECT_MANAGER, delayMinutes: H },
    { level: EscalationLevel.COMPANY, delayMinutes: 4 * H },
    { level: EscalationLevel.COMMUNITY, delayMinutes: WORKING_DAY },
    { level: EscalationLevel.STREET, delayMinutes: 2 * WORKING_DAY },
  ],
};

const DISPATCH_ESCALATION = (calendar: CalendarId, unit: number): EscalationChain => ({
  calendar,
  steps: [
    { level: EscalationLevel.HANDLER, delayMinutes: 0 },
    { level: EscalationLevel.COMPANY, delayMinutes: unit },
    { level: EscalationLevel.STREET, delayMinutes: 4 * unit },
  ],
});

const MEDIATION_ESCALATION: EscalationChain = {
  calendar: CALENDAR_WORKING_HOURS,
  steps: [
    { level: EscalationLevel.COMMUNITY, delayMinutes: 0 },
    { level: EscalationLevel.STREET, delayMinutes: WORKING_DAY },
  ],
};

const RESOLVE_PAUSES: PauseRule = { statuses: [TicketStatus.DISPATCHED], withOutsideDepartment: true, awaitingOwner: true };
const DEPT_RESOLVE_PAUSES: PauseRule = { withoutOutsideDepartment: true, awaitingOwner: true };
const DEPT = (minutes: number, calendar: CalendarId, unit: number): TargetTerms => ({ minutes, calendar, escalation: DISPATCH_ESCALATION(calendar, unit), pauseWhen: DEPT_RESOLVE_PAUSES });

const SHARED_TARGETS = {
  [SlaTarget.RATING]: { minutes: 7 * 24 * H, calendar: CALENDAR_24X7, warnShare: null },
  [SlaTarget.MEDIATION]: { minutes: 5 * WORKING_DAY, calendar: CALENDAR_WORKING_HOURS, escalation: MEDIATION_ESCALATION },
} satisfies Partial<Record<SlaTarget, TargetTerms>>;

const DEFAULTS_FROM = new Date('2000-01-01T00:00:00Z');

function defaultPolicy(priority: Priority, targets: Partial<Record<SlaTarget, TargetTerms>>): SlaPolicy {
  return {
    id: `default-${priority.toLowerCase()}`,
    version: 1,
    name: `默认时限（${priority}）`,
    scope: { kind: 'GLOBAL' },
    category: null,
    priority,
    targets: { ...targets, ...SHARED_TARGETS },
    effectiveFrom: DEFAULTS_FROM,
  };
}

/** The platform defaults (the table at the top), one global policy per priority. */
export const DEFAULT_SLA_POLICIES: readonly SlaPolicy[] = [
  defaultPolicy(Priority.EMERGENCY, {
    [SlaTarget.ACCEPT]: { minutes: 10, calendar: CALENDAR_24X7, escalation: URGENT_ESCALATION },
    [SlaTarget.RESOLVE]: { minutes: 2 * H, calendar: CALENDAR_24X7, escalation: URGENT_ESCALATION, pauseWhen: RESOLVE_PAUSES },
    [SlaTarget.DISPATCH_RESPONSE]: { minutes: 30, calendar: CALENDAR_24X7, escalation: DISPATCH_ESCALATION(CALENDAR_24X7, 15) },
    [SlaTarget.DEPT_RESOLVE]: DEPT(2 * H, CALENDAR_24X7, 15),
  }),
  defaultPolicy(Priority.HIGH, {
    [SlaTarget.ACCEPT]: { minutes: 30, calendar: CALENDAR_24X7, escalation: URGENT_ESCALATION },
    [SlaTarget.RESOLVE]: { minutes: 24 * H, calendar: CALENDAR_24X7, escalation: URGENT_ESCALATION, pauseWhen: RESOLVE_PAUSES },
    [SlaTarget.DISPATCH_RESPONSE]: { minutes: 2 * H, calendar: CALENDAR_24X7, escalation: DISPATCH_ESCALATION(CALENDAR_24X7, 30) },
    [SlaTarget.DEPT_RESOLVE]: DEPT(24 * H, CALENDAR_24X7, 30),
  }),
  defaultPolicy(Priority.NORMAL, {
    [SlaTarget.ACCEPT]: { minutes: 30, calendar: CALENDAR_WORKING_HOURS, escalation: ORDINARY_ESCALATION },
    [SlaTarget.RESOLVE]: { minutes: WORKING_DAY, calendar: CALENDAR_WORKING_HOURS, escalation: ORDINARY_ESCALATION, pauseWhen: RESOLVE_PAUSES },
    [SlaTarget.DISPATCH_RESPONSE]: { minutes: 4 * H, calendar: CALENDAR_WORKING_HOURS, escalation: DISPATCH_ESCALATION(CALENDAR_WORKING_HOURS, H) },
    [SlaTarget.DEPT_RESOLVE]: DEPT(3 * WORKING_DAY, CALENDAR_WORKING_HOURS, H),
  }),
  defaultPolicy(Priority.LOW, {
    [SlaTarget.ACCEPT]: { minutes: H, calendar: CALENDAR_WORKING_HOURS, escalation: ORDINARY_ESCALATION },
    [SlaTarget.RESOLVE]: { minutes: 3 * WORKING_DAY, calendar: CALENDAR_WORKING_HOURS, escalation: ORDINARY_ESCALATION, pauseWhen: RESOLVE_PAUSES },
    [SlaTarget.DISPATCH_RESPONSE]: { minutes: 4 * H, calendar: CALENDAR_WORKING_HOURS, escalation: DISPATCH_ESCALATION(CALENDAR_WORKING_HOURS, H) },
    [SlaTarget.DEPT_RESOLVE]: DEPT(5 * WORKING_DAY, CALENDAR_WORKING_HOURS, H),
  }),
];
