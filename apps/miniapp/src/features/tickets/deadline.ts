/**
 * The next deadline of a ticket, from its SLA clocks when the API offers them.
 * `Ticket.clocks` (SlaClockView) is not in the committed schema yet (the SLA engine adds it); until
 * then the documents do not ask for it and this answers null, so the pages show no deadline rather
 * than a wrong one. Once it lands: add `clocks { target dueAt paused stopped state }` to the
 * TicketSummary fragment and run codegen; this already reads that shape.
 */
export interface ClockLike {
  readonly target?: string | null
  /** Null while paused and once met. */
  readonly dueAt?: string | null
  readonly paused?: boolean | null
  readonly stopped?: boolean | null
  readonly stoppedAt?: string | null
  /** RUNNING, PAUSED, MET, BREACHED, CANCELLED */
  readonly state?: string | null
}

export interface NextDeadline {
  readonly target: string | null
  readonly dueAt: string
  readonly overdue: boolean
  readonly paused: boolean
}

export function nextDeadline(ticket: { readonly clocks?: readonly ClockLike[] | null }, now: number): NextDeadline | null {
  const running = (ticket.clocks ?? []).filter((c) => c.dueAt && !c.stopped && !c.stoppedAt && !Number.isNaN(Date.parse(c.dueAt)))
  if (running.length === 0) return null
  const first = running.reduce((a, b) => (Date.parse(a.dueAt as string) <= Date.parse(b.dueAt as string) ? a : b))
  const due = Date.parse(first.dueAt as string)
  return { target: first.target ?? null, dueAt: first.dueAt as string, overdue: due < now || first.state === 'BREACHED', paused: !!first.paused }
}
