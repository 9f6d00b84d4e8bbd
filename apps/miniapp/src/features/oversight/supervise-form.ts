/** The 督办 form's rules, as the BFF checks them (SuperviseTicketInput). Pure. */
export const SUPERVISE_NOTE_MIN = 2
export const SUPERVISE_NOTE_MAX = 500
/** The BFF refuses a deadline more than 90 days ahead. */
export const SUPERVISE_MAX_DAYS = 90

/** How many times the ticket has been urged (督办 events on its timeline). */
export function superviseRounds(timeline: readonly { action: string }[]): number {
  return timeline.filter((e) => e.action === 'SUPERVISE').length
}

/**
 * A date and time picked on the form (Asia/Shanghai wall time, the app's calendar) as the ISO instant
 * the API takes; null when it is not later than now or more than 90 days ahead.
 */
export function deadlineInput(day: string, time: string, now: number): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]) - 8, Number(t[2]))
  if (Number.isNaN(ms) || ms <= now || ms > now + SUPERVISE_MAX_DAYS * 86_400_000) return null
  return new Date(ms).toISOString()
}
