import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { TicketAction as A, TicketStatus as S } from '@msb/shared-types';
import { OrgService } from '../org/org.service';

/** How someone came to follow a ticket they did not file. */
export type FollowVia = 'SUPPORT' | 'MERGE';

/** A ticket as other owners may see it: nothing that names or places its reporter. */
export interface PublicRow {
  id: string;
  number: string;
  complexId: number;
  categoryCode: string;
  text: string;
  status: S;
  spotName: string | null;
  createdAt: Date;
  updatedAt: Date;
  reporterId: string;
}

/** Timeline entries written on the ticket a duplicate was merged into, and taken off again by an unmerge. */
export const MERGED_IN = 'MERGED_IN';
export const UNMERGED_OUT = 'UNMERGED_OUT';

const PUBLIC = 'SELECT t.id, t.number, t.complex_id, t.category_code, t.text, t.status, t.created_at, t.updated_at, t.reporter_id, t.spot_id FROM tickets t';

const mapPublic = (r: any, spotName: (id: number) => string | null): PublicRow => ({
  id: String(r.id), number: r.number, complexId: r.complex_id, categoryCode: r.category_code, text: r.text, status: r.status,
  spotName: r.spot_id === null ? null : spotName(r.spot_id), createdAt: r.created_at, updatedAt: r.updated_at, reporterId: String(r.reporter_id),
});

/** Followers (ticket_followers) and the reads "me too" and merging need; tickets/ owns these tables. */
@Injectable()
export class TicketLinksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly org: OrgService) {}

  /** Public rows with their gate's or lobby's name from org's cache (no SQL on org's tables here). */
  private async publicRows(raw: any[]): Promise<PublicRow[]> {
    const spotIds = raw.flatMap((r) => (r.spot_id === null ? [] : [Number(r.spot_id)]));
    const names = spotIds.length ? await this.org.displayNames({ complexIds: [], userIds: [], spotIds, buildingIds: [] }) : null;
    return raw.map((r) => mapPublic(r, (id) => names?.spot(id)?.name ?? null));
  }

  /** false when the person already follows the ticket (the primary key decides, also for two requests at once). */
  async follow(em: EntityManager, ticketId: string, userId: string, via: FollowVia, fromTicketId: string | null, at: Date): Promise<boolean> {
    const res = await em.query('INSERT IGNORE INTO ticket_followers (ticket_id, user_id, via, from_ticket_id, created_at) VALUES (?, ?, ?, ?, ?)', [ticketId, userId, via, fromTicketId, at]);
    return Number(res.affectedRows) === 1;
  }

  /** A merge: the duplicate's reporter and its own followers follow the survivor, marked as coming from the duplicate. */
  async followFromMerge(em: EntityManager, survivorId: string, duplicateId: string, reporterId: string, at: Date): Promise<void> {
    await em.query(
      `INSERT IGNORE INTO ticket_followers (ticket_id, user_id, via, from_ticket_id, created_at)
       SELECT ?, u.user_id, 'MERGE', ?, ? FROM (SELECT ? AS user_id UNION SELECT user_id FROM ticket_followers WHERE ticket_id = ?) u
       WHERE u.user_id <> (SELECT reporter_id FROM tickets WHERE id = ?)`,
      [survivorId, duplicateId, at, reporterId, duplicateId, survivorId],
    );
  }

  /** An unmerge: those who followed the survivor only because of the duplicate stop following it. */
  async unfollowFromMerge(em: EntityManager, survivorId: string, duplicateId: string): Promise<void> {
    await em.query('DELETE FROM ticket_followers WHERE ticket_id = ? AND from_ticket_id = ?', [survivorId, duplicateId]);
  }

  async isFollowing(ticketId: string, userId: string): Promise<boolean> {
    const rows = await this.ds.query('SELECT 1 FROM ticket_followers WHERE ticket_id = ? AND user_id = ?', [ticketId, userId]);
    return rows.length > 0;
  }

  async followersOf(ticketId: string, em: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await em.query('SELECT user_id FROM ticket_followers WHERE ticket_id = ? ORDER BY created_at, user_id', [ticketId]);
    return rows.map((r: any) => String(r.user_id));
  }

  /** Followers per ticket (the supporter count). */
  async countsOf(ticketIds: readonly string[]): Promise<Map<string, number>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await this.ds.query('SELECT ticket_id, COUNT(*) AS n FROM ticket_followers WHERE ticket_id IN (?) GROUP BY ticket_id', [ticketIds]);
    return new Map(rows.map((r: any) => [String(r.ticket_id), Number(r.n)]));
  }

  /** Which of the tickets the person follows. */
  async followedAmong(userId: string, ticketIds: readonly string[]): Promise<Set<string>> {
    if (ticketIds.length === 0) return new Set();
    const rows = await this.ds.query('SELECT ticket_id FROM ticket_followers WHERE user_id = ? AND ticket_id IN (?)', [userId, ticketIds]);
    return new Set(rows.map((r: any) => String(r.ticket_id)));
  }

  /** Open reports of a complex and category filed since `since`, newest first (ix_tickets_complex_status). */
  async similar(complexId: number, categoryCode: string, statuses: readonly S[], since: Date, limit: number): Promise<PublicRow[]> {
    const rows = await this.ds.query(
      `${PUBLIC} WHERE t.complex_id = ? AND t.status IN (?) AND t.category_code = ? AND t.created_at >= ? ORDER BY t.id DESC LIMIT ?`,
      [complexId, statuses, categoryCode, since, limit],
    );
    return this.publicRows(rows);
  }

  async publicById(id: string): Promise<PublicRow | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const rows = await this.ds.query(`${PUBLIC} WHERE t.id = ?`, [id]);
    return rows.length ? (await this.publicRows(rows))[0] : null;
  }

  /** The tickets a person follows, newest first. */
  async followedBy(userId: string, limit: number): Promise<PublicRow[]> {
    const rows = await this.ds.query(`${PUBLIC} JOIN ticket_followers f ON f.ticket_id = t.id WHERE f.user_id = ? ORDER BY t.id DESC LIMIT ?`, [userId, limit]);
    return this.publicRows(rows);
  }

  /** Where the ticket was merged last (its latest MERGE event), or null. */
  async mergedInto(ticketId: string): Promise<{ id: string; number: string } | null> {
    const [r] = await this.ds.query(`SELECT data FROM ticket_events WHERE ticket_id = ? AND action = ? ORDER BY id DESC LIMIT 1`, [ticketId, A.MERGE]);
    if (!r) return null;
    const d = typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
    return d?.intoTicketId ? { id: String(d.intoTicketId), number: String(d.intoNumber) } : null;
  }

  /** The public progress of a ticket: when it reached each status (no names, no notes). */
  async statusSteps(ticketId: string): Promise<{ status: S; at: Date }[]> {
    const rows = await this.ds.query('SELECT to_status, created_at FROM ticket_events WHERE ticket_id = ? AND (from_status IS NULL OR from_status <> to_status) ORDER BY id', [ticketId]);
    return rows.map((r: any) => ({ status: r.to_status, at: r.created_at }));
  }
}
