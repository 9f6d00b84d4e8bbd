import type { ClockFieldsFragment, SlaTarget } from '@msb/shared-types'
import { zh } from '../../i18n/zh'
import { formatTime } from './format'

/**
 * The next deadline of a ticket, from its SLA clocks (`Ticket.clocks`, the ClockFields fragment).
 * Pure. A clock counts while it is not stopped (met, cancelled, or done after a breach): breached
 * ones first, then running ones by due time, then paused ones (no due time) by time left.
 */
export type Clock = ClockFieldsFragment

export interface NextDeadline {
  readonly target: SlaTarget
  /** Null while paused. */
  readonly dueAt: string | null
  /** Working minutes left on the clock's calendar; negative once overdue. */
  readonly remainingMinutes: number
  readonly calendar: string
  readonly overdue: boolean
  readonly paused: boolean
  /** Past its warning time, not yet overdue. */
  readonly soon: boolean
}

const isLive = (c: Clock) => !c.stopped && c.state !== 'MET' && c.state !== 'CANCELLED'

const isOverdue = (c: Clock, now: number) =>
  c.state === 'BREACHED' || c.remainingWorkingMinutes < 0 || (!!c.dueAt && !c.paused && Date.parse(c.dueAt) <= now)

/** 0: overdue, 1: running, 2: paused; ties by due time, then by time left. */
const rank = (c: Clock, now: number) => (isOverdue(c, now) ? 0 : c.paused || !c.dueAt ? 2 : 1)

export function toDeadline(c: Clock, now: number): NextDeadline {
  const overdue = isOverdue(c, now)
  return {
    target: c.target,
    dueAt: c.paused ? null : c.dueAt,
    remainingMinutes: c.remainingWorkingMinutes,
    calendar: c.calendar,
    overdue,
    paused: c.paused,
    soon: !overdue && !c.paused && !!c.warnAt && Date.parse(c.warnAt) <= now,
  }
}

export function nextDeadline(
  clocks: readonly Clock[] | null | undefined, now: number, skip: readonly SlaTarget[] = [],
): NextDeadline | null {
  const live = (clocks ?? []).filter((c) => isLive(c) && !skip.includes(c.target))
  if (live.length === 0) return null
  const due = (c: Clock) => (c.dueAt && !c.paused ? Date.parse(c.dueAt) : Number.POSITIVE_INFINITY)
  const first = [...live].sort((a, b) => rank(a, now) - rank(b, now) || due(a) - due(b) || a.remainingWorkingMinutes - b.remainingWorkingMinutes)[0]
  return toDeadline(first, now)
}

/** The clock of one target (the latest cycle is the one the API lists), stopped or not. */
export const clockOf = (clocks: readonly Clock[] | null | undefined, target: SlaTarget): Clock | null =>
  (clocks ?? []).filter((c) => c.target === target).pop() ?? null

/** 95 → 1小时35分; on a 24x7 calendar a day or more reads as days (working hours never do). */
export function formatDuration(minutes: number, calendar: string): string {
  const m = Math.max(0, Math.round(Math.abs(minutes)))
  if (m < 60) return `${Math.max(1, m)}分钟`
  const h = Math.floor(m / 60)
  const r = m % 60
  if (calendar !== 'WORKING_HOURS' && h >= 24) return `${Math.floor(h / 24)}天${h % 24 ? `${h % 24}小时` : ''}`
  return `${h}小时${r ? `${r}分` : ''}`
}

/**
 * What the deadline says, in one line: 11月27日 14:05 前 · 剩余 2小时 / 已超时 3小时 / 已暂停计时 · 剩余 ….
 * On a working-hours calendar the time left is working time (剩余工时), which can be far shorter than
 * the wall-clock wait until the due time (a night or a weekend in between).
 */
export function deadlineText(d: NextDeadline): { label: string; value: string } {
  const label = zh.deadline.targets[d.target] ?? zh.tickets.deadline
  const working = d.calendar === 'WORKING_HOURS'
  const dur = formatDuration(d.remainingMinutes, d.calendar)
  if (d.overdue) return { label, value: d.remainingMinutes < 0 ? zh.deadline.overdueBy(dur, working) : zh.tickets.overdue }
  const left = zh.deadline.left(dur, working)
  if (d.paused) return { label, value: `${zh.tickets.paused} · ${left}` }
  return { label, value: d.dueAt ? `${zh.deadline.dueBy(formatTime(d.dueAt))} · ${left}` : left }
}

/** Clocks that are the property company's business, never shown to owners (转派响应时限). */
export const OWNER_SKIP: readonly SlaTarget[] = ['DISPATCH_RESPONSE']

/**
 * The owner's line, in plain words (issue 12 §3): "预计 12月2日 17:30 前办结（按工作日计算）". No working
 * minutes left (a 45-hour working budget reads as far sooner than a due time a week away), no clock names.
 */
export function ownerDeadlineText(d: NextDeadline, now: Date = new Date()): string {
  const t = zh.owner
  const working = d.calendar === 'WORKING_HOURS' ? t.workingDays : ''
  if (d.overdue) return t.overdue(t.overdueWhat[d.target] ?? t.overdueWhat.RESOLVE)
  if (d.paused || !d.dueAt) return t.paused
  const say = t.deadline[d.target] ?? t.deadline.RESOLVE
  return `${say(formatTime(d.dueAt, now))}${working}`
}
