/**
 * SLA policies as data: time limits per target, matched by category × priority, overridable per
 * property company, complex or handling unit (an outside department's own DEPT_RESOLVE limit: a policy of
 * scope UNIT is the most specific), versioned; the escalation chain on breach; the pause rules.
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
 * | OWNER_INFO 业主补充    | 7 d 24x7       | 7 d 24x7       | 7 d 24x7                   | 7 d 24x7                     |
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
 * - OWNER_INFO (待补充, 7 d 24x7 for every priority): none — running out closes the ticket as unanswered
 *   (CLOSE_UNANSWERED, the owner is told), and the handling clocks are cancelled, neither met nor late.
 *
 * Pause rules: RESOLVE pauses while the ticket waits on a dispatch receiver (DISPATCHED, whose own
 * DISPATCH_RESPONSE clock runs), while an outside department handles it (its own DEPT_RESOLVE runs
 * instead), and while the handler waits on the owner for information (AWAITING_OWNER, after REQUEST_INFO:
 * the owner's OWNER_INFO window runs instead; the answer, SUPPLY_INFO, resumes the paused clock with the time it
 * had left — it never starts a new cycle — so with an outside department DEPT_RESOLVE resumes and RESOLVE keeps
 * waiting). DEPT_RESOLVE pauses for the owner's answer too. DEPT_RESOLVE runs only while an
 * outside department handles the ticket: it starts when the department accepts the dispatch and again
 * whenever the ticket lands back with it (an unsolved rating, a mediation sent back, a reopen), and
 * stops when it resolves or hands the ticket back. No other target pauses by default.
 *
 * The rule every open state keeps (test/lifecycle-table.int-spec.ts walks the whole table): in every
 * reachable state a ticket can be open in — REPORTED (ACCEPT), ACCEPTED and IN_PROGRESS with the property
 * side (RESOLVE), IN_PROGRESS with an outside department (DEPT_RESOLVE), DISPATCHED (DISPATCH_RESPONSE),
 * RESOLVED (RATING), MEDIATING (MEDIATION), AWAITING_OWNER (OWNER_INFO) — some clock is RUNNING. Waiting on
 * the owner for information pauses the handling clock; the owner's own window runs meanwhile.
 *
 * A granted extension (DECIDE_EXTENSION) moves the handling clock (RESOLVE, or DEPT_RESOLVE while an outside
 * department holds the ticket) to run to the date granted on 24x7, keeping the time used (sla-extension.ts).
 */
import { Priority, TicketStatus } from '@msb/shared-types';
import { CALENDAR_24X7, CALENDAR_WORKING_HOURS, type CalendarId } from './working-calendar';
import { SlaTarget } from './sla-target';
import { EscalationLevel, type EscalationChain, type PauseRule, type SlaPolicy, type TargetTerms } from './sla-policy';

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
  // 待补充: the owner has 7 days to answer the handler's question; then the ticket closes (CLOSE_UNANSWERED).
  [SlaTarget.OWNER_INFO]: { minutes: 7 * 24 * H, calendar: CALENDAR_24X7, warnShare: null },
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
