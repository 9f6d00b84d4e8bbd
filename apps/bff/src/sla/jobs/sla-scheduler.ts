import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Clock } from '../../common/clock';
import { logRedisErrors, withinMs } from '../../redis/redis.module';
import { JobName, QueueName, slaWakeJobId, type SlaWakePayload } from './job-names';
import { Metrics, within } from '../../observability/metrics';
import { currentRequestId } from '../../observability/request-context';

const ADD_TIMEOUT_MS = 3000;


export interface Wake extends SlaWakePayload {
  readonly at: Date;
}

/** BullMQ delayed jobs as wake-ups: only ever enqueued after the clock's transaction committed. */
@Injectable()
export class SlaScheduler {
  private readonly log = new Logger(SlaScheduler.name);

  constructor(@InjectQueue(QueueName.SLA) readonly queue: Queue, private readonly clock: Clock, metrics: Metrics) {
    logRedisErrors(queue, 'SLA queue', this.log);
    metrics.gaugeFrom('msb_queue_jobs', 'Jobs in each queue by state (waiting, active, delayed, failed)', ['queue', 'state'], async (set) => {
      const counts = await within(1000, queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized'));
      for (const [state, n] of Object.entries(counts)) set({ queue: QueueName.SLA, state }, n);
    });
  }

  /** Adds the wake-ups; one that exists already (same ticket, target and version) is left as it is. */
  async schedule(wakes: readonly Wake[]): Promise<void> {
    if (wakes.length === 0) return;
    const now = +this.clock.now();
    // Bounded: while Redis is down (or before it was ever reached) this fails instead of waiting, and
    // the reconciler re-creates the wake-ups from MySQL. A late add is harmless (the job id is fixed).
    await withinMs(ADD_TIMEOUT_MS, this.queue.addBulk(
      wakes.map((w) => ({
        name: JobName.SLA_WAKE,
        data: { ticketId: w.ticketId, target: w.target, version: w.version, reqId: currentRequestId() } satisfies SlaWakePayload,
        opts: { jobId: slaWakeJobId(w), delay: Math.max(0, +w.at - now) },
      })),
    ));
  }

  /** Drops wake-ups a newer clock version made pointless (best effort: a stale one that fires does nothing). */
  async unschedule(stale: readonly SlaWakePayload[]): Promise<void> {
    await Promise.all(stale.map((p) => withinMs(ADD_TIMEOUT_MS, this.queue.remove(slaWakeJobId(p))).catch((e) => this.log.debug(`remove ${slaWakeJobId(p)}: ${e}`))));
  }

  /** Redis key of a wake-up job (for the reconciler's existence check). */
  jobKey(p: SlaWakePayload): string {
    return this.queue.toKey(slaWakeJobId(p));
  }
}
