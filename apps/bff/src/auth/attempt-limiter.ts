import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface Hit {
  /** Hits in the current window, this one included. */
  readonly hits: number;
  readonly windowEnds: Date;
}

/**
 * Fixed-window attempt counters in MySQL (the auth_attempts table, auth's own). `hit` counts one
 * attempt *before* the caller checks anything, in one statement, so N parallel attempts get the
 * counts 1…N and at most the allowed number go on to be checked. MySQL rather than Redis: the limits
 * hold while Redis is down.
 */
@Injectable()
export class AttemptLimiter {
  private sinceSweep = 0;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async hit(bucket: string, windowMs: number, now: Date): Promise<Hit> {
    const ends = new Date(+now + windowMs);
    // LAST_INSERT_ID(expr) hands the row's new count back in this statement's answer.
    const r = await this.ds.query(
      `INSERT INTO auth_attempts (bucket, hits, expires_at) VALUES (?, LAST_INSERT_ID(1), ?)
       ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(IF(expires_at <= ?, 1, hits + 1)), expires_at = IF(expires_at <= ?, ?, expires_at)`,
      [bucket, ends, now, now, ends],
    );
    if (++this.sinceSweep >= 500) {
      this.sinceSweep = 0;
      void this.ds.query('DELETE FROM auth_attempts WHERE expires_at < ? LIMIT 5000', [new Date(+now - 24 * 3600_000)]).catch(() => undefined);
    }
    const hits = Number(r.insertId);
    if (hits > 1) {
      const [row] = await this.ds.query('SELECT expires_at FROM auth_attempts WHERE bucket = ?', [bucket]);
      return { hits, windowEnds: row ? new Date(row.expires_at) : ends };
    }
    return { hits, windowEnds: ends };
  }

  /** The bucket's hits in its current window (0 when none), without counting one. */
  async peek(bucket: string, now: Date): Promise<number> {
    const [row] = await this.ds.query('SELECT hits FROM auth_attempts WHERE bucket = ? AND expires_at > ?', [bucket, now]);
    return row ? Number(row.hits) : 0;
  }

  /** Takes one hit back (an attempt that turned out not to count, e.g. an SMS that never went out). */
  async undo(bucket: string): Promise<void> {
    await this.ds.query('UPDATE auth_attempts SET hits = GREATEST(hits, 1) - 1 WHERE bucket = ?', [bucket]);
  }

  async reset(bucket: string): Promise<void> {
    await this.ds.query('DELETE FROM auth_attempts WHERE bucket = ?', [bucket]);
  }

  /** Marks `bucket` for `windowMs` (e.g. "this address signed in to this account"). */
  async mark(bucket: string, windowMs: number, now: Date): Promise<void> {
    await this.ds.query(
      'INSERT INTO auth_attempts (bucket, hits, expires_at) VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE hits = 1, expires_at = VALUES(expires_at)',
      [bucket, new Date(+now + windowMs)],
    );
  }
}
