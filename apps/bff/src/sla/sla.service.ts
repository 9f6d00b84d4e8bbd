import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { SlaTarget, viewClock, type ClockView } from './domain';
import { SlaClockRepository, type ClockRow } from './sla-clock.repository';
import { calendars } from './sla-clock-writer';

/**
 * The SLA engine as other features read it. The engine itself is three rooms: `SlaFollower` (clocks
 * follow the ticket in its own transaction), `SlaFiring` (wake-ups fire warnings, breaches, escalation
 * steps and the rating window's end) and `SlaClockWriter` (the settle step and compare-and-set write
 * both share). MySQL holds the truth; BullMQ jobs are only wake-ups, enqueued after commit.
 */
@Injectable()
export class SlaService {
  constructor(private readonly clocks: SlaClockRepository, private readonly clock: Clock) {}

  /** Clock views of tickets at `now`, by ticket id, in target order. */
  async viewsOf(ticketIds: readonly string[], now: Date = this.clock.now()): Promise<Map<string, (ClockView & { row: ClockRow })[]>> {
    const rows = await this.clocks.forTickets(ticketIds);
    const out = new Map<string, (ClockView & { row: ClockRow })[]>(ticketIds.map((id) => [id, []]));
    const order = Object.values(SlaTarget);
    for (const r of rows.sort((a, b) => order.indexOf(a.clock.target) - order.indexOf(b.clock.target))) {
      out.get(r.ticketId)?.push({ ...viewClock(r.clock, now, calendars), row: r });
    }
    return out;
  }
}
