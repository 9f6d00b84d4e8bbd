import type { EntityManager } from 'typeorm';
import type { TicketRow } from '../tickets/ticket-row';
import type { SlaTarget } from './domain/sla-target';

/**
 * A fixed deadline set from outside (e.g. the 12345 hotline's sign-by and resolve-by times): when a clock
 * starts and a source answers a time, the clock runs on the 24×7 calendar to exactly that time instead of
 * the policy's limit (escalation and warnings as the policy says).
 */
export interface SlaDeadlineSource {
  dueAt(em: EntityManager, ticket: TicketRow, target: SlaTarget): Promise<Date | null>;
}

/** Where features register deadline sources (in their onModuleInit), so the SLA engine never imports them. */
export class SlaDeadlineSources {
  private readonly list: SlaDeadlineSource[] = [];

  register(source: SlaDeadlineSource): void {
    this.list.push(source);
  }

  async dueAt(em: EntityManager, ticket: TicketRow, target: SlaTarget): Promise<Date | null> {
    for (const s of this.list) {
      const d = await s.dueAt(em, ticket, target);
      if (d) return d;
    }
    return null;
  }
}
