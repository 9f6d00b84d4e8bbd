/** Pause rules and the escalation chain's timing after a breach. */
import { addWorkingMinutes, type CalendarLookup } from './working-calendar';
import type { EscalationChain, EscalationLevel, PauseRule, TicketSituation } from './sla-policy';

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
