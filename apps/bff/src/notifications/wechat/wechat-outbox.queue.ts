import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Worker, WorkerOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';
import { JobName, QueueName, sendJobId, SweepName, type WechatSendPayload } from '../../jobs/job-names';
import { JobQueues } from '../../jobs/job-queues';
import { JobRegistry } from '../../jobs/job-registry';
import { JobWorkers } from '../../jobs/job-workers';
import { WechatOutboxRepository } from './wechat-outbox.repository';
import { withinMs } from '../../redis/redis.module';
import { WechatOutboxSender } from './wechat-outbox.sender';
import { Metrics, within } from '../../observability/metrics';
import { currentRequestId } from '../../observability/request-context';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * The WeChat sends as jobs of the one job system: added after the ticket's transaction commits, run by the
 * job host's worker in every process started with RUN_WORKERS (default on). Its sweep re-enqueues PENDING
 * rows whose job was lost (process died between commit and enqueue, or Redis was away).
 */
@Injectable()
export class WechatOutboxQueue implements OnModuleInit {
  private readonly log = new Logger(WechatOutboxQueue.name);
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sender: WechatOutboxSender,
    private readonly repo: WechatOutboxRepository,
    private readonly clock: Clock,
    private readonly queues: JobQueues,
    private readonly registry: JobRegistry,
    private readonly workers: JobWorkers,
    metrics: Metrics,
  ) {
    metrics.gaugeFrom('msb_outbox_rows', 'Outbox rows waiting to be sent (pending) and given up on (failed), per outbox', ['outbox', 'state'], async (set) => {
      const wechat = await this.repo.backlog();
      set({ outbox: 'wechat', state: 'pending' }, wechat.pending);
      set({ outbox: 'wechat', state: 'failed' }, wechat.failed);
    });
    metrics.gaugeFrom('msb_wechat_queue_jobs', 'WeChat send jobs by state', ['state'], async (set) => {
      const counts = await within(1000, this.queues.queue(QueueName.WECHAT).getJobCounts('waiting', 'active', 'delayed', 'failed'));
      for (const [state, n] of Object.entries(counts)) set({ state }, n);
    });
  }

  onModuleInit(): void {
    // The handler re-reads the row and skips it when it is already done.
    this.registry.register(JobName.SEND_SUBSCRIBE_MESSAGE, async (p, attempt) => ({ kind: 'done', note: await this.sender.deliver(p.outboxId, attempt.last) }));
    this.registry.registerSweep(SweepName.WECHAT_OUTBOX, {
      start: () => {
        this.sweepTimer = setInterval(() => void this.sweep().catch((e) => this.log.warn(`sweep: ${e.message}`)), SWEEP_INTERVAL_MS);
        this.sweepTimer.unref();
      },
      stop: async () => {
        if (this.sweepTimer) clearInterval(this.sweepTimer);
        this.sweepTimer = null;
      },
    });
  }

  async enqueue(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    const { attempts, backoffMs } = this.config.wechatNotify;
    await withinMs(3000, this.queues.addBulk(JobName.SEND_SUBSCRIBE_MESSAGE, outboxIds.map((outboxId) => ({
      data: { outboxId, reqId: currentRequestId() },
      opts: { jobId: sendJobId(outboxId), attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: true, removeOnFail: 1000 },
    }))));
  }

  /** One send job as the job host runs it (for tests wrapping the worker's processor). */
  process = (job: Job<WechatSendPayload>): Promise<unknown> => this.workers.process(QueueName.WECHAT, job);

  /** A worker on this queue (tests start their own with short lock settings). */
  createWorker(opts: Partial<WorkerOptions> = {}, processor: (job: Job<WechatSendPayload>) => Promise<unknown> = this.process): Worker<WechatSendPayload> {
    return this.workers.createWorker(QueueName.WECHAT, opts, processor);
  }

  async sweep(): Promise<number> {
    const ids = await this.repo.pendingIds(new Date(this.clock.now().getTime() - 30_000));
    await this.enqueue(ids);
    return ids.length;
  }
}
