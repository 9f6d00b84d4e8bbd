/** The clock's transitions: start, restart, pause, resume, stop, cancel, recalculate, tighten (see sla-clock). */
import { CALENDAR_24X7, CalendarLookup } from './working-calendar';
import { SlaTarget } from './sla-target';
import {
  ClockState, MINUTE_MS, advanceClock, checkTerms, isStopped, schedule, targetMs, transition, usedWorkingMs, warnThresholdMs,
  type ClockEvent, type ClockTerms, type ClockTransition, type SlaClock,
} from './sla-clock';

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
