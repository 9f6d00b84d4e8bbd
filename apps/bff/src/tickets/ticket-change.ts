import type { EntityManager } from 'typeorm';
import type { Role, TicketAction, TicketStatus } from '@msb/shared-types';
import type { TicketRow } from './tickets.repository';

/** One committed (or committing) change of a ticket: what other features react to. Ids, not documents. */
export interface TicketChange {
  readonly ticket: TicketRow;
  readonly action: TicketAction;
  readonly from: TicketStatus | null;
  readonly to: TicketStatus;
  readonly eventId: string;
  readonly actorId: string | null;
  readonly actorRole: Role | 'SYSTEM';
  readonly at: Date;
  /** The event's note and details (reason, result, mediation outcome …), as written on the timeline. */
  readonly note?: string | null;
  readonly data?: Record<string, unknown> | null;
}

/**
 * Features that follow tickets (SLA clocks, notifications, live updates) implement this and are
 * registered under TICKET_CHANGE_LISTENERS. `inTransaction` writes inside the ticket's transaction
 * (so it commits or rolls back with it); `afterCommit` wakes things up (queues, pub/sub) and must not throw.
 */
export interface TicketChangeListener {
  /**
   * Listeners run in ascending order (default 0, then registration order). A follower that reads what
   * others write in the transaction (figures read the SLA engine's breach events) sets a higher one.
   */
  readonly order?: number;
  inTransaction?(em: EntityManager, change: TicketChange): Promise<void>;
  afterCommit?(change: TicketChange): Promise<void> | void;
  /**
   * A retried request found the ticket its first attempt filed (same idempotency key). The first
   * attempt may have died between its commit and its after-commit work (the answer was lost): a
   * follower makes sure what it wakes up exists. Idempotent; must not throw.
   */
  afterRetry?(ticket: TicketRow): Promise<void> | void;
}

/**
 * Where followers register themselves (in their onModuleInit), so tickets never import them.
 */
export class TicketChangeListeners {
  private readonly list: TicketChangeListener[] = [];

  register(listener: TicketChangeListener): void {
    this.list.push(listener);
    // Stable: equal orders keep registration order.
    this.list.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  }

  all(): readonly TicketChangeListener[] {
    return this.list;
  }
}
