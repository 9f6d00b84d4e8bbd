import { Priority, TicketAction, TicketStatus } from '@msb/shared-types';
import {
  CLOCK_TRIGGERS,
  DEFAULT_SLA_POLICIES,
  EscalationLevel,
  SlaPolicy,
  SlaSubject,
  clockEffects,
  dueEscalation,
  escalationSchedule,
  findPolicyConflicts,
  matchTarget,
  matchTargets,
  shouldPause,
  validatePolicy,
} from '.';
import { SlaTarget } from './sla-target';
import { CALENDAR_24X7, CALENDAR_WORKING_HOURS, defaultCalendars as calendars, formatShanghai, shanghaiTime as t } from './working-calendar';

const NOW = t('2026-03-02 10:00');
const subject = (over: Partial<SlaSubject> = {}): SlaSubject => ({
  companyId: 'co-1', complexId: 'cx-1', category: 'ELEVATOR', priority: Priority.NORMAL, ...over,
});
const policy = (over: Partial<SlaPolicy> & Pick<SlaPolicy, 'id'>): SlaPolicy => ({
  version: 1, name: over.id, scope: { kind: 'GLOBAL' }, category: null, priority: null, targets: {}, effectiveFrom: t('2026-01-01 00:00'), ...over,
});
const resolveIn = (minutes: number) => ({ [SlaTarget.RESOLVE]: { minutes, calendar: CALENDAR_WORKING_HOURS } });

describe('default policies', () => {
  it('follow the documented table', () => {
    const limits = (priority: Priority) =>
      Object.fromEntries(
        Object.entries(matchTargets(DEFAULT_SLA_POLICIES, subject({ priority }), NOW)).map(([k, v]) => [k, `${v!.minutes} ${v!.calendar}`]),
      );
    expect(limits(Priority.EMERGENCY)).toEqual({ ACCEPT: '10 24x7', RESOLVE: '120 24x7', DISPATCH_RESPONSE: '30 24x7', RATING: '10080 24x7', MEDIATION: '2700 WORKING_HOURS', DEPT_RESOLVE: '120 24x7', OWNER_INFO: '10080 24x7' });
    expect(limits(Priority.HIGH)).toEqual({ ACCEPT: '30 24x7', RESOLVE: '1440 24x7', DISPATCH_RESPONSE: '120 24x7', RATING: '10080 24x7', MEDIATION: '2700 WORKING_HOURS', DEPT_RESOLVE: '1440 24x7', OWNER_INFO: '10080 24x7' });
    expect(limits(Priority.NORMAL)).toEqual({ ACCEPT: '30 WORKING_HOURS', RESOLVE: '540 WORKING_HOURS', DISPATCH_RESPONSE: '240 WORKING_HOURS', RATING: '10080 24x7', MEDIATION: '2700 WORKING_HOURS', DEPT_RESOLVE: '1620 WORKING_HOURS', OWNER_INFO: '10080 24x7' });
    expect(limits(Priority.LOW)).toEqual({ ACCEPT: '60 WORKING_HOURS', RESOLVE: '1620 WORKING_HOURS', DISPATCH_RESPONSE: '240 WORKING_HOURS', RATING: '10080 24x7', MEDIATION: '2700 WORKING_HOURS', DEPT_RESOLVE: '2700 WORKING_HOURS', OWNER_INFO: '10080 24x7' });
  });

  it('warn at 75 % except the rating window, and are valid and conflict-free', () => {
    const normal = matchTargets(DEFAULT_SLA_POLICIES, subject(), NOW);
    expect(normal.RESOLVE!.warnShare).toBe(0.75);
    expect(normal.RATING!.warnShare).toBeNull();
    expect(DEFAULT_SLA_POLICIES.flatMap((p) => validatePolicy(p, calendars))).toEqual([]);
    expect(findPolicyConflicts(DEFAULT_SLA_POLICIES, NOW)).toEqual([]);
  });
});

