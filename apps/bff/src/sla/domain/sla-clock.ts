/**
 * One SLA clock (ticket × target) as a pure state machine.
 *
 * The clock does not keep its pause history: it keeps the working time used in closed running
 * segments (`usedMs`) and when the open segment began (`runningSince`). Due and warn times follow
 * from those, the target and the calendar, so a pause costs nothing however long it lasts and a
 * recalculation keeps exactly the time already used.
 *
 * Every transition first settles the clock at its instant — records the warning and the breach
 * whose times have passed, at those times, not at the time somebody noticed — then applies the
 * change, then settles again (a shorter target may already be used up). It returns the new clock
 * and the events, oldest first, for the ticket's timeline. A transition that changes nothing
 * returns the same clock object and no events; every change bumps `version`, which the service
 * uses for compare-and-set and in wake-up job ids.
 *
 * States: RUNNING → PAUSED ⇄ RUNNING → MET | BREACHED | CANCELLED. BREACHED is sticky: a
 * recorded breach has been announced and escalated, so recalculating or stopping later does not
 * undo it; a breached clock keeps counting (overdue) until stopped and ignores pause/resume.
 * Breach happens at `dueAt` itself: stopping 1 ms before it is met, at it is late.
 *
 * This file: the clock's data and its settle step; the transitions are in sla-clock-transitions, what
 * the API shows in sla-clock-view.
 */
import { CALENDAR_24X7, CalendarId, CalendarLookup, addWorkingMs, workingMsBetween } from './working-calendar';
import { SlaTarget } from './sla-target';

export const MINUTE_MS = 60_000;

export enum ClockState {
  RUNNING = 'RUNNING',
  PAUSED = 'PAUSED',
  MET = 'MET',
  BREACHED = 'BREACHED',
  /** Stopped without an outcome (the owner withdrew the ticket): counts in neither met nor breached. */
  CANCELLED = 'CANCELLED',
}

/** The limit a clock runs against; from a policy version (see sla-policy `ResolvedTerms`). */
export interface ClockTerms {
  readonly minutes: number;
  readonly calendar: CalendarId;
  /** Share of the limit at which to warn, in (0, 1); null: no warning. */
  readonly warnShare: number | null;
  readonly policyId: string | null;
  readonly policyVersion: number | null;
}

export interface SlaClock {
  readonly target: SlaTarget;
  readonly state: ClockState;
  readonly warned: boolean;
  readonly terms: ClockTerms;
  /** Start of the current cycle (a reopened ticket starts a new resolve cycle). */
  readonly startedAt: Date;
  readonly cycle: number;
  /** Working time used in closed running segments. */
  readonly usedMs: number;
  /** Start of the open running segment; null while paused or stopped. */
  readonly runningSince: Date | null;
  readonly pausedAt: Date | null;
  /** Wall-clock time spent paused in this cycle (for display and reports). */
  readonly pausedTotalMs: number;
  /** When the limit runs out; null while paused (unknown until resumed) and once stopped unmet. */
  readonly dueAt: Date | null;
  /** When to warn; null when not warning or paused. */
  readonly warnAt: Date | null;
  readonly breachedAt: Date | null;
  readonly stoppedAt: Date | null;
  readonly version: number;
}

export type ClockEvent =
  | { readonly type: 'STARTED'; readonly at: Date; readonly dueAt: Date }
  | { readonly type: 'PAUSED'; readonly at: Date }
  | { readonly type: 'RESUMED'; readonly at: Date; readonly dueAt: Date }
  | { readonly type: 'WARNED'; readonly at: Date; readonly dueAt: Date }
  | { readonly type: 'BREACHED'; readonly at: Date }
  | { readonly type: 'MET'; readonly at: Date; readonly usedMs: number }
  /** Stopped after a breach: the work got done, late. */
  | { readonly type: 'STOPPED_LATE'; readonly at: Date; readonly usedMs: number }
  | { readonly type: 'CANCELLED'; readonly at: Date }
  | { readonly type: 'RECALCULATED'; readonly at: Date; readonly from: ClockTerms; readonly to: ClockTerms; readonly dueAt: Date | null };

export interface ClockTransition {
  readonly clock: SlaClock;
  readonly events: readonly ClockEvent[];
}

