import fc from 'fast-check';
import { isChinaWorkday } from './china-workdays';
import { ReferenceCalendar, reference24x7, referenceAdd, referenceBetween } from './minute-reference.testing';
import {
  ClockEvent,
  ClockState,
  ClockTerms,
  ClockTransition,
  SlaClock,
  advanceClock,
  cancelClock,
  compareUrgency,
  nextWakeUp,
  pauseClock,
  recalculateClock,
  remainingWorkingMs,
  restartClock,
  resumeClock,
  startClock,
  stopClock,
  tightenClock,
  viewClock,
} from '.';
import { SlaTarget } from './sla-target';
import { CALENDAR_24X7, CALENDAR_WORKING_HOURS, defaultCalendars as calendars, formatShanghai, shanghaiTime as t } from './working-calendar';

const MIN = 60_000;
const terms = (minutes: number, calendar = CALENDAR_WORKING_HOURS, warnShare: number | null = 0.75): ClockTerms => ({
  minutes, calendar, warnShare, policyId: 'p', policyVersion: 1,
});
const NORMAL_ACCEPT = terms(30);
const NORMAL_RESOLVE = terms(540);
const EMERGENCY_RESOLVE = terms(120, CALENDAR_24X7);
const HIGH_RESOLVE = terms(24 * 60, CALENDAR_24X7);

const start = (at: string, clockTerms: ClockTerms, target = SlaTarget.RESOLVE) => startClock({ target, terms: clockTerms, at: t(at) }, calendars).clock;
const fmt = (d: Date | null) => (d ? formatShanghai(d) : null);
const types = (tr: ClockTransition) => tr.events.map((e) => e.type);

/** Applies steps in order, collecting every event. */
function run(clock: SlaClock, steps: [(c: SlaClock, at: Date) => ClockTransition, string][]): { clock: SlaClock; events: ClockEvent[] } {
  const events: ClockEvent[] = [];
  for (const [step, at] of steps) {
    const tr = step(clock, t(at));
    clock = tr.clock;
    events.push(...tr.events);
  }
  return { clock, events };
}
const pause = (c: SlaClock, at: Date) => pauseClock(c, at, calendars);
const resume = (c: SlaClock, at: Date) => resumeClock(c, at, calendars);
const stop = (c: SlaClock, at: Date) => stopClock(c, at, calendars);

describe('starting a clock', () => {
  it('a NORMAL resolve filed Friday 10:00 is due Monday 10:00 and warns at 75 % on Friday 16:45', () => {
    const clock = start('2025-03-07 10:00', NORMAL_RESOLVE);
    expect(clock.state).toBe(ClockState.RUNNING);
    expect(fmt(clock.dueAt)).toBe('2025-03-10 10:00');
    expect(fmt(clock.warnAt)).toBe('2025-03-07 16:45');
    expect(fmt(nextWakeUp(clock))).toBe('2025-03-07 16:45');
  });

  it('a report at night starts counting next working morning', () => {
    expect(fmt(start('2025-03-11 22:40', NORMAL_ACCEPT, SlaTarget.ACCEPT).dueAt)).toBe('2025-03-12 09:00');
  });

  it('a report on the eve of 春节 is due after the holiday, counting the 调休 Saturday before it', () => {
    expect(fmt(start('2026-02-13 17:15', NORMAL_ACCEPT, SlaTarget.ACCEPT).dueAt)).toBe('2026-02-14 08:45');
    expect(fmt(start('2026-02-14 17:15', NORMAL_ACCEPT, SlaTarget.ACCEPT).dueAt)).toBe('2026-02-24 08:45');
  });

  it('an emergency counts every minute, holidays included', () => {
    expect(fmt(start('2026-02-16 23:30', EMERGENCY_RESOLVE).dueAt)).toBe('2026-02-17 01:30');
  });

  it('can start paused', () => {
    const tr = startClock({ target: SlaTarget.RESOLVE, terms: NORMAL_RESOLVE, at: t('2025-03-10 09:00'), paused: true }, calendars);
    expect(types(tr)).toEqual(['STARTED', 'PAUSED']);
    expect(tr.clock).toMatchObject({ state: ClockState.PAUSED, dueAt: null, version: 1 });
  });

  it('refuses a zero limit or a warn share outside (0, 1)', () => {
    expect(() => start('2025-03-10 09:00', terms(0))).toThrow(RangeError);
    expect(() => start('2025-03-10 09:00', terms(30, CALENDAR_WORKING_HOURS, 1))).toThrow(RangeError);
  });
});