describe('matching: the most specific policy that sets the target wins', () => {
  const policies = [
    ...DEFAULT_SLA_POLICIES,
    policy({ id: 'lifts-everywhere', category: 'ELEVATOR', targets: resolveIn(300) }),
    policy({ id: 'company', scope: { kind: 'COMPANY', companyId: 'co-1' }, targets: resolveIn(400) }),
    policy({ id: 'company-lifts', scope: { kind: 'COMPANY', companyId: 'co-1' }, category: 'ELEVATOR', targets: resolveIn(200) }),
    policy({ id: 'complex-normal', scope: { kind: 'COMPLEX', complexId: 'cx-1' }, priority: Priority.NORMAL, targets: resolveIn(100) }),
  ];

  it('complex over company over global; within a scope, category over priority over catch-all', () => {
    expect(matchTarget(policies, subject(), SlaTarget.RESOLVE, NOW)!.policyId).toBe('complex-normal');
    expect(matchTarget(policies, subject({ priority: Priority.LOW }), SlaTarget.RESOLVE, NOW)!.policyId).toBe('company-lifts');
    expect(matchTarget(policies, subject({ priority: Priority.LOW, category: 'PARKING' }), SlaTarget.RESOLVE, NOW)!.policyId).toBe('company');
    expect(matchTarget(policies, subject({ companyId: 'co-2', complexId: 'cx-9' }), SlaTarget.RESOLVE, NOW)!.policyId).toBe('lifts-everywhere');
    expect(matchTarget(policies, subject({ companyId: 'co-2', complexId: 'cx-9', category: 'PARKING' }), SlaTarget.RESOLVE, NOW)!.policyId).toBe('default-normal');
  });

  it('a target the override does not set falls through to the next policy', () => {
    const accept = matchTarget(policies, subject(), SlaTarget.ACCEPT, NOW)!;
    expect([accept.policyId, accept.minutes]).toEqual(['default-normal', 30]);
  });

  it('an unmatched target is not timed', () => {
    expect(matchTarget([policy({ id: 'only-resolve', targets: resolveIn(60) })], subject(), SlaTarget.ACCEPT, NOW)).toBeNull();
  });
});

describe('versions', () => {
  const v1 = policy({ id: 'co', scope: { kind: 'COMPANY', companyId: 'co-1' }, targets: resolveIn(400) });
  const v2 = { ...v1, version: 2, targets: resolveIn(300), effectiveFrom: t('2026-03-01 00:00') };
  const v3 = { ...v1, version: 3, targets: resolveIn(200), effectiveFrom: t('2026-04-01 00:00') };

  it('the highest version in force applies and is recorded on the terms', () => {
    const terms = matchTarget([v1, v3, v2], subject(), SlaTarget.RESOLVE, NOW)!;
    expect([terms.policyVersion, terms.minutes]).toEqual([2, 300]);
    expect(matchTarget([v1, v2, v3], subject(), SlaTarget.RESOLVE, t('2026-04-02 00:00'))!.policyVersion).toBe(3);
  });

  it('a retired policy stops matching', () => {
    const retired = { ...v2, retiredAt: t('2026-03-02 00:00') };
    expect(matchTarget([...DEFAULT_SLA_POLICIES, v1, retired], subject(), SlaTarget.RESOLVE, NOW)!.policyId).toBe('default-normal');
  });

  it('reports equally specific overlapping policies and bad values', () => {
    const twin = policy({ id: 'co-twin', scope: { kind: 'COMPANY', companyId: 'co-1' }, targets: resolveIn(100) });
    expect(findPolicyConflicts([v1, twin], NOW).map(([a, b, target]) => [a.id, b.id, target])).toEqual([['co', 'co-twin', 'RESOLVE']]);
    const bad = policy({ id: 'bad', targets: { [SlaTarget.ACCEPT]: { minutes: 0, calendar: 'nope', warnShare: 1.5 } } });
    expect(validatePolicy(bad, calendars)).toEqual(['ACCEPT: minutes must be > 0', 'ACCEPT: warnShare must be in (0, 1)', 'ACCEPT: unknown calendar nope']);
  });
});

describe('pause rules', () => {
  const resolve = matchTarget(DEFAULT_SLA_POLICIES, subject(), SlaTarget.RESOLVE, NOW)!;
  const accept = matchTarget(DEFAULT_SLA_POLICIES, subject(), SlaTarget.ACCEPT, NOW)!;

  it('resolve pauses while dispatched, with an outside department, or waiting on the owner', () => {
    expect(shouldPause(resolve.pauseWhen, { status: TicketStatus.DISPATCHED })).toBe(true);
    expect(shouldPause(resolve.pauseWhen, { status: TicketStatus.IN_PROGRESS, withOutsideDepartment: true })).toBe(true);
    expect(shouldPause(resolve.pauseWhen, { status: TicketStatus.IN_PROGRESS, awaitingOwner: true })).toBe(true);
    expect(shouldPause(resolve.pauseWhen, { status: TicketStatus.IN_PROGRESS })).toBe(false);
  });

  it('accept never pauses by default', () => {
    expect(shouldPause(accept.pauseWhen, { status: TicketStatus.REPORTED, awaitingOwner: true })).toBe(false);
  });
});

