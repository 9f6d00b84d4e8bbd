import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { HANDLING_STATUSES, type TicketStatus } from '@msb/shared-types';
import { TicketEntity } from './ticket.entities';
import type { TicketDisplay, TicketRow } from './ticket-row';
import { mapRow, SELECT_ROW } from './ticket-row-sql';
import { withNames } from './ticket-names';
import { OrgService } from '../org/org.service';
import type { InboxCursor } from './inbox-query';

export type { TicketDisplay, TicketRow };
export type { NewEvent, TimelineEvent } from './ticket-events.repository';

export type { InboxCursor, InboxQuery } from './inbox-query';

export function inboxCursor(t: TicketRow): string {
  return `${t.urgencyBucket ?? 3}_${t.urgencySort ?? `-${t.id}`}_${t.id}`;
}

/** null when malformed. */
export function parseInboxCursor(s: string): InboxCursor | null {
  const m = /^([0-3])_(-?\d{1,19})_(\d{1,19})$/.exec(s);
  return m ? { bucket: Number(m[1]), sort: m[2], id: m[3] } : null;
}

export interface SourceQuery {
  source: string;
  reporterId?: string;
  numbers?: string[];
  categoryCodes?: string[];
  statuses?: TicketStatus[];
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/**
 * Ticket rows with intent names: reads, filing, compare-and-set, locks, urgency and the lists. Their events
 * are in TicketEventsRepository, their photos in TicketAttachmentsRepository. Services own the transactions
 * and pass their EntityManager in.
 */
@Injectable()
export class TicketsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly org: OrgService) {}

  /** Rows read from `tickets` alone, with their names and units' kind from org (see ticket-names). */
  private named(raw: Record<string, any>[]): Promise<TicketRow[]> {
    return withNames(this.org, raw.map(mapRow));
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async findById(id: string, em: EntityManager = this.ds.manager): Promise<TicketRow | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const [row] = await this.named(await em.query(`${SELECT_ROW} WHERE t.id = ?`, [id]));
    return row ?? null;
  }

  async findByIdempotencyKey(reporterId: string, key: string, em: EntityManager = this.ds.manager): Promise<TicketRow | null> {
    const [row] = await this.named(await em.query(`${SELECT_ROW} WHERE t.reporter_id = ? AND t.idempotency_key = ?`, [reporterId, key]));
    return row ?? null;
  }

  async findByNumber(number: string): Promise<TicketRow | null> {
    const [row] = await this.named(await this.ds.query(`${SELECT_ROW} WHERE t.number = ?`, [number]));
    return row ?? null;
  }

  /**
   * The day's next ticket number (MSB-YYYYMMDD-0001), taken inside the filing's own transaction: a filing that fails (a lost
   * idempotency race, a refused photo) rolls the counter back with it, so numbers are issued only to tickets
   * that exist and a gap always means something. The day's counter row stays locked only until that one short
   * transaction commits (every check and lookup happens before it), and other days never wait.
   */
  async nextNumber(em: EntityManager, day: string): Promise<string> {
    const res = await em.query(
      'INSERT INTO ticket_number_seq (day, last) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)',
      [day],
    );
    const n = Number(res.insertId);
    return `MSB-${day}-${String(n).padStart(4, '0')}`;
  }

  async insertTicket(em: EntityManager, t: Omit<TicketEntity, 'id'>): Promise<string> {
    const res = await em.query(
      `INSERT INTO tickets (number, complex_id, community_id, company_id, spot_id, building_id, location_text, category_code,
         priority, text, reporter_id, contact_name, contact_phone, status, version, idempotency_key, source, created_at, updated_at, room)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [t.number, t.complexId, t.communityId, t.companyId, t.spotId, t.buildingId, t.locationText, t.categoryCode, t.priority,
        t.text, t.reporterId, t.contactName, t.contactPhone, t.status, t.version, t.idempotencyKey, t.source, t.createdAt, t.updatedAt, t.room ?? null],
    );
    return String(res.insertId);
  }

  /** Compare-and-set on the version: returns false when someone else changed the ticket first. */
  async updateIfVersion(em: EntityManager, id: string, version: number, changes: Partial<TicketEntity>): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .updateEntity(false)
      .execute();
    return res.affected === 1;
  }

  /**
   * Locks and reads the ticket row in one statement (for followers such as the SLA engine, which lock the
   * ticket before their own rows, as actions do). Unit kinds are left null: joining would lock the units too.
   */
  async lockRow(em: EntityManager, id: string): Promise<TicketRow | null> {
    const rows = await em.query('SELECT t.*, NULL AS handling_unit_kind, NULL AS dispatch_target_company_id FROM tickets t WHERE t.id = ? FOR UPDATE', [id]);
    return rows.length ? mapRow(rows[0]) : null;
  }

  /**
   * Locks those of the tickets nobody else holds (FOR UPDATE SKIP LOCKED: never waits, so a batch
   * holding many tickets can't be part of a deadlock) and reads them, in id order (without the unit kinds).
   */
  async lockFreeRows(em: EntityManager, ids: readonly string[]): Promise<TicketRow[]> {
    if (ids.length === 0) return [];
    const rows = await em.query('SELECT t.*, NULL AS handling_unit_kind, NULL AS dispatch_target_company_id FROM tickets t WHERE t.id IN (?) ORDER BY t.id FOR UPDATE SKIP LOCKED', [ids]);
    return rows.map(mapRow);
  }

  async setUrgency(em: EntityManager, id: string, bucket: number, sort: number): Promise<void> {
    await em.query('UPDATE tickets SET urgency_bucket = ?, urgency_sort = ? WHERE id = ?', [bucket, sort, id]);
  }

  /** Tickets' inbox urgency, one statement. */
  async setUrgencies(em: EntityManager, list: readonly { ticketId: string; bucket: number; sort: number }[]): Promise<void> {
    if (list.length === 0) return;
    const derived = list.map((_, i) => (i === 0 ? 'SELECT CAST(? AS UNSIGNED) AS id, ? AS bucket, ? AS sort' : 'SELECT CAST(? AS UNSIGNED), ?, ?')).join(' UNION ALL ');
    await em.query(
      `UPDATE tickets t JOIN (${derived}) v ON t.id = v.id SET t.urgency_bucket = v.bucket, t.urgency_sort = v.sort`,
      list.flatMap((u) => [u.ticketId, u.bucket, u.sort]),
    );
  }

  /** For actions that change no state (comment, progress): the status must still be what the caller saw. */
  async touchIfStatus(em: EntityManager, id: string, status: TicketStatus, at: Date): Promise<boolean> {
    const res = await em.query('UPDATE tickets SET updated_at = ? WHERE id = ? AND status = ?', [at, id, status]);
    return res.affectedRows === 1;
  }

  /** Tickets by id, a page at a time (id, complex, company filed under, category, source): for followers that rebuild what they keep. */
  async subjectsPage(afterId: string, limit: number): Promise<{ id: string; complexId: number; companyId: number | null; categoryCode: string; source: string }[]> {
    const rows = await this.ds.query('SELECT id, complex_id, company_id, category_code, source FROM tickets WHERE id > ? ORDER BY id LIMIT ?', [afterId, limit]);
    return rows.map((r: any) => ({ id: String(r.id), complexId: Number(r.complex_id), companyId: r.company_id === null ? null : Number(r.company_id), categoryCode: r.category_code, source: r.source }));
  }

  /** Tickets of `complexIds` (null: all) filed in [from, to) (under `companyId` when given), newest first, keyset by id. */
  async filedIn(complexIds: readonly number[] | null, from: Date, to: Date, f: { categoryCode?: string; source?: string; companyId?: number; statuses?: TicketStatus[]; beforeId?: string }, limit: number): Promise<TicketRow[]> {
    if (complexIds !== null && complexIds.length === 0) return [];
    const where = ['t.created_at >= ?', 't.created_at < ?'];
    const params: unknown[] = [from, to];
    if (complexIds !== null) { where.push('t.complex_id IN (?)'); params.push(complexIds); }
    if (f.categoryCode) { where.push('t.category_code = ?'); params.push(f.categoryCode); }
    if (f.source) { where.push('t.source = ?'); params.push(f.source); }
    if (f.companyId !== undefined) { where.push('t.company_id = ?'); params.push(f.companyId); }
    if (f.statuses?.length) { where.push('t.status IN (?)'); params.push(f.statuses); }
    if (f.beforeId) { where.push('t.id < ?'); params.push(f.beforeId); }
    params.push(limit);
    return this.named(await this.ds.query(`${SELECT_ROW} WHERE ${where.join(' AND ')} ORDER BY t.id DESC LIMIT ?`, params));
  }

  /** The oldest tickets still with the handling side, among `complexIds` (null: all). */
  async oldestOpen(complexIds: readonly number[] | null, statuses: readonly TicketStatus[], limit: number, companyId?: number): Promise<TicketRow[]> {
    if (complexIds !== null && complexIds.length === 0) return [];
    const where = ['t.status IN (?)'];
    const params: unknown[] = [statuses];
    if (complexIds !== null) { where.push('t.complex_id IN (?)'); params.push(complexIds); }
    if (companyId !== undefined) { where.push('t.company_id = ?'); params.push(companyId); }
    params.push(limit);
    return this.named(await this.ds.query(`${SELECT_ROW} WHERE ${where.join(' AND ')} ORDER BY t.created_at, t.id LIMIT ?`, params));
  }

  /** Open tickets (the lifecycle's HANDLING_STATUSES) assigned to each of the users, by user id; users with none are absent. */
  async openCountsOf(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.ds.query(
      'SELECT assignee_id, COUNT(*) AS n FROM tickets WHERE assignee_id IN (?) AND status IN (?) GROUP BY assignee_id',
      [userIds, HANDLING_STATUSES],
    );
    return new Map(rows.map((r: any) => [String(r.assignee_id), Number(r.n)]));
  }

  /** Tickets of one source (an outside channel's listing), newest first; `ids` are ticket numbers. */
  async findBySource(q: SourceQuery): Promise<TicketRow[]> {
    const where = ['t.source = ?'];
    const params: unknown[] = [q.source];
    if (q.reporterId !== undefined) { where.push('t.reporter_id = ?'); params.push(q.reporterId); }
    if (q.numbers?.length) { where.push('t.number IN (?)'); params.push(q.numbers); }
    if (q.categoryCodes?.length) { where.push('t.category_code IN (?)'); params.push(q.categoryCodes); }
    if (q.statuses?.length) { where.push('t.status IN (?)'); params.push(q.statuses); }
    if (q.from) { where.push('t.created_at >= ?'); params.push(q.from); }
    if (q.to) { where.push('t.created_at <= ?'); params.push(q.to); }
    params.push(q.limit, q.offset);
    return this.named(await this.ds.query(`${SELECT_ROW} WHERE ${where.join(' AND ')} ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?`, params));
  }
}
