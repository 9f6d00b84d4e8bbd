import { ReadReplica } from '../database/read-replica';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addHistograms, emptyHistograms, histogramColumns, HISTOGRAM_COLUMNS, histogramsOf, pack, unpack, type Histograms,
} from './domain/duration-histogram';
import {
  addCounters, column, COUNTERS, DURATIONS, rollupKey, zeroCounters, type Counters, type Duration, type RollupKey, type TicketFacts,
} from './domain/ticket-facts';

const COUNTER_COLS = COUNTERS.map(column);
const DURATION_COLS = DURATIONS.map(column);
const GROUPS = { category_code: 'category_code', source: 'source', complex_id: 'complex_id', company_id: 'company_id', month: "DATE_FORMAT(day, '%Y-%m')" } as const;
type Group = keyof typeof GROUPS;
const KEY_COLS = ['complex_id', 'day', 'category_code', 'source', 'company_id'];

/** Which roll-up rows a figures query reads: complexes (null = all), filing days [from, to), optional category and source. */
export interface RollupFilter {
  readonly complexIds: readonly number[] | null;
  readonly from: string;
  readonly to: string;
  readonly categoryCode?: string | null;
  readonly source?: string | null;
  /** Only tickets filed under this property company. */
  readonly companyId?: number | null;
}

/** What a roll-up row holds (or a change adds to it). */
export interface RollupValues {
  readonly counters: Counters;
  readonly hist: Histograms;
}

export interface RollupRow extends RollupKey, RollupValues {}

export interface Sum extends RollupValues {
  readonly group: string | null;
}

/** One ticket's contribution to its roll-up row. */
export function contributionOf(f: TicketFacts): RollupValues {
  return { counters: { ...f.counters }, hist: histogramsOf(f.durations) };
}

function histOf(r: Record<string, unknown>): Histograms {
  const h = emptyHistograms();
  for (const d of DURATIONS) h[d] = unpack(histogramColumns(d).map((c) => r[c] as string | null));
  return h;
}

function countersOf(r: Record<string, unknown>): Counters {
  const c = zeroCounters();
  COUNTERS.forEach((k, i) => (c[k] = Number(r[COUNTER_COLS[i]] ?? 0)));
  return c;
}

function factsOf(r: Record<string, any>): TicketFacts {
  return {
    ticketId: String(r.ticket_id), complexId: Number(r.complex_id), companyId: Number(r.company_id), day: r.d, categoryCode: r.category_code, source: r.source,
    counters: countersOf(r),
    durations: Object.fromEntries(DURATIONS.map((k, i) => [k, r[DURATION_COLS[i]] === null ? null : Number(r[DURATION_COLS[i]])])) as TicketFacts['durations'],
    lastEventId: String(r.last_event_id),
  };
}

