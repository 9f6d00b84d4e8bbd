import { ReadReplica } from '../database/read-replica';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addCounters, column, COUNTERS, DURATIONS, rollupKey, zeroCounters, type Counters, type Duration, type TicketFacts,
} from './domain/ticket-facts';

const COUNTER_COLS = COUNTERS.map(column);
const DURATION_COLS = DURATIONS.map(column);

/** Which roll-up rows a figures query reads: complexes (null = all), filing days [from, to), optional category and source. */
export interface RollupFilter {
  readonly complexIds: readonly number[] | null;
  readonly from: string;
  readonly to: string;
  readonly categoryCode?: string | null;
  readonly source?: string | null;
}

export interface RollupRow {
  readonly complexId: number;
  readonly day: string;
  readonly categoryCode: string;
  readonly source: string;
  readonly counters: Counters;
}

function countersOf(r: Record<string, unknown>): Counters {
  const c = zeroCounters();
  COUNTERS.forEach((k, i) => (c[k] = Number(r[COUNTER_COLS[i]] ?? 0)));
  return c;
}

function factsOf(r: Record<string, any>): TicketFacts {
  return {
    ticketId: String(r.ticket_id), complexId: Number(r.complex_id), day: r.d, categoryCode: r.category_code, source: r.source,
    counters: countersOf(r),
    durations: Object.fromEntries(DURATIONS.map((k, i) => [k, r[DURATION_COLS[i]] === null ? null : Number(r[DURATION_COLS[i]])])) as TicketFacts['durations'],
    lastEventId: String(r.last_event_id),
  };
}

function where(f: RollupFilter, params: unknown[]): string {
  const w = ['day >= ?', 'day < ?'];
  params.push(f.from, f.to);
  if (f.complexIds !== null) {
    if (f.complexIds.length === 0) return '1=0';
    w.push('complex_id IN (?)');
    params.push(f.complexIds);
  }
  if (f.categoryCode) { w.push('category_code = ?'); params.push(f.categoryCode); }
  if (f.source) { w.push('source = ?'); params.push(f.source); }
  return w.join(' AND ');
}

/** The figures tables (figure_ticket_facts, figure_rollups, figure_watermarks): read and written only here. */
@Injectable()
export class FiguresRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly reads: ReadReplica) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /**
   * A ticket's stored facts. Every writer holds the ticket's row lock first (ticket actions, followers),
   * which serialises them; a locking read here would add a gap lock for new tickets, and two filings
   * holding the same gap deadlock on their inserts.
   */
  async factsOf(em: EntityManager, ticketId: string): Promise<TicketFacts | null> {
    const rows = await em.query(`SELECT *, DATE_FORMAT(day, '%Y-%m-%d') AS d FROM figure_ticket_facts WHERE ticket_id = ?`, [ticketId]);
    return rows.length ? factsOf(rows[0]) : null;
  }

  async saveFacts(em: EntityManager, f: TicketFacts): Promise<void> {
    const cols = ['ticket_id', 'complex_id', 'day', 'category_code', 'source', ...COUNTER_COLS, ...DURATION_COLS, 'last_event_id'];
    const values = [f.ticketId, f.complexId, f.day, f.categoryCode, f.source, ...COUNTERS.map((k) => f.counters[k]), ...DURATIONS.map((k) => f.durations[k as Duration]), f.lastEventId];
    await em.query(
      `INSERT INTO figure_ticket_facts (${cols.join(', ')}) VALUES (?)
       ON DUPLICATE KEY UPDATE ${cols.slice(1).map((c) => `${c} = VALUES(${c})`).join(', ')}`,
      [values],
    );
  }

  /** Adds `sign × counters` to one roll-up row (creating it at zero first). */
  async addToRollup(em: EntityManager, key: Pick<TicketFacts, 'complexId' | 'day' | 'categoryCode' | 'source'>, counters: Counters, sign: 1 | -1): Promise<void> {
    const values = [key.complexId, key.day, key.categoryCode, key.source, ...COUNTERS.map((k) => sign * counters[k])];
    await em.query(
      `INSERT INTO figure_rollups (complex_id, day, category_code, source, ${COUNTER_COLS.join(', ')}) VALUES (?)
       ON DUPLICATE KEY UPDATE ${COUNTER_COLS.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`,
      [values],
    );
  }

  /** Summed counters over the filter, grouped by nothing, 'category' or 'source'. */
  async sums(f: RollupFilter, groupBy?: 'category_code' | 'source' | 'complex_id'): Promise<{ group: string | null; counters: Counters }[]> {
    const params: unknown[] = [];
    const w = where(f, params);
    const select = COUNTER_COLS.map((c) => `SUM(${c}) AS ${c}`).join(', ');
    const sql = groupBy
      ? `SELECT ${groupBy} AS g, ${select} FROM figure_rollups WHERE ${w} GROUP BY ${groupBy}`
      : `SELECT NULL AS g, ${select} FROM figure_rollups WHERE ${w}`;
    // Figures may be a moment behind: a read replica when there is one (DB_REPLICAS).
    const rows = await this.reads.query(sql, params);
    return rows.map((r: any) => ({ group: r.g === null ? null : String(r.g), counters: countersOf(r) }));
  }

  /** Per-ticket durations over the filter (for medians and p90), nulls left out. */
  async durations(f: RollupFilter, d: Duration): Promise<number[]> {
    const params: unknown[] = [];
    const w = where(f, params);
    const col = column(d);
    const rows = await this.reads.query(`SELECT ${col} AS v FROM figure_ticket_facts WHERE ${w} AND ${col} IS NOT NULL`, params);
    return rows.map((r: { v: string | number }) => Number(r.v));
  }

  /** Every roll-up row (for the check). */
  async allRollups(): Promise<RollupRow[]> {
    const rows = await this.ds.query(`SELECT *, DATE_FORMAT(day, '%Y-%m-%d') AS d FROM figure_rollups`);
    return rows.map((r: any) => ({ complexId: Number(r.complex_id), day: r.d, categoryCode: r.category_code, source: r.source, counters: countersOf(r) }));
  }

  async factsPage(afterId: string, limit: number): Promise<TicketFacts[]> {
    const rows = await this.ds.query(`SELECT *, DATE_FORMAT(day, '%Y-%m-%d') AS d FROM figure_ticket_facts WHERE ticket_id > ? ORDER BY ticket_id LIMIT ?`, [afterId, limit]);
    return rows.map(factsOf);
  }

  async watermark(name: string): Promise<string> {
    const rows = await this.ds.query('SELECT event_id FROM figure_watermarks WHERE name = ?', [name]);
    return rows.length ? String(rows[0].event_id) : '0';
  }

  async setWatermark(name: string, eventId: string, at: Date): Promise<void> {
    await this.ds.query(
      'INSERT INTO figure_watermarks (name, event_id, updated_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE event_id = GREATEST(event_id, VALUES(event_id)), updated_at = VALUES(updated_at)',
      [name, eventId, at],
    );
  }
}

/** Sums facts into roll-up rows, keyed like the table (for the check). */
export function rollupsFromFacts(facts: Iterable<TicketFacts>): Map<string, Counters> {
  const m = new Map<string, Counters>();
  for (const f of facts) {
    const k = rollupKey(f);
    addCounters(m.get(k) ?? m.set(k, zeroCounters()).get(k)!, f.counters);
  }
  return m;
}