describe('escalation chain', () => {
  const fmt = (steps: { level: string; at: Date }[]) => steps.map((s) => `${s.level} ${formatShanghai(s.at)}`);

  it('ordinary tickets climb in working time: breach Friday 17:00 reaches the street Thursday', () => {
    const chain = matchTarget(DEFAULT_SLA_POLICIES, subject(), SlaTarget.RESOLVE, NOW)!.escalation;
    expect(fmt(escalationSchedule(t('2025-03-07 17:00'), chain, calendars))).toEqual([
      'HANDLER 2025-03-07 17:00',
      'PROJECT_MANAGER 2025-03-10 09:00',
      'COMPANY 2025-03-10 13:00',
      'COMMUNITY 2025-03-11 13:00',
      'STREET 2025-03-13 13:00',
    ]);
  });

  it('emergencies climb around the clock', () => {
    const chain = matchTarget(DEFAULT_SLA_POLICIES, subject({ priority: Priority.EMERGENCY }), SlaTarget.ACCEPT, NOW)!.escalation;
    expect(chain!.calendar).toBe(CALENDAR_24X7);
    expect(fmt(escalationSchedule(t('2026-02-16 23:50'), chain, calendars)).at(-1)).toBe('STREET 2026-02-17 03:35');
  });

  it('hands out the next step only once its time has come', () => {
    const chain = matchTarget(DEFAULT_SLA_POLICIES, subject(), SlaTarget.RESOLVE, NOW)!.escalation;
    const breach = t('2025-03-10 09:00');
    expect(dueEscalation(breach, chain, 0, breach, calendars)!.level).toBe(EscalationLevel.HANDLER);
    expect(dueEscalation(breach, chain, 1, t('2025-03-10 09:59'), calendars)).toBeNull();
    expect(dueEscalation(breach, chain, 1, t('2025-03-10 10:00'), calendars)).toMatchObject({ step: 2, level: EscalationLevel.PROJECT_MANAGER });
    expect(dueEscalation(breach, chain, 5, t('2026-01-01 00:00'), calendars)).toBeNull();
  });

  it('the rating window has no escalation: running out auto-closes', () => {
    expect(matchTarget(DEFAULT_SLA_POLICIES, subject(), SlaTarget.RATING, NOW)!.escalation).toBeNull();
  });
});

describe('clock triggers', () => {
  it('every target has a start and a stop', () => {
    for (const [target, row] of Object.entries(CLOCK_TRIGGERS)) {
      const effects = Object.values(row);
      expect([target, effects.includes('START'), effects.includes('STOP')]).toEqual([target, true, true]);
    }
  });

  it('the department’s own limit pauses whenever the ticket is not with an outside department; resolve pauses while it is', () => {
    const normal = matchTargets(DEFAULT_SLA_POLICIES, subject(), NOW);
    expect(shouldPause(normal.DEPT_RESOLVE!.pauseWhen, { status: TicketStatus.IN_PROGRESS, withOutsideDepartment: true })).toBe(false);
    expect(shouldPause(normal.DEPT_RESOLVE!.pauseWhen, { status: TicketStatus.IN_PROGRESS, withOutsideDepartment: false })).toBe(true);
    expect(shouldPause(normal.RESOLVE!.pauseWhen, { status: TicketStatus.IN_PROGRESS, withOutsideDepartment: true })).toBe(true);
    expect(clockEffects(TicketAction.ACCEPT_DISPATCH)).toContainEqual({ target: SlaTarget.DEPT_RESOLVE, effect: 'START' });
    expect(clockEffects(TicketAction.RETURN_DISPATCH)).toContainEqual({ target: SlaTarget.DEPT_RESOLVE, effect: 'STOP' });
  });

  it('accepting stops the accept clock and starts the resolve clock', () => {
    expect(clockEffects(TicketAction.ACCEPT)).toEqual([
      { target: SlaTarget.ACCEPT, effect: 'STOP' },
      { target: SlaTarget.RESOLVE, effect: 'START' },
    ]);
  });

  it('an "unsolved" rating stops the rating window and restarts resolve (and the department’s own limit, where a department holds it)', () => {
    expect(clockEffects(TicketAction.RATE, TicketStatus.IN_PROGRESS)).toEqual([
      { target: SlaTarget.RATING, effect: 'STOP' },
      { target: SlaTarget.RESOLVE, effect: 'START' },
      { target: SlaTarget.DEPT_RESOLVE, effect: 'START' },
    ]);
    expect(clockEffects(TicketAction.RATE, TicketStatus.CLOSED)).toEqual([{ target: SlaTarget.RATING, effect: 'STOP' }]);
  });
});