function where(f: Omit<RollupFilter, 'from' | 'to'> & { from?: string; to?: string }, params: unknown[]): string {
  const w: string[] = [];
  if (f.from !== undefined && f.to !== undefined) {
    w.push('day >= ?', 'day < ?');
    params.push(f.from, f.to);
  }
  if (f.complexIds !== null) {
    if (f.complexIds.length === 0) return '1=0';
    w.push('complex_id IN (?)');
    params.push(f.complexIds);
  }
  if (f.categoryCode) { w.push('category_code = ?'); params.push(f.categoryCode); }
  if (f.source) { w.push('source = ?'); params.push(f.source); }
  if (f.companyId != null) { w.push('company_id = ?'); params.push(f.companyId); }
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
    const cols = ['ticket_id', 'complex_id', 'company_id', 'day', 'category_code', 'source', ...COUNTER_COLS, ...DURATION_COLS, 'last_event_id'];
    const values = [f.ticketId, f.complexId, f.companyId, f.day, f.categoryCode, f.source, ...COUNTERS.map((k) => f.counters[k]), ...DURATIONS.map((k) => f.durations[k as Duration]), f.lastEventId];
    await em.query(
      `INSERT INTO figure_ticket_facts (${cols.join(', ')}) VALUES (?)
       ON DUPLICATE KEY UPDATE ${cols.slice(1).map((c) => `${c} = VALUES(${c})`).join(', ')}`,
      [values],
    );
  }

  /** Adds `v` (a contribution or a difference of two) to one roll-up row, creating it at zero first; and its open count to the backlog. */
  async addToRollup(em: EntityManager, key: RollupKey, v: RollupValues): Promise<void> {
    const k = [key.complexId, key.day, key.categoryCode, key.source, key.companyId];
    const hist = DURATIONS.flatMap((d) => pack(v.hist[d]));
    const cols = [...COUNTER_COLS, ...HISTOGRAM_COLUMNS];
    await em.query(
      `INSERT INTO figure_rollups (${KEY_COLS.join(', ')}, ${cols.join(', ')}) VALUES (?)
       ON DUPLICATE KEY UPDATE ${cols.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`,
      [[...k, ...COUNTERS.map((c) => v.counters[c]), ...hist]],
    );
    if (v.counters.open !== 0) {
      await em.query(
        `INSERT INTO figure_backlog (complex_id, category_code, source, company_id, open) VALUES (?)
         ON DUPLICATE KEY UPDATE open = open + VALUES(open)`,
        [[key.complexId, key.categoryCode, key.source, key.companyId, v.counters.open]],
      );
    }
  }

  /**
   * Summed counters over the filter, grouped by nothing or by columns (the group is their values joined by '|');
   * with `withHist` the summed duration histograms too.
   */
  async sums(f: RollupFilter, groupBy: readonly Group[] = [], withHist = false): Promise<Sum[]> {
    const params: unknown[] = [];
    const w = where(f, params);
    const g = groupBy.map((x) => GROUPS[x]);
    const select = [...COUNTER_COLS.map((c) => `SUM(${c}) AS ${c}`), ...(withHist ? HISTOGRAM_COLUMNS.map((c) => `CAST(SUM(${c}) AS CHAR) AS ${c}`) : [])].join(', ');
    const sql = groupBy.length
      ? `SELECT CONCAT_WS('|', ${g.join(', ')}) AS g, ${select} FROM figure_rollups WHERE ${w} GROUP BY ${g.join(', ')}`
      : `SELECT NULL AS g, ${select} FROM figure_rollups WHERE ${w}`;
    // Figures may be a moment behind: a read replica when there is one (DB_REPLICAS).
    const rows = await this.reads.query(sql, params);
    return rows.map((r: any) => ({ group: r.g === null ? null : String(r.g), counters: countersOf(r), hist: withHist ? histOf(r) : emptyHistograms() }));
  }

  /** Tickets still with the handling side now, whenever filed (the backlog table; days do not matter). */
  async backlog(f: Omit<RollupFilter, 'from' | 'to'>): Promise<number> {
    const params: unknown[] = [];
    const w = where(f, params) || '1=1';
    const [r] = await this.reads.query(`SELECT COALESCE(SUM(open), 0) AS n FROM figure_backlog WHERE ${w}`, params);
    return Number(r.n);
  }

  /** Per company, the complexes that have tickets filed under it (its history, whichever company runs them now). */
  async companyHistory(): Promise<Map<number, number[]>> {
    const rows = await this.reads.query('SELECT DISTINCT company_id AS co, complex_id AS id FROM figure_rollups WHERE company_id <> 0');
    const m = new Map<number, number[]>();
    for (const r of rows) (m.get(Number(r.co)) ?? m.set(Number(r.co), []).get(Number(r.co))!).push(Number(r.id));
    return m;
  }

  /** Per-ticket durations over the filter (exact medians and p90 of small sets; the check), nulls left out. */
  async durations(f: RollupFilter, d: Duration): Promise<number[]> {
    const params: unknown[] = [];
    const w = where(f, params);
    const col = column(d);
    const rows = await this.reads.query(`SELECT ${col} AS v FROM figure_ticket_facts WHERE ${w} AND ${col} IS NOT NULL`, params);
    return rows.map((r: { v: string | number }) => Number(r.v));
  }

  /** Every roll-up row (for the check). */
  async allRollups(): Promise<RollupRow[]> {
    const rows = await this.ds.query(`SELECT *, ${HISTOGRAM_COLUMNS.map((c) => `CAST(${c} AS CHAR) AS ${c}`).join(', ')}, DATE_FORMAT(day, '%Y-%m-%d') AS d FROM figure_rollups`);
    return rows.map((r: any) => ({ complexId: Number(r.complex_id), companyId: Number(r.company_id), day: r.d, categoryCode: r.category_code, source: r.source, counters: countersOf(r), hist: histOf(r) }));
  }

  /** Every backlog row, keyed like `backlogKey` (for the check). */
  async allBacklog(): Promise<Map<string, number>> {
    const rows = await this.ds.query('SELECT * FROM figure_backlog');
    return new Map(rows.map((r: any) => [backlogKey({ complexId: Number(r.complex_id), categoryCode: r.category_code, source: r.source, companyId: Number(r.company_id) }), Number(r.open)]));
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

export function backlogKey(k: Pick<RollupKey, 'complexId' | 'categoryCode' | 'source' | 'companyId'>): string {
  return `${k.complexId}|${k.categoryCode}|${k.source}|${k.companyId}`;
}

/** Sums facts into roll-up rows and backlog counts, keyed like the tables (for the check). */
export function rollupsFromFacts(facts: Iterable<TicketFacts>): { rollups: Map<string, RollupValues>; backlog: Map<string, number> } {
  const rollups = new Map<string, RollupValues>();
  const backlog = new Map<string, number>();
  for (const f of facts) {
    const k = rollupKey(f);
    const r = rollups.get(k) ?? rollups.set(k, { counters: zeroCounters(), hist: emptyHistograms() }).get(k)!;
    const c = contributionOf(f);
    addCounters(r.counters, c.counters);
    addHistograms(r.hist, c.hist);
    if (f.counters.open) backlog.set(backlogKey(f), (backlog.get(backlogKey(f)) ?? 0) + f.counters.open);
  }
  return { rollups, backlog };
}
