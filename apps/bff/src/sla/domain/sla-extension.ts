import { CALENDAR_24X7, type CalendarLookup } from './working-calendar';
import { ClockState, advanceClock, usedWorkingMs, type ClockTerms, type ClockTransition, type SlaClock } from './sla-clock';
import { recalculateClock } from './sla-clock-transitions';

const MINUTE_MS = 60_000;

/**
 * A granted extension (延期): a live clock that has not breached runs on the 24×7 calendar to exactly `until` from
 * `at` on, keeping the time already used — later or earlier than its current due time. A paused clock keeps its
 * pause and is due `until` − `at` after it resumes. A breach stands (it has been announced and escalated), and a
 * stopped clock, or an `until` not after `at`, is left as it is.
 */
export function extendClock(clock: SlaClock, until: Date, at: Date, calendars: CalendarLookup): ClockTransition {
  const settled = advanceClock(clock, at).clock;
  if ((settled.state !== ClockState.RUNNING && settled.state !== ClockState.PAUSED) || +until <= +at) return { clock, events: [] };
  const used = usedWorkingMs(settled, at, calendars);
  const terms: ClockTerms = { ...clock.terms, calendar: CALENDAR_24X7, minutes: (used + (+until - +at)) / MINUTE_MS };
  return recalculateClock(clock, terms, at, calendars);
}
