import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { Priority } from '@msb/shared-types';
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

/**
 * The SLA engine's own tables: sla_clocks and sla_escalations (nothing else: tickets, timelines and
 * notices go through their features' services). The service owns the transactions and passes its EntityManager in.
 */
@Injectable()
export class SlaClockRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation ? this.ds.transaction(isolation, work) : this.ds.transaction(work);
  }

  // ---- batch firing (see SlaFiring.fireBatch) ----------------------------------------------

  /** Tickets with a clock due by `now` (rating windows aside: they close the ticket), oldest due first. A hint: no lock. */
  async dueTicketIds(em: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await em.query(
      `SELECT ticket_id FROM sla_clocks WHERE next_wake_at <= ? AND target <> 'RATING' ORDER BY next_wake_at LIMIT ?`,
      [now, limit],
    );
    return rows.map((r: { ticket_id: string | number }) => String(r.ticket_id));
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
