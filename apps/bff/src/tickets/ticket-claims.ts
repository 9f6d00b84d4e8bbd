import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketAction, TicketStatus } from '@msb/shared-types';
import { conflict, invalidTransition } from '../common/domain-error';


/**
 * Claims on the ticket row that must happen at most once per window (the owner's 催办): one conditional UPDATE,
 * so of attempts sent at once exactly one wins and the others find the new `last_urged_at`. Part of the tickets
 * feature (it owns the table); the status check makes it the record-only action's compare-and-set as well.
 */
@Injectable()
export class TicketClaims {
  /** Claims `last_urged_at` for `once.at`; CONFLICT when the status moved on, INVALID_TRANSITION (its refusal) when too soon. */
  async claimUrge(em: EntityManager, id: string, status: TicketStatus, once: { at: Date; notAfter: Date; refusal: string }, action: TicketAction): Promise<void> {
    const res = await em.query(
      'UPDATE tickets SET last_urged_at = ?, updated_at = ? WHERE id = ? AND status = ? AND (last_urged_at IS NULL OR last_urged_at <= ?)',
      [once.at, once.at, id, status, once.notAfter],
    );
    if (res.affectedRows === 1) return;
    const [row] = await em.query('SELECT status FROM tickets WHERE id = ? FOR UPDATE', [id]);
    if (!row || row.status !== status) throw conflict();
    throw invalidTransition(once.refusal, { action });
  }
}
