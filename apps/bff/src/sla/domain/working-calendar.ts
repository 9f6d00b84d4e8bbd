/**
 * Working-time arithmetic in Asia/Shanghai for SLA due times.
 *
 * Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset stands in
 * for a time-zone library. A calendar is a function from a Shanghai civil day to that day's
 * working windows; the arithmetic walks day by day and window by window (never minute by minute),
 * so a due time several weeks out costs a few dozen steps.
 *
 * Conventions (what the property tests hold the code to):
 * - `addWorkingMs(start, n)` is the earliest instant `t ≥ start` with `workingMsBetween(start, t) = n`;
 *   adding 0 returns `start` itself, even outside working hours.
 * - `workingMsBetween(a, b)` is the working time inside `[a, b)`, negative when `b < a`.
 */
import { DayNumber, dayNumberOfIso, isChinaWorkday } from './china-workdays';

export const SHANGHAI_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A calendar without one working minute in this many days is misconfigured, not slow. */
const MAX_IDLE_DAYS = 3_660;

export const CALENDAR_24X7 = '24x7';
export const CALENDAR_WORKING_HOURS = 'WORKING_HOURS';
/** Calendar ids: the two built-ins, or an id an admin gave a custom working-hours calendar. */
export type CalendarId = typeof CALENDAR_24X7 | typeof CALENDAR_WORKING_HOURS | (string & {});

/** Milliseconds since Shanghai midnight, `[start, end)`. */
export type DayWindow = readonly [start: number, end: number];

export interface WorkingCalendar {
  readonly id: CalendarId;
  /** True when every instant counts; lets the arithmetic skip the day walk. */
  readonly continuous: boolean;
  /** The working windows of a Shanghai civil day, sorted and disjoint; empty on rest days. */
  windowsOn(day: DayNumber): readonly DayWindow[];
}

/** A window as written in config: `'08:30'`–`'17:30'`; `'24:00'` allowed as an end. */
export interface WorkingWindowConfig {
  readonly start: string;
  readonly end: string;
}

export interface WorkingHoursCalendarConfig {
  readonly id?: CalendarId;
  /** Default one window, 08:30–17:30. Add a lunch break by splitting it in two. */
  readonly windows?: readonly WorkingWindowConfig[];
  /** Which days are working days. Default: mainland China's, holidays and 调休 included. */
  readonly isWorkday?: (day: DayNumber) => boolean;
  /** Per-date corrections, `'2027-01-01': false` (rest) or `true` (work), ahead of a package update. */
  readonly overrides?: Readonly<Record<string, boolean>>;
}

export const DEFAULT_WORKING_WINDOWS: readonly WorkingWindowConfig[] = [{ start: '08:30', end: '17:30' }];

// ---------------------------------------------------------------------------------------------
// Shanghai civil time

export function shanghaiDayNumber(at: Date | number): DayNumber {
  return Math.floor((+at + SHANGHAI_UTC_OFFSET_MS) / DAY_MS);
}

/** The UTC instant of a Shanghai day plus milliseconds into it. */
export function shanghaiInstant(day: DayNumber, msOfDay = 0): Date {
  return new Date(day * DAY_MS + msOfDay - SHANGHAI_UTC_OFFSET_MS);
}

/** `shanghaiTime('2026-02-14 08:30')`: a Shanghai wall-clock time as an instant (tests, seeds). */
export function shanghaiTime(local: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new Error(`not a 'YYYY-MM-DD HH:MM[:SS]' time: ${local}`);
  return shanghaiInstant(dayNumberOfIso(m[1]), ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1000);
}

/** An instant as Shanghai wall-clock `YYYY-MM-DD HH:MM[:SS.mmm]`, for messages and tests. */
export function formatShanghai(at: Date | number): string {
  const iso = new Date(+at + SHANGHAI_UTC_OFFSET_MS).toISOString();
  const time = iso.endsWith(':00.000Z') ? iso.slice(11, 16) : iso.slice(11, 23);
  return `${iso.slice(0, 10)} ${time}`;
}

// ---------------------------------------------------------------------------------------------
// Calendars

const WHOLE_DAY: readonly DayWindow[] = [[0, DAY_MS]];
const NO_WINDOWS: readonly DayWindow[] = [];

export const calendar24x7: WorkingCalendar = {
  id: CALENDAR_24X7,
  continuous: true,
  windowsOn: () => WHOLE_DAY,
};

function parseClock(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = m ? Number(m[1]) : NaN;
  const minutes = m ? Number(m[2]) : NaN;
  if (!m || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) throw new Error(`not a HH:MM time: ${text}`);
  return (hours * 60 + minutes) * MINUTE_MS;
}

export function parseWindows(windows: readonly WorkingWindowConfig[]): readonly DayWindow[] {
  const parsed = windows.map((w) => [parseClock(w.start), parseClock(w.end)] as const).sort((a, b) => a[0] - b[0]);
  parsed.forEach(([start, end], i) => {
    if (end <= start) throw new Error(`working window ends before it starts: ${windows[i].start}–${windows[i].end}`);
    if (i > 0 && start < parsed[i - 1][1]) throw new Error('working windows overlap');
  });
  if (parsed.length === 0) throw new Error('a working-hours calendar needs at least one window');
  return parsed;
}

