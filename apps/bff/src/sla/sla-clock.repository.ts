import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { Role, type Priority, type TicketStatus } from '@msb/shared-types';
import { ClockState, EscalationLevel, type SlaClock, type SlaTarget } from './domain';

/** A clock as stored: the domain clock plus what the engine keeps beside it. */
export interface ClockRow {
  readonly id: string | null;
  readonly ticketId: string;
  readonly clock: SlaClock;
  /** The subject the terms were matched on; a ticket whose category or priority changed is recalculated. */
  readonly categoryCode: string;
  readonly priority: Priority;
  /** Escalation steps taken in the current cycle. */
  readonly escalationSteps: number;
  /** The next instant something is due (warning, breach, escalation step); null when nothing is pending. */
  readonly nextWakeAt: Date | null;
}

export interface PendingWake {
  readonly id: string;
  readonly ticketId: string;
  readonly target: SlaTarget;
  readonly version: number;
  readonly nextWakeAt: Date;
}

export interface NewNotification {
  readonly userId: string;
  readonly ticketId: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: Date;
}

/** Whom a ticket's escalation reaches: the people around one ticket. */
export interface TicketParties {
  readonly assigneeId: string | null;
  readonly complexId: number;
  readonly companyId: number | null;
  readonly communityId: number;
  readonly handlingUnitId: number | null;
  readonly dispatchTargetUnitId: number | null;
}

/** What the engine needs of a ticket to fire its clocks: who is concerned, and what the timeline says. */
export interface SlaTicket extends TicketParties {
  readonly id: string;
  readonly number: string;
  readonly status: TicketStatus;
}

/** A system note on a ticket's timeline (SLA warning, breach, escalation). */
export interface NewSystemEvent {
  readonly ticketId: string;
  readonly status: TicketStatus;
  readonly kind: string;
  readonly note: string;
  readonly data: Record<string, unknown>;
  /** When it was due (the timeline's date). */
  readonly at: Date;
  /** When it was applied (written); its distance from `at` is the lateness. */
  readonly appliedAt: Date;
}

export interface NewEscalation {
  readonly ticketId: string;
  readonly target: SlaTarget;
  readonly cycle: number;
  readonly step: number;
  readonly level: EscalationLevel;
  readonly dueAt: Date;
  readonly appliedAt: Date;
  readonly recipients: number;
}

export const escalationKey = (e: { ticketId: string; target: SlaTarget; cycle: number; step: number }) => `${e.ticketId}|${e.target}|${e.cycle}|${e.step}`;

const d = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

function mapRow(r: Record<string, any>): ClockRow {
  const clock: SlaClock = {
    target: r.target,
    state: r.state as ClockState,
    warned: Boolean(r.warned),
    terms: { minutes: Number(r.minutes), calendar: r.calendar, warnShare: r.warn_share === null ? null : Number(r.warn_share), policyId: r.policy_id, policyVersion: r.policy_version === null ? null : Number(r.policy_version) },
    startedAt: new Date(r.started_at),
    cycle: Number(r.cycle),
    usedMs: Number(r.used_ms),
    runningSince: d(r.running_since),
    pausedAt: d(r.paused_at),
    pausedTotalMs: Number(r.paused_total_ms),
    dueAt: d(r.due_at),
    warnAt: d(r.warn_at),
    breachedAt: d(r.breached_at),
    stoppedAt: d(r.stopped_at),
    version: Number(r.version),
  };
  return {
    id: String(r.id), ticketId: String(r.ticket_id), clock, categoryCode: r.category_code, priority: r.priority,
    escalationSteps: Number(r.escalation_steps), nextWakeAt: d(r.next_wake_at),
  };
}

function values(row: ClockRow, at: Date): unknown[] {
  const c = row.clock;
  return [
    c.state, c.warned ? 1 : 0, c.terms.policyId, c.terms.policyVersion, c.terms.minutes, c.terms.calendar, c.terms.warnShare,
    row.categoryCode, row.priority, c.cycle, c.startedAt, c.usedMs, c.runningSince, c.pausedAt, c.pausedTotalMs, c.dueAt, c.warnAt,
    c.breachedAt, c.stoppedAt, row.escalationSteps, row.nextWakeAt, c.version, at,
  ];
}

