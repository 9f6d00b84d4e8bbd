import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';
import { NotificationJob, NotificationQueue, sendJobId, type NotificationJobPayload } from '../jobs/notification-jobs';
import { WechatOutboxRepository } from './wechat-outbox.repository';
import { bullConnection, logRedisErrors, queuePrefix, withinMs } from '../../redis/redis.module';
import { WechatOutboxSender, type DeliveryOutcome } from './wechat-outbox.sender';
import { Metrics, within } from '../../observability/metrics';
import { currentRequestId, runWithRequestId } from '../../observability/request-context';

type SendPayload = NotificationJobPayload[NotificationJob.SEND_SUBSCRIBE_MESSAGE];

/**
 * The WeChat send queue: jobs are added after the ticket's transaction commits; the worker runs in
 * every process started with RUN_WORKERS (default on). A sweep re-enqueues PENDING rows whose job
 * was lost (process died between commit and enqueue).
 */
@Injectable()
export class WechatOutboxQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(WechatOutboxQueue.name);
  private queueInstance: Queue<SendPayload> | null = null;
  private worker: Worker<SendPayload> | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sender: WechatOutboxSender,
    private readonly repo: WechatOutboxRepository,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {
    metrics.gaugeFrom('msb_outbox_rows', 'Outbox rows waiting to be sent (pending) and given up on (failed), per outbox', ['outbox', 'state'], async (set) => {
      const wechat = await this.repo.backlog();
      set({ outbox: 'wechat', state: 'pending' }, wechat.pending);
      set({ outbox: 'wechat', state: 'failed' }, wechat.failed);
    });
    metrics.gaugeFrom('msb_wechat_queue_jobs', 'WeChat send jobs by state', ['state'], async (set) => {
      if (!this.queueInstance) return;
      const counts = await within(1000, this.queueInstance.getJobCounts('waiting', 'active', 'delayed', 'failed'));
      for (const [state, n] of Object.entries(counts)) set({ state }, n);
    });
  }

  /** Connects on first use, so processes that never send (schema printing, seeding) open no Redis connection. */
  private get queue(): Queue<SendPayload> {
    if (!this.queueInstance) {
      this.queueInstance = new Queue<SendPayload>(NotificationQueue.WECHAT, { connection: this.connection('command'), prefix: queuePrefix(NotificationQueue.WECHAT) });
      logRedisErrors(this.queueInstance, 'WeChat outbox queue', this.log);
    }
    return this.queueInstance;
  }

  /** The queue, for the admins' dashboard (connects now if nothing did yet). */
  dashboardQueue(): Queue<SendPayload> {
    return this.queue;
  }

  /** `command` for the queue (fails fast while Redis is down: the sweep re-enqueues), `blocking` for workers. */
  connection(kind: 'command' | 'blocking' = 'blocking'): ConnectionOptions {
    return bullConnection(this.config, kind);
  }

  async enqueue(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    const { attempts, backoffMs } = this.config.wechatNotify;
    await withinMs(3000, this.queue.addBulk(outboxIds.map((outboxId) => ({
      name: NotificationJob.SEND_SUBSCRIBE_MESSAGE,
      data: { outboxId, reqId: currentRequestId() },
      opts: { jobId: sendJobId(outboxId), attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: true, removeOnFail: 1000 },
    }))));
  }

  /** The job handler: re-reads the row and skips it when it is already done. */
  process = (job: Job<SendPayload>): Promise<DeliveryOutcome> => {
    this.metrics.jobLateness.observe({ queue: NotificationQueue.WECHAT }, Math.max(0, Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000);
    return runWithRequestId((job.data as { reqId?: string }).reqId ?? `job:${NotificationQueue.WECHAT}:${job.id}`, async () => {
      try {
        const outcome = await this.sender.deliver(job.data.outboxId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
        this.metrics.jobs.inc({ queue: NotificationQueue.WECHAT, outcome: 'completed' });
        return outcome;
      } catch (e) {
        this.metrics.jobs.inc({ queue: NotificationQueue.WECHAT, outcome: 'failed' });
        throw e;
      }
    });
  };

  /** A worker on this queue (tests start their own with short lock settings). */
  createWorker(opts: Partial<WorkerOptions> = {}, processor: (job: Job<SendPayload>) => Promise<unknown> = this.process): Worker<SendPayload> {
    const w = new Worker<SendPayload>(NotificationQueue.WECHAT, processor, { connection: this.connection(), prefix: queuePrefix(NotificationQueue.WECHAT), concurrency: 8, ...opts });
    logRedisErrors(w, 'WeChat outbox worker', this.log);
    return w;
  }

  async sweep(): Promise<number> {
    const ids = await this.repo.pendingIds(new Date(this.clock.now().getTime() - 30_000));
    await this.enqueue(ids);
    return ids.length;
  }

  onApplicationBootstrap() {
    if (!this.config.runWorkers) return;
    this.worker = this.createWorker();
    this.sweepTimer = setInterval(() => void this.sweep().catch((e) => this.log.warn(`sweep: ${e.message}`)), 60_000);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown() {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.worker?.close();
    await this.queueInstance?.close();
  }
}
