import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WechatTemplateKey } from '@msb/shared-types';

export enum OutboxStatus {
  /** Waiting for (another) attempt. */
  PENDING = 'PENDING',
  /** A worker claimed it and may be talking to WeChat right now. */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** WeChat said the owner has not subscribed (43101): never retried. */
  REFUSED = 'REFUSED',
  /** Attempts exhausted. */
  FAILED = 'FAILED',
}

export interface OutboxRow {
  id: string;
  ticketId: string;
  eventId: string;
  userId: string;
  openid: string;
  templateKey: WechatTemplateKey;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  claimedAt: Date | null;
  sentAt: Date | null;
}

const map = (r: any): OutboxRow => ({
  id: String(r.id), ticketId: String(r.ticket_id), eventId: String(r.event_id), userId: String(r.user_id), openid: r.openid,
  templateKey: r.template_key, templateId: r.template_id, page: r.page, data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
  status: r.status, attempts: r.attempts, lastError: r.last_error, claimedAt: r.claimed_at, sentAt: r.sent_at,
});

/** The WeChat outbox. Rows are written in the ticket's transaction; state moves by compare-and-set only. */
@Injectable()
export class WechatOutboxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Rows still to send (pending or being sent) and rows given up on, for the metrics. */
  async backlog(): Promise<{ pending: number; failed: number }> {
    const [r] = await this.ds.query("SELECT SUM(status IN ('PENDING', 'SENDING')) AS pending, SUM(status = 'FAILED') AS failed FROM wechat_outbox");
    return { pending: Number(r?.pending ?? 0), failed: Number(r?.failed ?? 0) };
  }

  /** Returns the new row's id, or null when this event already has its message (unique key). */
  async insert(em: EntityManager, r: Pick<OutboxRow, 'ticketId' | 'eventId' | 'userId' | 'openid' | 'templateKey' | 'templateId' | 'page' | 'data'>, at: Date): Promise<string | null> {
    const res = await em.query(
      `INSERT IGNORE INTO wechat_outbox (ticket_id, event_id, user_id, openid, template_key, template_id, page, data, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.ticketId, r.eventId, r.userId, r.openid, r.templateKey, r.templateId, r.page, JSON.stringify(r.data), OutboxStatus.PENDING, at],
    );
    return res.affectedRows === 1 ? String(res.insertId) : null;
  }

  async find(id: string): Promise<OutboxRow | null> {
    const rows = await this.ds.query('SELECT * FROM wechat_outbox WHERE id = ?', [id]);
    return rows.length ? map(rows[0]) : null;
  }

  /**
   * Marks the row SENDING for this attempt if it is PENDING, or SENDING under a claim older than
   * `staleBefore` (its worker died mid-send). False when it is done or another worker holds a fresh claim.
   */
  async claim(id: string, at: Date, staleBefore: Date): Promise<boolean> {
    const res = await this.ds.query(
      `UPDATE wechat_outbox SET status = ?, attempts = attempts + 1, claimed_at = ?
       WHERE id = ? AND (status = ? OR (status = ? AND claimed_at < ?))`,
      [OutboxStatus.SENDING, at, id, OutboxStatus.PENDING, OutboxStatus.SENDING, staleBefore],
    );
    return res.affectedRows === 1;
  }

  async finish(id: string, status: OutboxStatus, at: Date, error: string | null): Promise<void> {
    await this.ds.query(
      `UPDATE wechat_outbox SET status = ?, last_error = ?, sent_at = IF(? = 'SENT', ?, sent_at) WHERE id = ? AND status = ?`,
      [status, error?.slice(0, 255) ?? null, status, at, id, OutboxStatus.SENDING],
    );
  }

  /** PENDING rows created before `before`: their job may have been lost between commit and enqueue. */
  async pendingIds(before: Date, limit = 500): Promise<string[]> {
    const rows = await this.ds.query('SELECT id FROM wechat_outbox WHERE status = ? AND created_at < ? ORDER BY id LIMIT ?', [OutboxStatus.PENDING, before, limit]);
    return rows.map((r: { id: string }) => String(r.id));
  }
}