describe('pausing and resuming', () => {
  it('paused time does not count, and pauses spanning a night and a weekend cost nothing', () => {
    const { clock, events } = run(start('2025-03-07 16:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), [
      [pause, '2025-03-07 16:10'], // 10 of 30 min used
      [resume, '2025-03-10 11:00'], // Monday
    ]);
    expect(events.map((e) => e.type)).toEqual(['PAUSED', 'RESUMED']);
    expect(fmt(clock.dueAt)).toBe('2025-03-10 11:20');
    expect(clock.pausedTotalMs).toBe((2 * 24 * 60 + 18 * 60 + 50) * MIN);
  });

  it('resuming out of hours resumes counting at the next working minute', () => {
    const { clock } = run(start('2025-03-07 16:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), [
      [pause, '2025-03-07 16:10'],
      [resume, '2025-03-08 10:00'], // Saturday
    ]);
    expect(fmt(clock.dueAt)).toBe('2025-03-10 08:50');
  });

  it('a pause across 国庆 2025 (1–8 Oct) with the 调休 Saturday after it', () => {
    const { clock } = run(start('2025-09-29 09:00', terms(3 * 540)), [
      [pause, '2025-09-30 09:00'], // one day used
      [resume, '2025-10-09 08:00'],
    ]);
    // Thu 9th, Fri 10th, Sat 11th (make-up): two days left, due Friday evening.
    expect(fmt(clock.dueAt)).toBe('2025-10-10 17:30');
    expect(remainingWorkingMs(clock, t('2025-10-10 08:30'), calendars)).toBe(540 * MIN);
  });

  it('pause and resume are idempotent', () => {
    const paused = pause(start('2025-03-10 09:00', NORMAL_RESOLVE), t('2025-03-10 10:00')).clock;
    const again = pause(paused, t('2025-03-10 11:00'));
    expect(again.clock).toBe(paused);
    expect(again.events).toEqual([]);
    const running = resume(paused, t('2025-03-10 12:00')).clock;
    expect(resume(running, t('2025-03-10 13:00')).clock).toBe(running);
  });

  it('a pause after the due time records the breach at the due time first', () => {
    const tr = pause(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), t('2025-03-10 10:00'));
    expect(types(tr)).toEqual(['WARNED', 'BREACHED']);
    expect(tr.clock.state).toBe(ClockState.BREACHED);
    expect(fmt(tr.clock.breachedAt)).toBe('2025-03-10 09:30');
  });
});

describe('warning and breach', () => {
  it('fire once each, at their own times, however often the wake-up runs', () => {
    let clock = start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT);
    const fired: ClockEvent[] = [];
    for (const at of ['09:10', '09:22', '09:22', '09:23', '09:30', '09:30', '10:00']) {
      const tr = advanceClock(clock, t(`2025-03-10 ${at}`));
      clock = tr.clock;
      fired.push(...tr.events);
    }
    expect(fired.map((e) => [e.type, fmt(e.at)])).toEqual([
      ['WARNED', '2025-03-10 09:22:30.000'],
      ['BREACHED', '2025-03-10 09:30'],
    ]);
    expect(clock.version).toBe(3);
  });

  it('a late worker still records both at their due times', () => {
    const tr = advanceClock(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), t('2025-03-12 15:00'));
    expect(tr.events.map((e) => [e.type, fmt(e.at)])).toEqual([
      ['WARNED', '2025-03-10 09:22:30.000'],
      ['BREACHED', '2025-03-10 09:30'],
    ]);
  });

  it('resolved one moment before the deadline is met and never breached', () => {
    const clock = start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT);
    const tr = stop(clock, new Date(+clock.dueAt! - 1));
    expect(types(tr)).toEqual(['WARNED', 'MET']);
    expect(tr.clock.state).toBe(ClockState.MET);
    expect(advanceClock(tr.clock, t('2025-03-20 09:00')).events).toEqual([]);
  });

  it('resolved at the deadline is late', () => {
    const clock = start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT);
    expect(types(stop(clock, clock.dueAt!))).toEqual(['WARNED', 'BREACHED', 'STOPPED_LATE']);
  });

  it('a breached clock keeps counting overdue time until stopped, and ignores pauses', () => {
    const breached = advanceClock(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), t('2025-03-10 10:00')).clock;
    expect(pause(breached, t('2025-03-10 10:00')).clock).toBe(breached);
    expect(remainingWorkingMs(breached, t('2025-03-10 17:30'), calendars)).toBe(-480 * MIN);
    const done = stop(breached, t('2025-03-11 09:00')).clock;
    expect(done).toMatchObject({ state: ClockState.BREACHED, usedMs: 540 * MIN });
    expect(fmt(done.stoppedAt)).toBe('2025-03-11 09:00');
    expect(nextWakeUp(done)).toBeNull();
  });

  it('no warning when the terms ask for none', () => {
    const clock = start('2025-03-10 09:00', terms(30, CALENDAR_WORKING_HOURS, null), SlaTarget.ACCEPT);
    expect(clock.warnAt).toBeNull();
    expect(types(advanceClock(clock, t('2025-03-10 09:31')))).toEqual(['BREACHED']);
  });
});

