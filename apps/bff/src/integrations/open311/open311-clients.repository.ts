import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface Open311Client {
  id: number;
  name: string;
  userId: string;
  ratePerMinute: number;
}

/** open311_clients and open311_rate: the api keys (sha256 only) and their per-minute counters. */
@Injectable()
export class Open311ClientsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(c: { name: string; keyHash: string; keyHint: string; userId: string; ratePerMinute: number; at: Date }): Promise<number> {
    const res = await this.ds.query(
      'INSERT INTO open311_clients (name, key_hash, key_hint, user_id, rate_per_minute, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [c.name, c.keyHash, c.keyHint, c.userId, c.ratePerMinute, c.at],
    );
    return Number(res.insertId);
  }

  async byKeyHash(keyHash: string): Promise<Open311Client | null> {
    const [r] = await this.ds.query('SELECT id, name, user_id, rate_per_minute FROM open311_clients WHERE key_hash = ? AND revoked_at IS NULL', [keyHash]);
    return r ? { id: r.id, name: r.name, userId: String(r.user_id), ratePerMinute: r.rate_per_minute } : null;
  }

  async revoke(id: number, at: Date): Promise<boolean> {
    const res = await this.ds.query('UPDATE open311_clients SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
    return res.affectedRows === 1;
  }

  async list(): Promise<{ id: number; name: string; keyHint: string; ratePerMinute: number; revokedAt: Date | null }[]> {
    const rows = await this.ds.query('SELECT id, name, key_hint, rate_per_minute, revoked_at FROM open311_clients ORDER BY id');
    return rows.map((r: any) => ({ id: r.id, name: r.name, keyHint: r.key_hint, ratePerMinute: r.rate_per_minute, revokedAt: r.revoked_at }));
  }

  /**
   * Counts one call in the client's current minute and returns the count including it. One atomic statement,
   * so calls sent at once each get their own number.
   */
  async hit(clientId: number, windowStart: Date): Promise<number> {
    const res = await this.ds.query(
      'INSERT INTO open311_rate (client_id, window_start, count) VALUES (?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE count = LAST_INSERT_ID(count + 1)',
      [clientId, windowStart],
    );
    return Number(res.insertId);
  }

  /** Drops counters of past minutes (kept small; called now and then). */
  async prune(before: Date): Promise<void> {
    await this.ds.query('DELETE FROM open311_rate WHERE window_start < ?', [before]);
  }

  /** Inside the comment's transaction: fails with a duplicate key when the client sent this update id before. */
  async recordUpdate(em: EntityManager, clientId: number, clientUpdateId: string, eventId: string): Promise<void> {
    await em.query('INSERT INTO open311_updates (client_id, client_update_id, event_id) VALUES (?, ?, ?)', [clientId, clientUpdateId, eventId]);
  }

  async updateEvent(clientId: number, clientUpdateId: string): Promise<string | null> {
    const [r] = await this.ds.query('SELECT event_id FROM open311_updates WHERE client_id = ? AND client_update_id = ?', [clientId, clientUpdateId]);
    return r ? String(r.event_id) : null;
  }
}
