import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ActiveShare {
  id: string;
  ticketId: string;
  expiresAt: Date;
}

/** ticket_shares, sharing's own table: family links by the hash of their token. */
@Injectable()
export class TicketSharesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(s: { ticketId: string; tokenHash: string; createdBy: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.ds.query('INSERT INTO ticket_shares (ticket_id, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      s.ticketId, s.tokenHash, s.createdBy, s.createdAt, s.expiresAt,
    ]);
  }

  async createdSince(ticketId: string, since: Date): Promise<number> {
    const [r] = await this.ds.query('SELECT COUNT(*) AS n FROM ticket_shares WHERE ticket_id = ? AND created_at > ?', [ticketId, since]);
    return Number(r.n);
  }

  /** The link behind a token hash while it lasts (not revoked, not expired); one indexed look-up. */
  async findActive(tokenHash: string, now: Date): Promise<ActiveShare | null> {
    const [r] = await this.ds.query('SELECT id, ticket_id, expires_at FROM ticket_shares WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?', [tokenHash, now]);
    return r ? { id: String(r.id), ticketId: String(r.ticket_id), expiresAt: new Date(r.expires_at) } : null;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.ds.query('UPDATE ticket_shares SET views = views + 1, last_viewed_at = ? WHERE id = ?', [now, id]);
  }

  /** Ends every live link of the ticket; answers how many. */
  async revokeAll(ticketId: string, now: Date): Promise<number> {
    const r = await this.ds.query('UPDATE ticket_shares SET revoked_at = ? WHERE ticket_id = ? AND revoked_at IS NULL AND expires_at > ?', [now, ticketId, now]);
    return Number(r.affectedRows ?? 0);
  }

  async activeOf(ticketId: string, now: Date): Promise<{ count: number; until: Date | null }> {
    const [r] = await this.ds.query('SELECT COUNT(*) AS n, MAX(expires_at) AS until FROM ticket_shares WHERE ticket_id = ? AND revoked_at IS NULL AND expires_at > ?', [ticketId, now]);
    return { count: Number(r.n), until: r.until ? new Date(r.until) : null };
  }
}