const COLUMNS = `state, warned, policy_id, policy_version, minutes, calendar, warn_share, category_code, priority, cycle, started_at,
  used_ms, running_since, paused_at, paused_total_ms, due_at, warn_at, breached_at, stopped_at, escalation_steps, next_wake_at, version, updated_at`;

/** Clock rows, escalation steps and notifications. The service owns the transactions and passes its EntityManager in. */
@Injectable()
export class SlaClockRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation ? this.ds.transaction(isolation, work) : this.ds.transaction(work);
  }

  // ---- batch firing (see SlaService.fireBatch) ----------------------------------------------

  /** Tickets with a clock due by `now` (rating windows aside: they close the ticket), oldest due first. A hint: no lock. */
  async dueTicketIds(em: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await em.query(
      `SELECT ticket_id FROM sla_clocks WHERE next_wake_at <= ? AND target <> 'RATING' ORDER BY next_wake_at LIMIT ?`,
      [now, limit],
    );
    return rows.map((r: { ticket_id: string | number }) => String(r.ticket_id));
  }

  /**
   * Locks those of the tickets nobody else holds (FOR UPDATE SKIP LOCKED: never waits, so a batch
   * holding many tickets can't be part of a deadlock) and returns them.
   */
  async lockFreeTickets(em: EntityManager, ids: readonly string[]): Promise<SlaTicket[]> {
    if (ids.length === 0) return [];
    const rows = await em.query(
      `SELECT id, number, status, assignee_id, complex_id, company_id, community_id, handling_unit_id, dispatch_target_unit_id
       FROM tickets WHERE id IN (?) ORDER BY id FOR UPDATE SKIP LOCKED`,
      [ids],
    );
    return rows.map((r: Record<string, any>) => ({
      id: String(r.id), number: r.number, status: r.status, assigneeId: r.assignee_id === null ? null : String(r.assignee_id),
      complexId: r.complex_id, companyId: r.company_id, communityId: r.community_id, handlingUnitId: r.handling_unit_id,
      dispatchTargetUnitId: r.dispatch_target_unit_id,
    }));
  }

  /** The clocks of tickets the caller holds locked, FOR UPDATE. */
  async forTicketsLocked(em: EntityManager, ticketIds: readonly string[]): Promise<ClockRow[]> {
    if (ticketIds.length === 0) return [];
    return (await em.query('SELECT * FROM sla_clocks WHERE ticket_id IN (?) ORDER BY id FOR UPDATE', [ticketIds])).map(mapRow);
  }

  /** A clock's version and next wake-up, nothing else: the cheap check a wake-up makes before any transaction. */
  async head(ticketId: string, target: SlaTarget): Promise<{ version: number; nextWakeAt: Date | null } | null> {
    const rows = await this.ds.query('SELECT version, next_wake_at FROM sla_clocks WHERE ticket_id = ? AND target = ?', [ticketId, target]);
    return rows.length ? { version: Number(rows[0].version), nextWakeAt: d(rows[0].next_wake_at) } : null;
  }

  /**
   * Compare-and-set on many clocks in one statement (each row only if its version is still the expected
   * one). Returns how many were written.
   */
  async updateManyIfVersion(em: EntityManager, list: readonly { row: ClockRow; expectedVersion: number }[], at: Date): Promise<number> {
    if (list.length === 0) return 0;
    const cols = COLUMNS.split(',').map((c) => c.trim());
    const first = `SELECT CAST(? AS UNSIGNED) AS id, ? AS expected, ${cols.map((c) => `? AS ${c}`).join(', ')}`;
    const rest = `SELECT CAST(? AS UNSIGNED), ?, ${cols.map(() => '?').join(', ')}`;
    const params: unknown[] = [];
    list.forEach(({ row, expectedVersion }) => params.push(row.id, expectedVersion, ...values(row, at)));
    const res = await em.query(
      `UPDATE sla_clocks c JOIN (${[first, ...Array(list.length - 1).fill(rest)].join(' UNION ALL ')}) v ON c.id = v.id AND c.version = v.expected
       SET ${cols.map((col) => `c.${col} = v.${col}`).join(', ')}`,
      params,
    );
    return res.affectedRows;
  }

  /** Escalation steps already recorded for these tickets (keys, see escalationKey). */
  async escalationsOf(em: EntityManager, ticketIds: readonly string[]): Promise<Set<string>> {
    if (ticketIds.length === 0) return new Set();
    const rows = await em.query('SELECT ticket_id, target, cycle, step FROM sla_escalations WHERE ticket_id IN (?)', [ticketIds]);
    return new Set(rows.map((r: any) => escalationKey({ ticketId: String(r.ticket_id), target: r.target, cycle: Number(r.cycle), step: Number(r.step) })));
  }

  /** Records escalation steps; returns how many were new (the unique key ignores one that already happened). */
  async insertEscalations(em: EntityManager, list: readonly NewEscalation[]): Promise<number> {
    if (list.length === 0) return 0;
    const res = await em.query(
      'INSERT IGNORE INTO sla_escalations (ticket_id, target, cycle, step, level, due_at, applied_at, recipients) VALUES ?',
      [list.map((e) => [e.ticketId, e.target, e.cycle, e.step, e.level, e.dueAt, e.appliedAt, e.recipients])],
    );
    return res.affectedRows;
  }

  /** System notes on ticket timelines, one statement (the same rows TicketsService.appendSystemEvent writes one by one). */
  async insertSystemEvents(em: EntityManager, list: readonly NewSystemEvent[]): Promise<void> {
    if (list.length === 0) return;
    await em.query(
      'INSERT INTO ticket_events (ticket_id, actor_id, actor_role, action, from_status, to_status, note, data, created_at, applied_at) VALUES ?',
      [list.map((e) => [e.ticketId, null, 'SYSTEM', e.kind, e.status, e.status, e.note, JSON.stringify(e.data), e.at, e.appliedAt])],
    );
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

  /** A ticket's clocks; `lock` takes them FOR UPDATE (after the ticket row, the order every writer keeps). */
  async forTicket(em: EntityManager, ticketId: string, lock: boolean): Promise<ClockRow[]> {
    const rows = await em.query(`SELECT * FROM sla_clocks WHERE ticket_id = ? ORDER BY id${lock ? ' FOR UPDATE' : ''}`, [ticketId]);
    return rows.map(mapRow);
  }

  async forTickets(ticketIds: readonly string[]): Promise<ClockRow[]> {
    if (ticketIds.length === 0) return [];
    return (await this.ds.query('SELECT * FROM sla_clocks WHERE ticket_id IN (?) ORDER BY id', [ticketIds])).map(mapRow);
  }

  async find(ticketId: string, target: SlaTarget): Promise<ClockRow | null> {
    const rows = await this.ds.query('SELECT * FROM sla_clocks WHERE ticket_id = ? AND target = ?', [ticketId, target]);
    return rows.length ? mapRow(rows[0]) : null;
  }

  async insert(em: EntityManager, row: ClockRow, at: Date): Promise<string> {
    const res = await em.query(
      `INSERT INTO sla_clocks (ticket_id, target, ${COLUMNS}) VALUES (?, ?, ${Array(23).fill('?').join(', ')})`,
      [row.ticketId, row.clock.target, ...values(row, at)],
    );
    return String(res.insertId);
  }

  /** Compare-and-set on the clock version. */
  async updateIfVersion(em: EntityManager, row: ClockRow, expectedVersion: number, at: Date): Promise<boolean> {
    const sets = COLUMNS.split(',').map((c) => `${c.trim()} = ?`).join(', ');
    const res = await em.query(`UPDATE sla_clocks SET ${sets} WHERE id = ? AND version = ?`, [...values(row, at), row.id, expectedVersion]);
    return res.affectedRows === 1;
  }

  /** Records that an escalation step happened; false when it already had (the unique key). */
  async insertEscalation(
    em: EntityManager,
    e: { ticketId: string; target: SlaTarget; cycle: number; step: number; level: EscalationLevel; dueAt: Date; appliedAt: Date; recipients: number },
  ): Promise<boolean> {
    const res = await em.query(
      `INSERT IGNORE INTO sla_escalations (ticket_id, target, cycle, step, level, due_at, applied_at, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.ticketId, e.target, e.cycle, e.step, e.level, e.dueAt, e.appliedAt, e.recipients],
    );
    return res.affectedRows === 1;
  }

  async insertNotifications(em: EntityManager, list: readonly NewNotification[]): Promise<void> {
    if (list.length === 0) return;
    await em.query(
      'INSERT INTO notifications (user_id, ticket_id, kind, title, body, created_at) VALUES ?',
      [list.map((n) => [n.userId, n.ticketId, n.kind, n.title.slice(0, 128), n.body.slice(0, 500), n.createdAt])],
    );
  }

  /**
   * The people an escalation level reaches on a ticket: HANDLER the assignee (or, with nobody assigned,
   * the members of the receiving or handling unit, else the staff of the complex); PROJECT_MANAGER the
   * managers of the complex; COMPANY all managers of the company; COMMUNITY the mediators of the
   * community; STREET the oversight viewers of the community's street.
   */
  async recipients(level: EscalationLevel, t: TicketParties, em: EntityManager = this.ds.manager): Promise<string[]> {
    const ids = async (sql: string, params: unknown[]) => (await em.query(sql, params)).map((r: { user_id: string | number }) => String(r.user_id));
    switch (level) {
      case EscalationLevel.HANDLER: {
        if (t.assigneeId) return [t.assigneeId];
        const unit = t.dispatchTargetUnitId ?? t.handlingUnitId;
        if (unit !== null) {
          const members = await ids('SELECT DISTINCT user_id FROM role_assignments WHERE unit_id = ?', [unit]);
          if (members.length) return members;
        }
        return ids('SELECT DISTINCT user_id FROM role_assignments WHERE complex_id = ? AND role = ?', [t.complexId, Role.STAFF]);
      }
      case EscalationLevel.PROJECT_MANAGER:
        return ids('SELECT DISTINCT user_id FROM role_assignments WHERE complex_id = ? AND role = ?', [t.complexId, Role.PROJECT_MANAGER]);
      case EscalationLevel.COMPANY:
        if (t.companyId === null) return [];
        return ids('SELECT DISTINCT user_id FROM role_assignments WHERE company_id = ? AND role = ?', [t.companyId, Role.PROJECT_MANAGER]);
      case EscalationLevel.COMMUNITY:
        return ids('SELECT DISTINCT user_id FROM role_assignments WHERE area_id = ? AND role = ?', [t.communityId, Role.MEDIATOR]);
      case EscalationLevel.STREET:
        return ids(
          'SELECT DISTINCT r.user_id FROM areas c JOIN role_assignments r ON r.area_id = c.parent_id AND r.role = ? WHERE c.id = ?',
          [Role.OVERSIGHT, t.communityId],
        );
    }
  }

  /** Clocks with a wake-up at or before `until` (null: all), keyset by id, for the reconciler. */
  async pendingWakes(until: Date | null, afterId: string, limit: number): Promise<PendingWake[]> {
    const rows = await this.ds.query(
      `SELECT id, ticket_id, target, version, next_wake_at FROM sla_clocks
       WHERE next_wake_at IS NOT NULL ${until ? 'AND next_wake_at <= ?' : ''} AND id > ? ORDER BY id LIMIT ?`,
      until ? [until, afterId, limit] : [afterId, limit],
    );
    return rows.map((r: any) => ({ id: String(r.id), ticketId: String(r.ticket_id), target: r.target, version: Number(r.version), nextWakeAt: new Date(r.next_wake_at) }));
  }

  /** Wake-ups overdue by more than the grace: nobody got to them. Oldest first. */
  async overdue(before: Date, limit: number): Promise<PendingWake[]> {
    const rows = await this.ds.query(
      'SELECT id, ticket_id, target, version, next_wake_at FROM sla_clocks WHERE next_wake_at <= ? ORDER BY next_wake_at LIMIT ?',
      [before, limit],
    );
    return rows.map((r: any) => ({ id: String(r.id), ticketId: String(r.ticket_id), target: r.target, version: Number(r.version), nextWakeAt: new Date(r.next_wake_at) }));
  }
}