describe('recalculation on category or priority change', () => {
  it('HIGH → NORMAL keeps the two hours used and counts the rest in working time', () => {
    const tr = recalculateClock(start('2025-03-10 10:00', HIGH_RESOLVE), NORMAL_RESOLVE, t('2025-03-10 12:00'), calendars);
    expect(types(tr)).toEqual(['RECALCULATED']);
    // 540 − 120 = 420 working min from Monday 12:00: 330 on Monday, 90 on Tuesday.
    expect(fmt(tr.clock.dueAt)).toBe('2025-03-11 10:00');
    expect(tr.clock.usedMs).toBe(120 * MIN);
  });

  it('NORMAL filed Friday evening, raised to EMERGENCY on Saturday: nothing used yet, 2 h from Saturday', () => {
    const clock = start('2025-03-07 18:00', NORMAL_RESOLVE);
    const tr = recalculateClock(clock, EMERGENCY_RESOLVE, t('2025-03-08 10:00'), calendars);
    expect(fmt(tr.clock.dueAt)).toBe('2025-03-08 12:00');
  });

  it('a limit already used up breaches at the recalculation', () => {
    const clock = start('2025-03-10 09:00', NORMAL_RESOLVE);
    const tr = recalculateClock(clock, EMERGENCY_RESOLVE, t('2025-03-10 14:00'), calendars);
    expect(tr.events.map((e) => [e.type, fmt(e.at)])).toEqual([
      ['RECALCULATED', '2025-03-10 14:00'],
      ['WARNED', '2025-03-10 14:00'],
      ['BREACHED', '2025-03-10 14:00'],
    ]);
  });

  it('while paused: keeps the used time, due time set on resume', () => {
    const { clock } = run(start('2025-03-10 09:00', NORMAL_RESOLVE), [[pause, '2025-03-10 10:00']]);
    const recalculated = recalculateClock(clock, terms(3 * 540), t('2025-03-11 10:00'), calendars).clock;
    expect(recalculated).toMatchObject({ state: ClockState.PAUSED, usedMs: 60 * MIN });
    expect(fmt(resume(recalculated, t('2025-03-12 08:30')).clock.dueAt)).toBe('2025-03-14 16:30');
  });

  it('re-arms a warning given under the old terms when the new warn point lies ahead', () => {
    const warned = advanceClock(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), t('2025-03-10 09:25')).clock;
    expect(warned.warned).toBe(true);
    const tr = recalculateClock(warned, terms(60), t('2025-03-10 09:25'), calendars);
    expect(tr.clock.warned).toBe(false);
    expect(fmt(tr.clock.warnAt)).toBe('2025-03-10 09:45');
  });

  it('a recorded breach stands', () => {
    const breached = advanceClock(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), t('2025-03-10 10:00')).clock;
    const tr = recalculateClock(breached, terms(24 * 60, CALENDAR_24X7), t('2025-03-10 10:00'), calendars);
    expect(tr.clock.state).toBe(ClockState.BREACHED);
  });
});

