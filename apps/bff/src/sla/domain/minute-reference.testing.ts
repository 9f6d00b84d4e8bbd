/**
 * Test-only reference: the same working-time questions answered the slow, obvious way, one
 * minute at a time. Instants must be whole minutes. Day classification comes from the same
 * source as the real calendar; what this checks is the arithmetic.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

export interface ReferenceCalendar {
  readonly isWorkday: (day: number) => boolean;
  /** Minutes of the Shanghai day, `[start, end)`. */
  readonly windows: readonly (readonly [number, number])[];
}

export const reference24x7: ReferenceCalendar = { isWorkday: () => true, windows: [[0, 1440]] };

export function isWorkingMinute(t: number, calendar: ReferenceCalendar): boolean {
  const local = t + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  if (!calendar.isWorkday(day)) return false;
  const minute = (local - day * DAY_MS) / MINUTE_MS;
  return calendar.windows.some(([s, e]) => minute >= s && minute < e);
}

/** End of the n-th counted minute from `start`; `start` for n = 0. */
export function referenceAdd(start: number, minutes: number, calendar: ReferenceCalendar, paused: (t: number) => boolean = () => false): number {
  if (minutes === 0) return start;
  let counted = 0;
  for (let t = start; ; t += MINUTE_MS) {
    if (isWorkingMinute(t, calendar) && !paused(t) && ++counted === minutes) return t + MINUTE_MS;
  }
}

/** Counted minutes in `[a, b)`. */
export function referenceBetween(a: number, b: number, calendar: ReferenceCalendar, paused: (t: number) => boolean = () => false): number {
  let counted = 0;
  for (let t = a; t < b; t += MINUTE_MS) if (isWorkingMinute(t, calendar) && !paused(t)) counted++;
  return counted;
}