export function createWorkingHoursCalendar(config: WorkingHoursCalendarConfig = {}): WorkingCalendar {
  const windows = parseWindows(config.windows ?? DEFAULT_WORKING_WINDOWS);
  const isWorkday = config.isWorkday ?? isChinaWorkday;
  const overrides = new Map(Object.entries(config.overrides ?? {}).map(([iso, work]) => [dayNumberOfIso(iso), work]));
  return {
    id: config.id ?? CALENDAR_WORKING_HOURS,
    continuous: false,
    windowsOn: (day) => ((overrides.get(day) ?? isWorkday(day)) ? windows : NO_WINDOWS),
  };
}

/** 08:30–17:30 on mainland China's working days. */
export const defaultWorkingHoursCalendar = createWorkingHoursCalendar();

export type CalendarLookup = (id: CalendarId) => WorkingCalendar;

/** Looks calendars up by id; the built-ins are always there, custom ones may be added. */
export function calendarLookup(custom: readonly WorkingCalendar[] = []): CalendarLookup {
  const byId = new Map<CalendarId, WorkingCalendar>([
    [CALENDAR_24X7, calendar24x7],
    [CALENDAR_WORKING_HOURS, defaultWorkingHoursCalendar],
  ]);
  for (const calendar of custom) byId.set(calendar.id, calendar);
  return (id) => {
    const calendar = byId.get(id);
    if (!calendar) throw new Error(`unknown SLA calendar: ${id}`);
    return calendar;
  };
}

export const defaultCalendars: CalendarLookup = calendarLookup();

// ---------------------------------------------------------------------------------------------
// Arithmetic

/** The instant `amountMs` of working time after `start` (see the conventions at the top). */
export function addWorkingMs(start: Date, amountMs: number, calendar: WorkingCalendar): Date {
  if (!(amountMs >= 0) || !Number.isFinite(amountMs)) throw new RangeError(`working time to add must be ≥ 0, got ${amountMs}`);
  if (amountMs === 0 || calendar.continuous) return new Date(+start + amountMs);
  let day = shanghaiDayNumber(start);
  let from = +start + SHANGHAI_UTC_OFFSET_MS - day * DAY_MS;
  let remaining = amountMs;
  for (let idle = 0; idle <= MAX_IDLE_DAYS; day++, from = 0) {
    const windows = calendar.windowsOn(day);
    if (windows.length === 0) {
      idle++;
      continue;
    }
    idle = 0;
    for (const [ws, we] of windows) {
      if (we <= from) continue;
      const begin = Math.max(ws, from);
      const available = we - begin;
      if (remaining <= available) return shanghaiInstant(day, begin + remaining);
      remaining -= available;
    }
  }
  throw new Error(`calendar ${calendar.id} has no working time for ${MAX_IDLE_DAYS} days`);
}

/** Working time inside `[a, b)`, in milliseconds; negative when `b` is before `a`. */
export function workingMsBetween(a: Date, b: Date, calendar: WorkingCalendar): number {
  if (+b < +a) return -workingMsBetween(b, a, calendar);
  if (calendar.continuous) return +b - +a;
  const firstDay = shanghaiDayNumber(a);
  const lastDay = shanghaiDayNumber(b);
  const fromMs = +a + SHANGHAI_UTC_OFFSET_MS - firstDay * DAY_MS;
  const toMs = +b + SHANGHAI_UTC_OFFSET_MS - lastDay * DAY_MS;
  let total = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const lo = day === firstDay ? fromMs : 0;
    const hi = day === lastDay ? toMs : DAY_MS;
    for (const [ws, we] of calendar.windowsOn(day)) {
      const overlap = Math.min(we, hi) - Math.max(ws, lo);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar): Date {
  return addWorkingMs(start, Math.round(minutes * MINUTE_MS), calendar);
}

/** Working minutes inside `[a, b)`; fractional when the instants are not whole minutes apart. */
export function workingMinutesBetween(a: Date, b: Date, calendar: WorkingCalendar): number {
  return workingMsBetween(a, b, calendar) / MINUTE_MS;
}

export function isWorkingTime(at: Date, calendar: WorkingCalendar): boolean {
  const day = shanghaiDayNumber(at);
  const ms = +at + SHANGHAI_UTC_OFFSET_MS - day * DAY_MS;
  return calendar.windowsOn(day).some(([ws, we]) => ms >= ws && ms < we);
}

/** `at` itself when it is working time, else the start of the next working window. */
export function nextWorkingInstant(at: Date, calendar: WorkingCalendar): Date {
  if (calendar.continuous) return at;
  let day = shanghaiDayNumber(at);
  let from = +at + SHANGHAI_UTC_OFFSET_MS - day * DAY_MS;
  for (let idle = 0; idle <= MAX_IDLE_DAYS; idle++, day++, from = 0) {
    for (const [ws, we] of calendar.windowsOn(day)) {
      if (we > from) return shanghaiInstant(day, Math.max(ws, from));
    }
  }
  throw new Error(`calendar ${calendar.id} has no working time for ${MAX_IDLE_DAYS} days`);
}
