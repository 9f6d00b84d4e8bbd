/**
 * The periods the oversight pages offer (docs/figures.md "Periods"): a day, a week (Monday first), a month, a
 * half-year (Jan–Jun, Jul–Dec) or a custom range of whole days, each compared with the one before (for a
 * custom range, as many days just before). Shanghai civil days as YYYY-MM-DD. Pure: the BFF computes the
 * figures; this only names, moves and encodes the period asked for.
 */
import type { FigurePeriodKind } from '@msb/shared-types'

export type PeriodKind = FigurePeriodKind

/** A period as the pages hold it: its first and last day (inclusive). */
export interface PeriodSel {
  readonly kind: PeriodKind
  readonly from: string
  readonly to: string
}

export const PERIOD_KINDS: readonly PeriodKind[] = ['DAY', 'WEEK', 'MONTH', 'HALF_YEAR', 'CUSTOM']

export const KIND_LABEL: Record<PeriodKind, string> = { DAY: '日', WEEK: '周', MONTH: '月', HALF_YEAR: '半年', CUSTOM: '自定义' }

/** What "the one before" is called, and "this one", for the trend texts. */
export const PREV_NAME: Record<PeriodKind, string> = { DAY: '前一日', WEEK: '上周', MONTH: '上月', HALF_YEAR: '上个半年', CUSTOM: '前一段' }
export const THIS_NAME: Record<PeriodKind, string> = { DAY: '当日', WEEK: '本周', MONTH: '本月', HALF_YEAR: '本半年', CUSTOM: '本期' }

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

export function dayNumber(iso: string): number {
  const m = ISO.exec(iso)
  if (!m) throw new Error(`not a day: ${iso}`)
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS)
}

export function isoDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

export function validDay(s: string | undefined): s is string {
  return !!s && ISO.test(s) && isoDay(dayNumber(s)) === s
}

function addMonths(iso: string, n: number): string {
  const [y, m] = iso.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`
}

/** The day, week, month or half-year containing `day` (a custom range needs its own two ends). */
export function periodContaining(kind: Exclude<PeriodKind, 'CUSTOM'>, day: string): PeriodSel {
  const n = dayNumber(day)
  switch (kind) {
    case 'DAY':
      return { kind, from: day, to: day }
    case 'WEEK': {
      const monday = n - ((n + 3) % 7) // day 0, 1970-01-01, was a Thursday
      return { kind, from: isoDay(monday), to: isoDay(monday + 6) }
    }
    case 'MONTH': {
      const from = `${day.slice(0, 7)}-01`
      return { kind, from, to: isoDay(dayNumber(addMonths(from, 1)) - 1) }
    }
    case 'HALF_YEAR': {
      const from = `${day.slice(0, 4)}-${Number(day.slice(5, 7)) <= 6 ? '01' : '07'}-01`
      return { kind, from, to: isoDay(dayNumber(addMonths(from, 6)) - 1) }
    }
  }
}

/** A custom range [from, to], ends swapped when given backwards. */
export function customPeriod(from: string, to: string): PeriodSel {
  return from <= to ? { kind: 'CUSTOM', from, to } : { kind: 'CUSTOM', from: to, to: from }
}

/** The same kind of period `delta` steps away (a custom range moves by its own length). */
export function shiftPeriod(p: PeriodSel, delta: number): PeriodSel {
  switch (p.kind) {
    case 'MONTH':
      return periodContaining('MONTH', addMonths(p.from, delta))
    case 'HALF_YEAR':
      return periodContaining('HALF_YEAR', addMonths(p.from, 6 * delta))
    case 'CUSTOM': {
      const len = dayNumber(p.to) - dayNumber(p.from) + 1
      return { kind: 'CUSTOM', from: isoDay(dayNumber(p.from) + delta * len), to: isoDay(dayNumber(p.to) + delta * len) }
    }
    default: {
      const step = p.kind === 'DAY' ? 1 : 7
      return periodContaining(p.kind, isoDay(dayNumber(p.from) + delta * step))
    }
  }
}

/** A period that starts after today is not offered. */
export function canGoForward(p: PeriodSel, today: string): boolean {
  return shiftPeriod(p, 1).from <= today
}

/** The `n` periods up to this one, oldest first (the trend). */
export function lastPeriods(p: PeriodSel, n: number): PeriodSel[] {
  return Array.from({ length: n }, (_, i) => shiftPeriod(p, i - n + 1))
}

const md = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`

/** "2026年3月2日", "2026年3月2日–3月8日", "2026年3月", "2026年上半年", "2026年1月5日–2月3日". */
export function periodLabel(p: PeriodSel): string {
  const y = `${p.from.slice(0, 4)}年`
  switch (p.kind) {
    case 'DAY':
      return `${y}${md(p.from)}`
    case 'MONTH':
      return `${y}${Number(p.from.slice(5, 7))}月`
    case 'HALF_YEAR':
      return `${y}${p.from.slice(5, 7) === '01' ? '上半年' : '下半年'}`
    default:
      return `${y}${md(p.from)}–${p.to.slice(0, 4) === p.from.slice(0, 4) ? '' : `${p.to.slice(0, 4)}年`}${md(p.to)}`
  }
}

/** A chart's short label: "3/2", "3月", "26上". */
export function shortLabel(p: PeriodSel): string {
  if (p.kind === 'MONTH') return `${Number(p.from.slice(5, 7))}月`
  if (p.kind === 'HALF_YEAR') return `${p.from.slice(2, 4)}${p.from.slice(5, 7) === '01' ? '上' : '下'}`
  return `${Number(p.from.slice(5, 7))}/${Number(p.from.slice(8, 10))}`
}

/** The API's FigurePeriodInput. */
export function periodInput(p: PeriodSel): { kind: PeriodKind; day: string; to?: string | null } {
  return p.kind === 'CUSTOM' ? { kind: p.kind, day: p.from, to: p.to } : { kind: p.kind, day: p.from }
}

/** Page param: "MONTH:2026-03-01", "CUSTOM:2026-01-05:2026-02-03". */
export function periodParam(p: PeriodSel): string {
  return p.kind === 'CUSTOM' ? `CUSTOM:${p.from}:${p.to}` : `${p.kind}:${p.from}`
}

/** The period a page was opened with: `period` param, else the legacy `month` (YYYY-MM), else this month. */
export function periodFromParams(params: { period?: string; month?: string }, today: string): PeriodSel {
  const raw = params.period ? decodeURIComponent(params.period) : ''
  const [kind, a, b] = raw.split(':')
  if (kind === 'CUSTOM' && validDay(a) && validDay(b) && dayNumber(b) - dayNumber(a) <= 3660) return customPeriod(a, b)
  if ((PERIOD_KINDS as readonly string[]).includes(kind) && kind !== 'CUSTOM' && validDay(a)) return periodContaining(kind as Exclude<PeriodKind, 'CUSTOM'>, a)
  if (params.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(params.month.slice(0, 7))) return periodContaining('MONTH', `${params.month.slice(0, 7)}-01`)
  return periodContaining('MONTH', today)
}

/** Switching kind keeps the period around its last day (or today, if earlier). */
export function switchKind(p: PeriodSel, kind: PeriodKind, today: string): PeriodSel {
  const anchor = p.to < today ? p.to : today
  if (kind === 'CUSTOM') return customPeriod(isoDay(dayNumber(anchor) - 29), anchor)
  return periodContaining(kind, anchor)
}
