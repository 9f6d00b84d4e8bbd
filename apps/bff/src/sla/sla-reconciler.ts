import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REDIS, withinMs } from '../redis/redis.module';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaFiring } from './sla-firing';
import { SlaScheduler } from './jobs/sla-scheduler';

/** Present while Redis still holds what we scheduled; gone after a flush or a restart without persistence. */
// In the SLA queue's hash slot: on a cluster, the node that loses the wake-ups loses this marker with them.
export const EPOCH_KEY = 'msb:{sla}:epoch';
export const LOCK_KEY = 'msb:sla:reconcile-lock';
const BATCH = 1000;
/** No Redis call of a pass waits longer than this (a hung Redis must not keep the pass from MySQL's overdue clocks). */
const REDIS_CALL_MS = 1500;
/** Releases the lock only if it is still ours (another process may hold it after ours expired). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** The lock's time to live: short, renewed while the pass runs, so a process killed mid-pass blocks the others for seconds, not an interval. */
export function reconcileLockTtlMs(intervalMs: number): number {
  return Math.min(5000, Math.max(1000, Math.floor(intervalMs / 4)));
}

export interface ReconcileReport {
  /** Overdue wake-ups the reconciler applied itself. */
  fired: number;
  /** Missing wake-up jobs re-created from MySQL. */
  restored: number;
  /** A full pass (start-up, or Redis lost its data) rather than the horizon only. */
  full: boolean;
  skipped?: boolean;
}

/**
 * MySQL is the truth, Redis only holds wake-ups. At start-up and every SLA_RECONCILE_INTERVAL_MS this
 * (1) applies wake-ups overdue by more than the grace — Redis was down across the due time, lost the
 * job, or a worker is stuck — and (2) re-creates missing wake-up jobs: those due within the horizon on
 * every pass, all of them at start-up or when Redis lost its data (the epoch key is gone). Several
 * processes may run it: a Redis lock keeps them from running passes at the same time, and the clocks'
 * compare-and-set keeps even a double pass harmless.
 *
 * Recovery is bounded (issue 9 #6): the start-up pass does not wait for the lock (it may be a killed
 * process's), the lock names its owner, lives seconds and is renewed while the pass runs and released
 * after it, and every Redis call is bounded: with Redis hung or down the pass still applies overdue
 * clocks from MySQL (without enqueueing their next wake-ups, which the next pass with Redis restores).
 * So after a crash of any process every due clock fires within one interval.
 */
@Injectable()
export class SlaReconciler {
  private readonly log = new Logger(SlaReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReconcileReport> | null = null;
  private readonly me = randomUUID();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly clocks: SlaClockRepository,
    private readonly sla: SlaFiring,
    private readonly scheduler: SlaScheduler,
    private readonly clock: Clock,
  ) {}

  start(): void {
    if (this.timer || this.config.sla.reconcileIntervalMs === 0) return;
    // The start-up pass runs whatever lock is left: after kill -9 it is the dead process's.
    void this.reconcile({ full: true, force: true }).catch((e) => this.log.error(`start-up reconcile failed: ${e}`));
    this.timer = setInterval(() => void this.reconcile().catch((e) => this.log.error(`reconcile failed: ${e}`)), this.config.sla.reconcileIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass (also for tests and the benchmark). Passes do not overlap within a process. */
  reconcile(opts: { full?: boolean; force?: boolean } = {}): Promise<ReconcileReport> {
    this.running ??= this.pass(opts).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(opts: { full?: boolean; force?: boolean }): Promise<ReconcileReport> {
    let full = opts.full ?? false;
    let redisUp = true;
    let locked = false;
    const ttl = reconcileLockTtlMs(this.config.sla.reconcileIntervalMs);
    try {
      if (!opts.force) {
        const got = await withinMs(REDIS_CALL_MS, this.redis.set(LOCK_KEY, this.me, 'PX', ttl, 'NX'));
        if (got !== 'OK') return { fired: 0, restored: 0, full, skipped: true };
        locked = true;
      }
      if (!(await withinMs(REDIS_CALL_MS, this.redis.exists(EPOCH_KEY)))) full = true;
    } catch (e) {
      redisUp = false; // MySQL still says what is overdue: apply it without Redis.
      this.log.warn(`Redis unavailable for the SLA reconciler: ${e}`);
    }
    const renew = locked
      ? setInterval(() => void withinMs(REDIS_CALL_MS, this.redis.eval(RENEW, 1, LOCK_KEY, this.me, String(ttl))).catch(() => undefined), Math.max(300, Math.floor(ttl / 3)))
      : null;
    renew?.unref();
    try {
      const fired = await this.fireOverdue(redisUp);
      let restored = 0;
      if (redisUp) {
        try {
          restored = await this.restore(full);
          if (full) await withinMs(REDIS_CALL_MS, this.redis.set(EPOCH_KEY, this.clock.now().toISOString()));
        } catch (e) {
          this.log.warn(`SLA reconciler could not restore wake-ups (Redis): ${e}`);
        }
      }
      if (fired || restored) this.log.log(`SLA reconcile: ${fired} overdue applied, ${restored} wake-ups re-created${full ? ' (full pass)' : ''}`);
      return { fired, restored, full };
    } finally {
      if (renew) clearInterval(renew);
      if (locked) await withinMs(REDIS_CALL_MS, this.redis.eval(RELEASE, 1, LOCK_KEY, this.me)).catch(() => undefined);
    }
  }

  /** With `redisUp` false the clocks are applied without enqueueing their next wake-ups (each would wait for Redis). */
  private async fireOverdue(redisUp: boolean): Promise<number> {
    let fired = 0;
    for (;;) {
      const before = new Date(+this.clock.now() - this.config.sla.reconcileGraceMs);
      const batch = await this.clocks.overdue(before, 200);
      if (batch.length === 0) return fired;
      let progressed = 0;
      for (let i = 0; i < batch.length; i += 10) {
        const results = await Promise.all(batch.slice(i, i + 10).map((w) => this.sla.fire(w.ticketId, w.target, w.version, undefined, { enqueue: redisUp }).catch((e) => {
          this.log.error(`overdue SLA clock ${w.ticketId}/${w.target} failed: ${e}`);
          return 'stale' as const;
        })));
        fired += results.filter((r) => r === 'fired').length;
        progressed += results.filter((r) => r !== 'early').length;
      }
      if (progressed === 0 || batch.length < 200) return fired;
    }
  }

  private async restore(full: boolean): Promise<number> {
    const until = full ? null : new Date(+this.clock.now() + this.config.sla.reconcileHorizonMs);
    let afterId = '0';
    let restored = 0;
    for (;;) {
      const batch = await this.clocks.pendingWakes(until, afterId, BATCH);
      if (batch.length === 0) return restored;
      afterId = batch[batch.length - 1].id;
      const pipe = this.redis.pipeline();
      for (const w of batch) pipe.exists(this.scheduler.jobKey(w));
      const exists = (await withinMs(REDIS_CALL_MS * 4, pipe.exec())) ?? [];
      const missing = batch.filter((_, i) => exists[i]?.[1] !== 1);
      if (missing.length) {
        await this.scheduler.schedule(missing.map((w) => ({ ticketId: w.ticketId, target: w.target, version: w.version, at: w.nextWakeAt })));
        restored += missing.length;
      }
      if (batch.length < BATCH) return restored;
    }
  }
}