describe('a deadline set from outside (督办)', () => {
  const tighten = (c: SlaClock, due: string, at: string) => tightenClock(c, t(due), t(at), calendars);

  it('moves a running clock that would run out later to exactly the deadline, keeping the time used', () => {
    // NORMAL resolve from Monday 09:00 is due Tuesday 09:00 (540 working minutes); at 11:00 (120 used) it must be done by 15:00.
    const tr = tighten(start('2025-03-10 09:00', NORMAL_RESOLVE), '2025-03-10 15:00', '2025-03-10 11:00');
    expect(types(tr)).toEqual(['RECALCULATED']);
    expect(fmt(tr.clock.dueAt)).toBe('2025-03-10 15:00');
    expect(tr.clock.usedMs).toBe(120 * MIN);
    expect(tr.clock.terms).toMatchObject({ calendar: CALENDAR_24X7, minutes: 120 + 240, policyId: 'p', policyVersion: 1 });
    // It runs on wall time now: over the evening too.
    const late = tighten(start('2025-03-10 09:00', NORMAL_RESOLVE), '2025-03-10 20:00', '2025-03-10 11:00');
    expect(fmt(late.clock.dueAt)).toBe('2025-03-10 20:00');
    expect(types(advanceClock(late.clock, t('2025-03-10 20:00')))).toEqual(['WARNED', 'BREACHED']);
    expect(fmt(advanceClock(late.clock, t('2025-03-10 20:00')).clock.breachedAt)).toBe('2025-03-10 20:00');
    expect(advanceClock(late.clock, t('2025-03-10 19:59')).clock.state).toBe(ClockState.RUNNING);
  });

  it('leaves alone a clock due earlier, a paused, stopped or breached one, and a deadline not ahead', () => {
    const running = start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT); // due 09:30
    expect(tighten(running, '2025-03-10 10:00', '2025-03-10 09:10').clock).toBe(running);
    expect(tighten(running, '2025-03-10 09:05', '2025-03-10 09:10').clock).toBe(running);
    const paused = pause(start('2025-03-10 09:00', NORMAL_RESOLVE), t('2025-03-10 10:00')).clock;
    expect(tighten(paused, '2025-03-10 12:00', '2025-03-10 11:00').clock).toBe(paused);
    const met = stop(running, t('2025-03-10 09:20')).clock;
    expect(tighten(met, '2025-03-10 09:25', '2025-03-10 09:21').clock).toBe(met);
    expect(tighten(running, '2025-03-10 11:00', '2025-03-10 10:00').clock).toBe(running); // breached by then
  });
});

