/**
 * When a clock next needs the engine, escalation steps included: the warning, the breach, then each
 * escalation step of the chain at its time after the breach. Pure; the engine stores the answer as the
 * clock's `next_wake_at` and schedules one wake-up job for it.
 */
import { ClockState, nextWakeUp, type SlaClock } from './sla-clock';
import type { EscalationChain } from './sla-policy';
import { escalationSchedule, type ScheduledEscalation } from './sla-escalation';
import type { CalendarLookup } from './working-calendar';

/** Steps of `chain` not yet taken (`stepsTaken`) whose time has come by `now`, in order. */
export function dueEscalationSteps(
  clock: SlaClock, stepsTaken: number, chain: EscalationChain | null, now: Date, calendars: CalendarLookup,
): ScheduledEscalation[] {
  if (clock.state !== ClockState.BREACHED || clock.stoppedAt !== null || !clock.breachedAt || !chain) return [];
  return escalationSchedule(clock.breachedAt, chain, calendars).slice(stepsTaken).filter((s) => +s.at <= +now);
}

/** The next instant to wake up for: warning or due while running; the next escalation step once breached. */
export function nextWakeAt(clock: SlaClock, stepsTaken: number, chain: EscalationChain | null, calendars: CalendarLookup): Date | null {
  if (clock.state === ClockState.RUNNING) return nextWakeUp(clock);
  if (clock.state !== ClockState.BREACHED || clock.stoppedAt !== null || !clock.breachedAt || !chain) return null;
  return escalationSchedule(clock.breachedAt, chain, calendars)[stepsTaken]?.at ?? null;
}