/** The target in ms (for the clock's own files: transitions, views). */
export const targetMs = (terms: ClockTerms) => Math.round(terms.minutes * MINUTE_MS);
export const warnThresholdMs = (terms: ClockTerms) => (terms.warnShare === null ? null : Math.round(targetMs(terms) * terms.warnShare));
export const isStopped = (clock: SlaClock) => clock.stoppedAt !== null;

export function checkTerms(terms: ClockTerms): void {
  if (!(terms.minutes > 0) || !Number.isFinite(terms.minutes)) throw new RangeError(`SLA minutes must be > 0, got ${terms.minutes}`);
  if (terms.warnShare !== null && !(terms.warnShare > 0 && terms.warnShare < 1)) {
    throw new RangeError(`warn share must be in (0, 1), got ${terms.warnShare}`);
  }
}

/** The clock-relevant part of a policy's resolved terms (sla-policy `ResolvedTerms`). */
export function clockTerms(resolved: ClockTerms): ClockTerms {
  const { minutes, calendar, warnShare, policyId, policyVersion } = resolved;
  return { minutes, calendar, warnShare, policyId, policyVersion };
}

/** Working time used by `at` (capped at the stop). */
export function usedWorkingMs(clock: SlaClock, at: Date, calendars: CalendarLookup): number {
  if (!clock.runningSince || +at <= +clock.runningSince) return clock.usedMs;
  return clock.usedMs + workingMsBetween(clock.runningSince, at, calendars(clock.terms.calendar));
}

/** Working time left at `now`; negative once overdue. */
export function remainingWorkingMs(clock: SlaClock, now: Date, calendars: CalendarLookup): number {
  return targetMs(clock.terms) - usedWorkingMs(clock, now, calendars);
}

/** Due and warn times of a running segment that starts at `from` with `usedMs` already used. */
export function schedule(terms: ClockTerms, from: Date, usedMs: number, calendars: CalendarLookup): { dueAt: Date; warnAt: Date | null } {
  const calendar = calendars(terms.calendar);
  const dueAt = addWorkingMs(from, Math.max(0, targetMs(terms) - usedMs), calendar);
  const warnMs = warnThresholdMs(terms);
  const warnAt = warnMs === null ? null : addWorkingMs(from, Math.max(0, warnMs - usedMs), calendar);
  return { dueAt, warnAt };
}

/**
 * Records the warning and the breach whose times have come by `now` — what a wake-up job does.
 * Also called at the start of every transition.
 */
export function advanceClock(clock: SlaClock, now: Date): ClockTransition {
  if (clock.state !== ClockState.RUNNING) return { clock, events: [] };
  const events: ClockEvent[] = [];
  let next = clock;
  if (!next.warned && next.warnAt && next.dueAt && +now >= +next.warnAt) {
    next = { ...next, warned: true };
    events.push({ type: 'WARNED', at: next.warnAt!, dueAt: next.dueAt! });
  }
  if (next.dueAt && +now >= +next.dueAt) {
    next = { ...next, state: ClockState.BREACHED, breachedAt: next.dueAt };
    events.push({ type: 'BREACHED', at: next.dueAt! });
  }
  return events.length ? { clock: { ...next, version: clock.version + 1 }, events } : { clock, events };
}

/** Settle at `at`, apply `change` (null: nothing to do), settle again; one version bump per call. */
export function transition(
  clock: SlaClock,
  at: Date,
  change: (settled: SlaClock) => { clock: SlaClock; events: ClockEvent[] } | null,
): ClockTransition {
  const before = advanceClock(clock, at);
  const changed = change(before.clock);
  if (!changed) return before;
  const after = advanceClock(changed.clock, at);
  return {
    clock: { ...after.clock, version: clock.version + 1 },
    events: [...before.events, ...changed.events, ...after.events],
  };
}

/** The next instant a wake-up job should look at this clock, or null when nothing is pending. */
export function nextWakeUp(clock: SlaClock): Date | null {
  if (clock.state !== ClockState.RUNNING) return null;
  if (!clock.warned && clock.warnAt && clock.dueAt && +clock.warnAt < +clock.dueAt) return clock.warnAt;
  return clock.dueAt;
}
