import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role, TicketAction, TicketStatus } from '@msb/shared-types';
import { TicketEventEntity } from './ticket.entities';
import type { SystemNote } from './ticket-row';

export interface NewEvent {
  ticketId: string;
  actorId: string | null;
  actorRole: Role | 'SYSTEM';
  action: TicketAction | string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  note: string | null;
  data: Record<string, unknown> | null;
  createdAt: Date;
}

/** A timeline event as followers read it. */
export interface TimelineEvent {
  id: string;
  action: string;
  toStatus: TicketStatus;
  data: Record<string, unknown> | null;
  createdAt: Date;
}

function mapEvent(r: Record<string, any>): TimelineEvent {
  const data = r.data === null || r.data === undefined ? null : typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
  return { id: String(r.id), action: r.action, toStatus: r.to_status, data, createdAt: r.created_at };
}

/** The append-only timeline (`ticket_events`): appended in the ticket's transaction, read by timelines and followers. */
@Injectable()
export class TicketEventsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async appendEvent(em: EntityManager, e: NewEvent): Promise<string> {
    const res = await em.query(
      'INSERT INTO ticket_events (ticket_id, actor_id, actor_role, action, from_status, to_status, note, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [e.ticketId, e.actorId, e.actorRole, e.action, e.fromStatus, e.toStatus, e.note, e.data === null ? null : JSON.stringify(e.data), e.createdAt],
    );
    return String(res.insertId);
  }

  /** System notes on timelines (SLA warnings, breaches, escalations), one statement; dated when due, with when applied. */
  async appendSystemNotes(em: EntityManager, list: readonly SystemNote[]): Promise<void> {
    if (list.length === 0) return;
    await em.query(
      'INSERT INTO ticket_events (ticket_id, actor_id, actor_role, action, from_status, to_status, note, data, created_at, applied_at) VALUES ?',
      [list.map((e) => [e.ticketId, null, 'SYSTEM', e.kind, e.status, e.status, e.note, JSON.stringify(e.data), e.at, e.appliedAt])],
    );
  }

  async eventsOf(ticketIds: readonly string[]): Promise<TicketEventEntity[]> {
    if (ticketIds.length === 0) return [];
    return this.ds.getRepository(TicketEventEntity).createQueryBuilder('e').where('e.ticket_id IN (:...ids)', { ids: ticketIds }).orderBy('e.id', 'ASC').getMany();
  }

  /** Who last took an action on a ticket (e.g. who dispatched it), or null. */
  async lastActor(ticketId: string, action: string): Promise<string | null> {
    const [r] = await this.ds.query('SELECT actor_id FROM ticket_events WHERE ticket_id = ? AND action = ? ORDER BY id DESC LIMIT 1', [ticketId, action]);
    return r?.actor_id == null ? null : String(r.actor_id);
  }

  /** How many times an action was taken on a ticket; inside `em` after its row lock, a count no one can add to meanwhile. */
  async countEvents(ticketId: string, action: string, em?: EntityManager): Promise<number> {
    const [r] = await (em ?? this.ds).query('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = ?', [ticketId, action]);
    return Number(r.n);
  }

  /** One ticket's timeline in order, inside `em` (a follower reads the events its transaction can see). */
  async timelineIn(em: EntityManager, ticketId: string): Promise<TimelineEvent[]> {
    const rows = await em.query('SELECT id, action, to_status, data, created_at FROM ticket_events WHERE ticket_id = ? ORDER BY id', [ticketId]);
    return rows.map(mapEvent);
  }

  /** Timelines of many tickets, in order. */
  async timelinesOf(ticketIds: readonly string[]): Promise<Map<string, TimelineEvent[]>> {
    const m = new Map<string, TimelineEvent[]>(ticketIds.map((id) => [id, []]));
    if (ticketIds.length === 0) return m;
    const rows = await this.ds.query('SELECT id, ticket_id, action, to_status, data, created_at FROM ticket_events WHERE ticket_id IN (?) ORDER BY id', [ticketIds]);
    for (const r of rows) m.get(String(r.ticket_id))?.push(mapEvent(r));
    return m;
  }

  /** Tickets with events after `eventId` (up to `limit` events), and the last event id read. */
  async changedAfter(eventId: string, limit: number): Promise<{ ticketIds: string[]; lastEventId: string }> {
    const rows = await this.ds.query('SELECT id, ticket_id FROM ticket_events WHERE id > ? ORDER BY id LIMIT ?', [eventId, limit]);
    return { ticketIds: [...new Set<string>(rows.map((r: any) => String(r.ticket_id)))], lastEventId: rows.length ? String(rows[rows.length - 1].id) : eventId };
  }

  /** Timeline events of one source's tickets in [from, to], oldest first, with the ticket's number. */
  async eventsBySource(source: string, actions: readonly string[], from: Date, to: Date, limit: number): Promise<(TicketEventEntity & { ticketNumber: string })[]> {
    const rows = await this.ds.query(
      `SELECT e.*, t.number AS ticket_number FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE t.source = ? AND e.action IN (?) AND e.created_at >= ? AND e.created_at <= ? ORDER BY e.id LIMIT ?`,
      [source, actions, from, to, limit],
    );
    return rows.map((r: any) => ({
      id: String(r.id), ticketId: String(r.ticket_id), actorId: r.actor_id === null ? null : String(r.actor_id), actorRole: r.actor_role,
      action: r.action, fromStatus: r.from_status, toStatus: r.to_status, note: r.note,
      data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data, createdAt: r.created_at, ticketNumber: r.ticket_number,
    }));
  }
}
