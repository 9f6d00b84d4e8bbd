import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';
import { Metrics } from '../../observability/metrics';
import { shanghaiIso, sign } from './hotline-contract';
import { HotlineRepository, type OutboxRow } from './hotline.repository';

/** The contract's retry schedule after a failed push: 1 min, 5 min, 30 min, 2 h, then daily, for 3 days in all. */
export const RETRY_AFTER_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 24 * 3600_000, 24 * 3600_000, 24 * 3600_000];
const ATTEMPT_TIMEOUT_MS = 10_000;
const POLL_MS = 5_000;

export interface SendReport {
  sent: number;
  failed: number;
}

/**
 * Sends the outbox to the hotline: each order's events one at a time in seq order (an event is sent only
 * once the one before it was acknowledged), claimed by compare-and-set so two senders never post the same
 * row at once. The eventId is fixed per row, so a retry after a lost acknowledgement is a repeat the hotline
 * de-duplicates, never a new event. MySQL holds every row and its next attempt; nothing lives only in memory.
 */
@Injectable()
export class HotlineOutboxSender implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('HotlineOutbox');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SendReport> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: HotlineRepository,
    private readonly clock: Clock,
    metrics: Metrics,
  ) {
    metrics.gaugeFrom('msb_outbox_rows', 'Outbox rows waiting to be sent (pending) and given up on (failed), per outbox', ['outbox', 'state'], async (set) => {
      const r = await this.repo.outboxBacklog();
      set({ outbox: 'hotline', state: 'pending' }, r.pending);
      set({ outbox: 'hotline', state: 'failed' }, r.failed);
    });
  }

  onModuleInit(): void {
    if (!this.config.runWorkers || !this.config.hotline.outboundBase) return;
    this.timer = setInterval(() => void this.sendDue().catch((e) => this.log.error(`outbox pass failed: ${e}`)), POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over due rows, repeated while an order has more (the next seq becomes due once one is sent). */
  sendDue(limit = 100): Promise<SendReport> {
    this.running ??= this.pass(limit).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(limit: number): Promise<SendReport> {
    const report = { sent: 0, failed: 0 };
    const woken = new Set<string>();
    for (let round = 0; round < 50; round++) {
      const due = await this.repo.dueOutbound(this.clock.now(), limit);
      if (due.length === 0) break;
      const results = await Promise.all(due.map((row) => this.attempt(row)));
      report.sent += results.filter((r) => r === 'sent').length;
      report.failed += results.filter((r) => r === 'failed').length;
      if (!results.includes('sent')) break;
      // The hotline is up: a push that just failed beside successful ones (a lost acknowledgement) is tried
      // again now, once per pass, instead of waiting out its backoff with its order's later events behind it.
      const retry = due.filter((row, i) => results[i] === 'failed' && !woken.has(row.id)).map((row) => row.id);
      retry.forEach((id) => woken.add(id));
      if (retry.length) await this.repo.wake(retry, this.clock.now());
    }
    return report;
  }

  private async attempt(row: OutboxRow): Promise<'sent' | 'failed' | 'skipped'> {
    const base = this.config.hotline.outboundBase;
    if (!base) return 'skipped';
    const now = this.clock.now();
    if (!(await this.repo.claim(row.id, row.attempts, new Date(now.getTime() + 60_000)))) return 'skipped';
    const body = JSON.stringify({ eventId: row.eventId, type: row.type, occurredAt: String(row.payload.at ?? shanghaiIso(now)), orderNo: row.orderNo, seq: row.seq, data: row.payload });
    const ts = String(Math.floor(now.getTime() / 1000));
    let error: string;
    try {
      const res = await fetch(`${base}/events`, {
        method: 'POST', body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        headers: { 'content-type': 'application/json', 'x-hotline-timestamp': ts, 'x-hotline-signature': sign(this.config.hotline.outboundSecret, ts, body) },
      });
      const answer = (await res.json().catch(() => null)) as { code?: number } | null;
      if (res.status === 200 && answer?.code === 0) {
        await this.repo.markSent(row.id, this.clock.now());
        return 'sent';
      }
      error = `HTTP ${res.status} ${JSON.stringify(answer)}`;
    } catch (e) {
      error = String((e as Error)?.message ?? e);
    }
    const n = row.attempts; // attempts before this one
    const giveUp = n >= RETRY_AFTER_MS.length;
    await this.repo.retryLater(row.id, new Date(this.clock.now().getTime() + (RETRY_AFTER_MS[Math.min(n, RETRY_AFTER_MS.length - 1)])), error, giveUp);
    if (giveUp) this.log.error(`hotline event ${row.eventId} (${row.type}, order ${row.orderNo}) not acknowledged for 3 days: ${error}`);
    return 'failed';
  }
}
