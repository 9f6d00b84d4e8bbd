import type { HotlineOrder } from '../../services/api/staff-operations'
import { staffZh } from '../../i18n/staff-zh'
import { formatDuration } from '../tickets/deadline'
import { formatTime } from '../tickets/format'

/** One of the hotline's three deadlines as staff read it. Pure. */
export interface HotlineDeadline {
  readonly key: 'sign' | 'contact' | 'resolve'
  readonly label: string
  readonly text: string
  /** done: met; soon: under 2 hours left; breached: past it and not done; none: the hotline set no deadline. */
  readonly tone: 'done' | 'running' | 'soon' | 'breached' | 'none'
}

const SOON_MS = 2 * 3600_000

/**
 * The 12345 order's sign-by, contact-by and resolve-by in plain words: "请在 12月1日 15:00 前签收，还剩 2小时",
 * "已超过期限 3小时（期限 …）", or what was done and when ("已签收（12月1日 10:05）"). The hotline's deadlines
 * run round the clock, so time left reads in days and hours.
 */
export function hotlineDeadlines(
  o: Pick<HotlineOrder, 'signBy' | 'contactBy' | 'resolveBy' | 'contactedAt'>,
  t: { acceptedAt: string | null; resolvedAt: string | null },
  now: number,
): HotlineDeadline[] {
  const h = staffZh.hotline
  const line = (key: HotlineDeadline['key'], due: string | null, doneAt: string | null): HotlineDeadline => {
    const label = h.deadlines[key]
    if (doneAt) return { key, label, text: h.doneAt(h.done[key], formatTime(doneAt)), tone: 'done' }
    if (!due) return { key, label, text: h.noDeadline, tone: 'none' }
    const left = Date.parse(due) - now
    const dur = formatDuration(Math.abs(left) / 60_000, 'CALENDAR_24X7')
    if (left <= 0) return { key, label, text: h.overdue(formatTime(due), dur), tone: 'breached' }
    return { key, label, text: h.dueBy(formatTime(due), h.todo[key], dur), tone: left <= SOON_MS ? 'soon' : 'running' }
  }
  return [line('sign', o.signBy, t.acceptedAt), line('contact', o.contactBy, o.contactedAt), line('resolve', o.resolveBy, t.resolvedAt)]
}

/** 12345 extension: `days` after the current resolve-by (or after now, once that has passed), as local yyyy-mm-dd and hh:mm. */
export function defaultExtension(resolveBy: string | null, now: number, days = 7): { date: string; time: string } {
  const base = resolveBy ? Math.max(Date.parse(resolveBy), now) : now
  const d = new Date(base + days * 24 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` }
}

/** The picked local date and time as an instant; null when it is not a date or not later than now. */
export function requestedDeadline(date: string, time: string, now: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const n = /^(\d{2}):(\d{2})$/.exec(time)
  if (!m || !n) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(n[1]), Number(n[2]))
  if (Number.isNaN(d.getTime()) || d.getTime() <= now) return null
  return d.toISOString()
}
