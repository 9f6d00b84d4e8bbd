import { dayNumberOfIso, isoOfDayNumber } from '../../sla/domain';

export enum PeriodKind {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  HALF_YEAR = 'HALF_YEAR',
  CUSTOM = 'CUSTOM',
}

/** Shanghai civil days [from, to), as YYYY-MM-DD. */
export interface Period {
  readonly kind: PeriodKind;
  readonly from: string;
  readonly to: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export class PeriodError extends Error {}

function validDay(s: string): boolean {
  if (!ISO.test(s)) return false;
  return isoOfDayNumber(dayNumberOfIso(s)) === s;
}

function addMonths(iso: string, n: number): string {
  const [y, m] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The period containing `day` (for DAY/WEEK/MONTH/HALF_YEAR; weeks start on Monday), or the custom
 * range [day, to] with `to` inclusive. Throws PeriodError on a malformed or reversed range.
 */
export function periodOf(kind: PeriodKind, day: string, toInclusive?: string | null): Period {
  if (!validDay(day)) throw new PeriodError('日期格式应为 YYYY-MM-DD');
  const n = dayNumberOfIso(day);
  switch (kind) {
    case PeriodKind.DAY:
      return { kind, from: day, to: isoOfDayNumber(n + 1) };
    case PeriodKind.WEEK: {
      // Day 0 (1970-01-01) was a Thursday.
      const monday = n - ((n + 3) % 7);
      return { kind, from: isoOfDayNumber(monday), to: isoOfDayNumber(monday + 7) };
    }
    case PeriodKind.MONTH: {
      const from = `${day.slice(0, 7)}-01`;
      return { kind, from, to: addMonths(from, 1) };
    }
    case PeriodKind.HALF_YEAR: {
      const half = Number(day.slice(5, 7)) <= 6 ? '01' : '07';
      const from = `${day.slice(0, 4)}-${half}-01`;
      return { kind, from, to: addMonths(from, 6) };
    }
    case PeriodKind.CUSTOM: {
      if (!toInclusive || !validDay(toInclusive)) throw new PeriodError('自定义区间需要结束日期 YYYY-MM-DD');
      const end = dayNumberOfIso(toInclusive);
      if (end < n) throw new PeriodError('结束日期早于开始日期');
      if (end - n > 3660) throw new PeriodError('区间不能超过十年');
      return { kind, from: day, to: isoOfDayNumber(end + 1) };
    }
  }
}

/** The period just before: the previous day, week, month or half-year; for a custom range, as many days before. */
export function previousPeriod(p: Period): Period {
  switch (p.kind) {
    case PeriodKind.MONTH:
      return { kind: p.kind, from: addMonths(p.from, -1), to: p.from };
    case PeriodKind.HALF_YEAR:
      return { kind: p.kind, from: addMonths(p.from, -6), to: p.from };
    default: {
      const len = dayNumberOfIso(p.to) - dayNumberOfIso(p.from);
      return { kind: p.kind, from: isoOfDayNumber(dayNumberOfIso(p.from) - len), to: p.from };
    }
  }
}

/** `YYYY-MM` months ending with the one containing `day`, oldest first. */
export function lastMonths(day: string, count: number): Period[] {
  const first = `${day.slice(0, 7)}-01`;
  return Array.from({ length: count }, (_, i) => {
    const from = addMonths(first, i - count + 1);
    return { kind: PeriodKind.MONTH, from, to: addMonths(from, 1) };
  });
}
