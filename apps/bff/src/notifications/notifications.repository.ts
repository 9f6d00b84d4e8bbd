import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationKind } from '@msb/shared-types';

export interface NotificationRow {
  id: string;
  userId: string;
  ticketId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
}

const map = (r: any): NotificationRow => ({
  id: String(r.id), userId: String(r.user_id), ticketId: r.ticket_id === null ? null : String(r.ticket_id), kind: r.kind,
  title: r.title, body: r.body, readAt: r.read_at, createdAt: r.created_at,
});

/** The notification centre's rows. Writes run inside the caller's (ticket) transaction. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, n: Omit<NotificationRow, 'id' | 'readAt'>): Promise<string> {
    const res = await em.query(
      'INSERT INTO notifications (user_id, ticket_id, kind, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [n.userId, n.ticketId, n.kind, n.title.slice(0, 128), n.body.slice(0, 500), n.createdAt],
    );
    return String(res.insertId);
  }

  /** Many rows in one statement; returns the first insert id (the rest follow it, see NotificationsService.writeMany). */
  async insertMany(em: EntityManager, list: readonly Omit<NotificationRow, 'id' | 'readAt'>[]): Promise<string> {
    if (list.length === 0) return '0';
    const res = await em.query(
      'INSERT INTO notifications (user_id, ticket_id, kind, title, body, created_at) VALUES ?',
      [list.map((n) => [n.userId, n.ticketId, n.kind, n.title.slice(0, 128), n.body.slice(0, 500), n.createdAt])],
    );
    return String(res.insertId);
  }

  /** Newest first; `afterId` is the last id of the previous page. */
  async pageOf(userId: string, afterId: string | undefined, limit: number): Promise<NotificationRow[]> {
    const rows = afterId
      ? await this.ds.query('SELECT * FROM notifications WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?', [userId, afterId, limit])
      : await this.ds.query('SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?', [userId, limit]);
    return rows.map(map);
  }

  async unreadCount(userId: string): Promise<number> {
    const rows = await this.ds.query('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL', [userId]);
    return Number(rows[0].n);
  }

  async markRead(userId: string, ids: readonly string[] | 'ALL', at: Date): Promise<number> {
    if (ids !== 'ALL' && ids.length === 0) return 0;
    const res = ids === 'ALL'
      ? await this.ds.query('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [at, userId])
      : await this.ds.query('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (?)', [at, userId, ids]);
    return res.affectedRows;
  }
}
