/** What the API shows about a clock, and the inbox order of clocks (see sla-clock). */
import type { CalendarLookup } from './working-calendar';
import type { SlaTarget } from './sla-target';
import { ClockState, advanceClock, targetMs, usedWorkingMs, type SlaClock } from './sla-clock';

/** What the API shows about a clock at `now`. */
export interface ClockView {
  readonly target: SlaTarget;
  readonly state: ClockState;
  readonly paused: boolean;
  /** Stopped: met, cancelled, or done after a breach. */
  readonly stopped: boolean;
  readonly warned: boolean;
  readonly dueAt: Date | null;
  readonly usedWorkingMs: number;
  /** Negative once overdue. */
  readonly remainingWorkingMs: number;
}

/** The clock as of `now`, with a breach whose time has passed shown even before a worker records it. */
export function viewClock(clock: SlaClock, now: Date, calendars: CalendarLookup): ClockView {
  const settled = advanceClock(clock, now).clock;
  const used = usedWorkingMs(settled, now, calendars);
  return {
    target: settled.target,
    state: settled.state,
    paused: settled.state === ClockState.PAUSED,
    stopped: settled.stoppedAt !== null,
    warned: settled.warned,
    dueAt: settled.dueAt,
    usedWorkingMs: used,
    remainingWorkingMs: targetMs(settled.terms) - used,
  };
}

/**
 * Inbox order: breached first (longest overdue first), then running by nearest due, then paused
 * by least working time left, then stopped ones.
 */
export function compareUrgency(a: ClockView, b: ClockView): number {
  const rank = (v: ClockView) =>
    v.stopped ? 3 : v.state === ClockState.BREACHED ? 0 : v.state === ClockState.RUNNING ? 1 : v.state === ClockState.PAUSED ? 2 : 3;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra <= 1) return +a.dueAt! - +b.dueAt!;
  return a.remainingWorkingMs - b.remainingWorkingMs;
}
