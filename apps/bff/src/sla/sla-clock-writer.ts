import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TicketsService } from '../tickets/tickets.service';
import type { TicketRow } from '../tickets/ticket-row';
import { NotificationsService, type NotificationRow } from '../notifications/notifications.service';
import {
  advanceClock, defaultCalendars, dueEscalationSteps, nextWakeAt, ticketUrgency, viewClock,
  type ClockEvent, type EscalationChain, type ScheduledEscalation,
} from './domain';
import { SlaClockRepository, type ClockRow } from './sla-clock.repository';
import { SlaNotifier } from './sla-notifier';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaScheduler, type Wake } from './jobs/sla-scheduler';
import type { SlaWakePayload } from '../jobs/job-names';

export const calendars = defaultCalendars;

/** A due clock settled at an instant: the clock as it will be written, the events it crossed, the escalation steps now due. */
export interface Settled {
  readonly final: ClockRow;
  readonly events: readonly ClockEvent[];
  readonly steps: readonly ScheduledEscalation[];
  readonly chain: EscalationChain | null;
}

/**
 * What following a ticket and firing a wake-up share: the settle step, the clock's next version and
 * wake-up, the compare-and-set write with its notes and notices, the ticket's urgency, and what happens
 * after commit (wake-ups enqueued, notices announced live).
 */
@Injectable()
export class SlaClockWriter {
  private readonly log = new Logger(SlaClockWriter.name);

  constructor(
    private readonly tickets: TicketsService,
    private readonly clocks: SlaClockRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly notifier: SlaNotifier,
    private readonly scheduler: SlaScheduler,
    private readonly notifications: NotificationsService,
  ) {}

  async chainOf(row: ClockRow, em: EntityManager): Promise<EscalationChain | null> {
    return (await this.policies.termsOf(row.clock.terms.policyId, row.clock.terms.policyVersion, row.clock.target, em))?.escalation ?? null;
  }

  /**
   * The one settle step of a firing (single or batched): the clock advanced to `now`, the escalation
   * steps due by then, and the clock as it will be written; null when nothing is due.
   */
  async settle(em: EntityManager, row: ClockRow, now: Date): Promise<Settled | null> {
    const settled = advanceClock(row.clock, now);
    const chain = await this.chainOf(row, em);
    const steps = dueEscalationSteps(settled.clock, row.escalationSteps, chain, now, calendars);
    const final = this.finalize(row, { ...row, clock: settled.clock }, steps, chain);
    return final && { final, events: settled.events, steps, chain };
  }

  wakeOf(row: ClockRow): Wake {
    return { ticketId: row.ticketId, target: row.clock.target, version: row.clock.version, at: row.nextWakeAt! };
  }

  /** The clock as it will be written: next version, steps taken, next wake-up; null when nothing changed. */
  finalize(before: ClockRow | null, after: ClockRow, steps: readonly ScheduledEscalation[], chain: EscalationChain | null): ClockRow | null {
    if (before && after.clock === before.clock && steps.length === 0) return null;
    const version = before ? before.clock.version + 1 : 1;
    const escalationSteps = after.escalationSteps + steps.length;
    const clock = { ...after.clock, version };
    return { ...after, clock, escalationSteps, nextWakeAt: nextWakeAt(clock, escalationSteps, chain, calendars) };
  }

  /** Inserts or compare-and-sets one clock with its escalation steps taken and its next wake-up; records its events. */
  async write(
    em: EntityManager, ticket: TicketRow, before: ClockRow | null, after: ClockRow, events: readonly ClockEvent[],
    steps: readonly ScheduledEscalation[], chain: EscalationChain | null, now: Date,
  ): Promise<{ ok: boolean; after: ClockRow; notices: NotificationRow[] }> {
    const final = this.finalize(before, after, steps, chain);
    if (!final) return { ok: false, after: before!, notices: [] };
    return this.persist(em, ticket, before, final, events, steps, chain, now);
  }

  /** Writes a finalized clock (insert, or compare-and-set on the version `before` had) and records its events. */
  async persist(
    em: EntityManager, ticket: TicketRow, before: ClockRow | null, final: ClockRow, events: readonly ClockEvent[],
    steps: readonly ScheduledEscalation[], chain: EscalationChain | null, now: Date,
  ): Promise<{ ok: boolean; after: ClockRow; notices: NotificationRow[] }> {
    if (before?.id) {
      if (!(await this.clocks.updateIfVersion(em, final, before.clock.version, now))) return { ok: false, after: before, notices: [] };
    } else {
      const id = await this.clocks.insert(em, final, now);
      Object.assign(final, { id });
    }
    const notices = await this.notifier.record(em, ticket, final, events, steps, chain, now);
    return { ok: true, after: final, notices };
  }

  urgencyOf(ticketId: string, rows: readonly ClockRow[], now: Date) {
    return ticketUrgency(rows.map((r) => viewClock(r.clock, now, calendars)), ticketId);
  }

  async setUrgency(em: EntityManager, ticketId: string, rows: readonly ClockRow[], now: Date): Promise<void> {
    const u = this.urgencyOf(ticketId, rows, now);
    await this.tickets.setUrgency(em, ticketId, u.bucket, u.sort);
  }

  /**
   * Pushes committed SLA notices to the live bell. Not awaited: a hung Redis must not hold up firing (the
   * reconciler fires from MySQL while Redis hangs), and a lost push is caught up by the centre's refetch.
   */
  announce(notices: readonly NotificationRow[]): void {
    if (notices.length === 0) return;
    this.notifications.announce(notices).catch((e) => this.log.warn(`could not announce ${notices.length} SLA notice(s) live: ${e}`));
  }

  async enqueue(wakes: Wake[], stale: SlaWakePayload[]): Promise<void> {
    try {
      await this.scheduler.schedule(wakes);
      if (stale.length) await this.scheduler.unschedule(stale);
    } catch (e) {
      // The reconciler re-creates it from MySQL.
      this.log.warn(`could not enqueue SLA wake-ups (${wakes.length}); the reconciler will: ${e}`);
    }
  }
}
