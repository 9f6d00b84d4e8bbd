import { readFileSync } from 'node:fs';
import type { Pool, PoolConnection } from 'mysql2/promise';

/** One statement as the BFF sent it (bench-hooks.js trace). */
interface Traced {
  c: number;
  sql: string;
  params: unknown[];
  insertId: number;
}

/** One request's statements, grouped by the connection that sent them (in order), ready to re-issue. */
export interface Recording {
  groups: Traced[][];
  statements: number;
}

export function readTrace(file: string): Recording {
  const all: Traced[] = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const by = new Map<number, Traced[]>();
  for (const t of all) {
    t.params = t.params.map((p: any) => (p && typeof p === 'object' && '$date' in p ? new Date(p.$date) : p));
    by.set(t.c, [...(by.get(t.c) ?? []), t]);
  }
  return { groups: [...by.values()], statements: all.length };
}

/**
 * The second baseline: exactly the statements the BFF sent for one request, re-issued through bare mysql2, each
 * connection's statements in order and the connections side by side, as the BFF ran them. Writes are made
 * repeatable: `unique` rewrites the values that must differ per run (idempotency key, ticket number), and every
 * id the recorded statements got back (insertId ≥ 1000) is replaced in later parameters by the id this run got.
 */
export function replayer(pool: Pool, rec: Recording, unique: (v: unknown, run: number) => unknown = (v) => v): (run: number) => Promise<void> {
  return async (run) => {
    const ids = new Map<number, number>();
    const swap = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(swap);
      if (typeof v === 'number' && ids.has(v)) return ids.get(v);
      if (typeof v === 'string' && /^\d+$/.test(v) && ids.has(Number(v))) return String(ids.get(Number(v)));
      return unique(v, run);
    };
    await Promise.all(rec.groups.map(async (group) => {
      const c: PoolConnection = await pool.getConnection();
      try {
        for (const t of group) {
          const [res] = await c.query<any>(t.sql, t.params.map(swap));
          if (t.insertId >= 1000 && res?.insertId) ids.set(t.insertId, Number(res.insertId));
        }
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    }));
  };
}
