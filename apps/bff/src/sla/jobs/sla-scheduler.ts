import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '../../common/clock';
import { withinMs } from '../../redis/redis.module';
import { JobName, QueueName, slaWakeJobId, type SlaWakePayload } from '../../jobs/job-names';
import { JobQueues } from '../../jobs/job-queues';
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

  constructor(private readonly queues: JobQueues, private readonly clock: Clock, metrics: Metrics) {
    metrics.gaugeFrom('msb_queue_jobs', 'Jobs in each queue by state (waiting, active, delayed, failed)', ['queue', 'state'], async (set) => {
      const counts = await within(1000, this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized'));
      for (const [state, n] of Object.entries(counts)) set({ queue: QueueName.SLA, state }, n);
    });
  }

  /** The SLA queue (its keys, for the reconciler; tests read jobs from it). */
  get queue(): Queue {
    return this.queues.queue(QueueName.SLA);
  }

  /** Adds the wake-ups; one that exists already (same ticket, target and version) is left as it is. */
  async schedule(wakes: readonly Wake[]): Promise<void> {
    if (wakes.length === 0) return;
    const now = +this.clock.now();
    // Bounded: while Redis is down (or before it was ever reached) this fails instead of waiting, and
    // the reconciler re-creates the wake-ups from MySQL. A late add is harmless (the job id is fixed).
    await withinMs(ADD_TIMEOUT_MS, this.queues.addBulk(
      JobName.SLA_WAKE,
      wakes.map((w) => ({
        data: { ticketId: w.ticketId, target: w.target, version: w.version, reqId: currentRequestId() },
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
