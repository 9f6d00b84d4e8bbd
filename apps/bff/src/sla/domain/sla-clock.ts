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
 */
import { CALENDAR_24X7, CalendarId, CalendarLookup, addWorkingMs, workingMsBetween } from './working-calendar';
import { SlaTarget } from './sla-target';

const MINUTE_MS = 60_000;

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

const targetMs = (terms: ClockTerms) => Math.round(terms.minutes * MINUTE_MS);
const warnThresholdMs = (terms: ClockTerms) => (terms.warnShare === null ? null : Math.round(targetMs(terms) * terms.warnShare));
const isStopped = (clock: SlaClock) => clock.stoppedAt !== null;

function checkTerms(terms: ClockTerms): void {
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
function schedule(terms: ClockTerms, from: Date, usedMs: number, calendars: CalendarLookup): { dueAt: Date; warnAt: Date | null } {
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
function transition(
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

export interface StartClockInput {
  readonly target: SlaTarget;
  readonly terms: ClockTerms;
  readonly at: Date;
  /** Start paused (the ticket is in a pausing situation already). */
  readonly paused?: boolean;
}

export function startClock(input: StartClockInput, calendars: CalendarLookup): ClockTransition {
  checkTerms(input.terms);
  const { dueAt, warnAt } = schedule(input.terms, input.at, 0, calendars);
  const clock: SlaClock = {
    target: input.target,
    state: ClockState.RUNNING,
    warned: false,
    terms: input.terms,
    startedAt: input.at,
    cycle: 1,
    usedMs: 0,
    runningSince: input.at,
    pausedAt: null,
    pausedTotalMs: 0,
    dueAt,
    warnAt,
    breachedAt: null,
    stoppedAt: null,
    version: 1,
  };
  const started: ClockTransition = { clock, events: [{ type: 'STARTED', at: input.at, dueAt }] };
  if (!input.paused) return started;
  const paused = pauseClock(clock, input.at, calendars);
  return { clock: { ...paused.clock, version: 1 }, events: [...started.events, ...paused.events] };
}

/**
 * Starts the clock again from zero as a new cycle (a reopened ticket); `terms` replaces the old
 * ones when given. An open cycle is closed first as if stopped at `at`.
 */
export function restartClock(clock: SlaClock, at: Date, calendars: CalendarLookup, terms: ClockTerms = clock.terms, paused = false): ClockTransition {
  const closed = isStopped(clock) ? { clock, events: [] as readonly ClockEvent[] } : stopClock(clock, at, calendars);
  const fresh = startClock({ target: clock.target, terms, at, paused }, calendars);
  return {
    clock: { ...fresh.clock, cycle: clock.cycle + 1, version: clock.version + 1 },
    events: [...closed.events, ...fresh.events],
  };
}

export function pauseClock(clock: SlaClock, at: Date, calendars: CalendarLookup): ClockTransition {
  return transition(clock, at, (c) => {
    if (c.state !== ClockState.RUNNING) return null;
    return {
      clock: { ...c, state: ClockState.PAUSED, usedMs: usedWorkingMs(c, at, calendars), runningSince: null, pausedAt: at, dueAt: null, warnAt: null },
      events: [{ type: 'PAUSED', at }],
    };
  });
}

export function resumeClock(clock: SlaClock, at: Date, calendars: CalendarLookup): ClockTransition {
  return transition(clock, at, (c) => {
    if (c.state !== ClockState.PAUSED) return null;
    const { dueAt, warnAt } = schedule(c.terms, at, c.usedMs, calendars);
    return {
      clock: {
        ...c,
        state: ClockState.RUNNING,
        runningSince: at,
        pausedAt: null,
        pausedTotalMs: c.pausedTotalMs + Math.max(0, +at - +c.pausedAt!),
        dueAt,
        warnAt,
      },
      events: [{ type: 'RESUMED', at, dueAt }],
    };
  });
}

/** The work is done: MET when in time, else the breach stands (STOPPED_LATE). */
export function stopClock(clock: SlaClock, at: Date, calendars: CalendarLookup): ClockTransition {
  return transition(clock, at, (c) => {
    if (isStopped(c) || c.state === ClockState.CANCELLED) return null;
    const usedMs = usedWorkingMs(c, at, calendars);
    const pausedTotalMs = c.state === ClockState.PAUSED ? c.pausedTotalMs + Math.max(0, +at - +c.pausedAt!) : c.pausedTotalMs;
    const stopped = { ...c, usedMs, runningSince: null, pausedAt: null, pausedTotalMs, stoppedAt: at, warnAt: null };
    if (c.state === ClockState.BREACHED) return { clock: stopped, events: [{ type: 'STOPPED_LATE', at, usedMs }] };
    return { clock: { ...stopped, state: ClockState.MET, dueAt: null }, events: [{ type: 'MET', at, usedMs }] };
  });
}

/** The ticket went away (withdrawn). A breach already recorded stands. */
export function cancelClock(clock: SlaClock, at: Date, calendars: CalendarLookup): ClockTransition {
  return transition(clock, at, (c) => {
    if (isStopped(c)) return null;
    const usedMs = usedWorkingMs(c, at, calendars);
    const pausedTotalMs = c.state === ClockState.PAUSED ? c.pausedTotalMs + Math.max(0, +at - +c.pausedAt!) : c.pausedTotalMs;
    const stopped = { ...c, usedMs, runningSince: null, pausedAt: null, pausedTotalMs, stoppedAt: at, warnAt: null };
    if (c.state === ClockState.BREACHED) return { clock: stopped, events: [] };
    return { clock: { ...stopped, state: ClockState.CANCELLED, dueAt: null }, events: [{ type: 'CANCELLED', at }] };
  });
}

/**
 * New terms (the category or priority changed, or an admin re-applied policies) keeping the
 * working time already used. That time was counted on the old calendar: a NORMAL ticket filed on
 * Friday evening and raised to EMERGENCY on Saturday has used nothing, and gets the full 2 h from
 * Saturday. If the new limit is used up already, the breach is recorded at `at`. A warning
 * already given is re-armed when the new warn point still lies ahead.
 */
export function recalculateClock(clock: SlaClock, terms: ClockTerms, at: Date, calendars: CalendarLookup): ClockTransition {
  checkTerms(terms);
  return transition(clock, at, (c) => {
    if (isStopped(c) || c.state === ClockState.CANCELLED) return null;
    const recalculated = (next: SlaClock): { clock: SlaClock; events: ClockEvent[] } => ({
      clock: next,
      events: [{ type: 'RECALCULATED', at, from: c.terms, to: terms, dueAt: next.dueAt }],
    });
    // A breach stands; the overdue count carries on under the new terms' calendar.
    if (c.state === ClockState.BREACHED) {
      const usedMs = usedWorkingMs(c, at, calendars);
      return recalculated({ ...c, terms, usedMs, runningSince: at });
    }
    const usedMs = usedWorkingMs(c, at, calendars);
    const warnMs = warnThresholdMs(terms);
    const warned = c.warned && warnMs !== null && usedMs >= warnMs;
    if (usedMs >= targetMs(terms)) {
      // Used up already: due now. Settling after the change records the breach (and a warning).
      const runningSince = c.state === ClockState.RUNNING ? at : null;
      const pausedTotalMs = c.state === ClockState.PAUSED ? c.pausedTotalMs + Math.max(0, +at - +c.pausedAt!) : c.pausedTotalMs;
      return recalculated({
        ...c, terms, usedMs, warned, state: ClockState.RUNNING, runningSince: runningSince ?? at, pausedAt: null, pausedTotalMs,
        dueAt: at, warnAt: warnMs === null ? null : at,
      });
    }
    if (c.state === ClockState.PAUSED) return recalculated({ ...c, terms, usedMs, warned });
    const { dueAt, warnAt } = schedule(terms, at, usedMs, calendars);
    return recalculated({ ...c, terms, usedMs, warned, runningSince: at, dueAt, warnAt });
  });
}

/**
 * A deadline set from outside on a live clock (督办 with a new deadline): a running clock that would run
 * out later than `dueAt` runs on the 24×7 calendar to exactly `dueAt` from `at` on, keeping the time
 * already used (its breach, if it comes, falls at `dueAt`). A clock due by then, paused, stopped or
 * breached stays as it is: a deadline only tightens (an extension is decided elsewhere).
 */
export function tightenClock(clock: SlaClock, dueAt: Date, at: Date, calendars: CalendarLookup): ClockTransition {
  const settled = advanceClock(clock, at).clock;
  if (settled.state !== ClockState.RUNNING || !settled.dueAt || +settled.dueAt <= +dueAt || +dueAt <= +at) return { clock, events: [] };
  const used = usedWorkingMs(settled, at, calendars);
  const terms: ClockTerms = { ...clock.terms, calendar: CALENDAR_24X7, minutes: (used + (+dueAt - +at)) / MINUTE_MS };
  return recalculateClock(clock, terms, at, calendars);
}

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

/** The next instant a wake-up job should look at this clock, or null when nothing is pending. */
export function nextWakeUp(clock: SlaClock): Date | null {
  if (clock.state !== ClockState.RUNNING) return null;
  if (!clock.warned && clock.warnAt && clock.dueAt && +clock.warnAt < +clock.dueAt) return clock.warnAt;
  return clock.dueAt;
}