describe('cancel, restart, views', () => {
  it('a withdrawn ticket’s clock is cancelled, neither met nor breached', () => {
    const tr = cancelClock(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), t('2025-03-10 09:05'), calendars);
    expect(types(tr)).toEqual(['CANCELLED']);
    expect(tr.clock.state).toBe(ClockState.CANCELLED);
    expect(stop(tr.clock, t('2025-03-10 09:06')).events).toEqual([]);
  });

  it('a reopened ticket gets a fresh cycle with a new version', () => {
    const met = stop(start('2025-03-10 09:00', NORMAL_RESOLVE), t('2025-03-10 12:00')).clock;
    const tr = restartClock(met, t('2025-03-12 09:00'), calendars);
    expect(tr.clock).toMatchObject({ state: ClockState.RUNNING, cycle: 2, usedMs: 0, warned: false });
    expect(tr.clock.version).toBeGreaterThan(met.version);
    expect(fmt(tr.clock.dueAt)).toBe('2025-03-13 09:00');
  });

  it('every change bumps the version once; no-ops keep it', () => {
    const c1 = start('2025-03-10 09:00', NORMAL_RESOLVE);
    const c2 = pause(c1, t('2025-03-10 09:30')).clock;
    const c3 = resume(c2, t('2025-03-10 10:30')).clock;
    expect([c1.version, c2.version, c3.version]).toEqual([1, 2, 3]);
    expect(advanceClock(c3, t('2025-03-10 10:31')).clock.version).toBe(3);
  });

  it('views show the breach before a worker records it, and sort breached first, then nearest due', () => {
    const now = t('2025-03-10 11:00');
    const overdue = viewClock(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), now, calendars);
    const soon = viewClock(start('2025-03-10 10:50', NORMAL_ACCEPT, SlaTarget.ACCEPT), now, calendars);
    const later = viewClock(start('2025-03-10 09:00', NORMAL_RESOLVE), now, calendars);
    const paused = viewClock(pause(start('2025-03-10 09:00', NORMAL_RESOLVE), t('2025-03-10 10:00')).clock, now, calendars);
    const done = viewClock(stop(start('2025-03-10 09:00', NORMAL_ACCEPT, SlaTarget.ACCEPT), t('2025-03-10 09:10')).clock, now, calendars);
    expect(overdue).toMatchObject({ state: ClockState.BREACHED, remainingWorkingMs: -90 * MIN });
    expect(paused).toMatchObject({ paused: true, remainingWorkingMs: 480 * MIN });
    expect([done, paused, later, soon, overdue].sort(compareUrgency)).toEqual([overdue, soon, later, paused, done]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: a clock with pauses agrees with counting minutes one by one

const referenceWorkHours: ReferenceCalendar = { isWorkday: isChinaWorkday, windows: [[510, 1050]] };
const ANCHORS = ['2025-01-28', '2025-05-01', '2025-10-01', '2026-01-01', '2026-02-15', '2026-10-01'].map((d) => +t(`${d} 00:00`));

describe('property: clocks with pauses agree with the minute-by-minute reference', () => {
  const scenario = fc.record({
    start: fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -10 * 1440, max: 3 * 1440 })).map(([a, m]) => a + m * MIN),
    minutes: fc.integer({ min: 1, max: 2 * 540 }),
    workingHours: fc.boolean(),
    /** Gaps in minutes between successive pause/resume points. */
    gaps: fc.array(fc.integer({ min: 0, max: 2 * 1440 }), { maxLength: 6 }),
  });

  it('due time, breach time and remaining time', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 6 * 1440 }), ({ start: s, minutes, workingHours, gaps }, probe) => {
        const clockTerms = terms(minutes, workingHours ? CALENDAR_WORKING_HOURS : CALENDAR_24X7);
        const ref = workingHours ? referenceWorkHours : reference24x7;
        // Pause/resume points, alternating; an odd count leaves the clock paused at the end.
        const points: number[] = [];
        let at = s;
        for (const g of gaps) points.push((at += g * MIN));
        const pauses: [number, number][] = [];
        for (let i = 0; i < points.length; i += 2) pauses.push([points[i], points[i + 1] ?? Infinity]);
        const paused = (m: number) => pauses.some(([a, b]) => m >= a && m < b);

        let clock = startClock({ target: SlaTarget.RESOLVE, terms: clockTerms, at: new Date(s) }, calendars).clock;
        points.forEach((p, i) => {
          clock = (i % 2 === 0 ? pauseClock : resumeClock)(clock, new Date(p), calendars).clock;
        });

        const limitReachedAt = points.length % 2 === 1 && referenceBetween(s, points.at(-1)!, ref, paused) < minutes
          ? null // still paused with time left
          : referenceAdd(s, minutes, ref, paused);
        if (limitReachedAt === null) {
          expect(clock.state).toBe(ClockState.PAUSED);
        } else if (clock.state === ClockState.BREACHED) {
          expect(+clock.breachedAt!).toBe(limitReachedAt);
        } else {
          expect(clock.state).toBe(ClockState.RUNNING);
          expect(+clock.dueAt!).toBe(limitReachedAt);
          expect(limitReachedAt).toBeGreaterThan(points.at(-1) ?? s);
        }

        const now = s + probe * MIN;
        const settled = advanceClock(clock, new Date(Math.max(now, points.at(-1) ?? s))).clock;
        if (settled.state !== ClockState.BREACHED && now >= (points.at(-1) ?? s)) {
          expect(remainingWorkingMs(settled, new Date(now), calendars)).toBe((minutes - referenceBetween(s, now, ref, paused)) * MIN);
        }
      }),
      { numRuns: 150 },
    );
  });
});
