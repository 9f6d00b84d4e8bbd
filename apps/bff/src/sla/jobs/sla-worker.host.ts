import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Worker, type Job } from 'bullmq';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SlaReconciler } from '../sla-reconciler';
import { JobRegistry } from './job-registry';
import { JobName, QueueName } from './job-names';
import { bullConnection as redisBullConnection, logRedisErrors, queuePrefix } from '../../redis/redis.module';
import { Metrics } from '../../observability/metrics';
import { runWithRequestId } from '../../observability/request-context';

/** BullMQ connection: `blocking` for workers (they wait for Redis), `command` for queues (they fail fast). */
export function bullConnection(config: AppConfig, kind: 'command' | 'blocking' = 'blocking') {
  return redisBullConnection(config, kind);
}

/**
 * Runs the SLA queue's workers and the reconciler in this process when RUN_WORKERS is on (the BFF by
 * default, or `pnpm start:worker`). The job registry is verified first, workers or not: a job without
 * a handler stops the start. On shutdown the worker finishes its active jobs before the process exits.
 */
@Injectable()
export class SlaWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(SlaWorkerHost.name);
  private worker: Worker | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly reconciler: SlaReconciler,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.verify();
    if (!this.config.runWorkers) return;
    const s = this.config.sla;
    this.worker = new Worker(QueueName.SLA, (job, token) => this.process(job, token), {
      connection: bullConnection(this.config),
      prefix: queuePrefix(QueueName.SLA),
      concurrency: s.workerConcurrency,
      lockDuration: s.lockDurationMs,
      stalledInterval: s.stalledIntervalMs,
      maxStalledCount: 5,
    });
    this.worker.on('failed', (job, err) => this.log.warn(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    logRedisErrors(this.worker, 'SLA worker', this.log);
    this.reconciler.start();
  }

  private process(job: Job, token?: string): Promise<string | undefined> {
    // Due when it was enqueued plus its delay (a moved-to-delayed job: its new due time).
    const due = job.timestamp + (job.opts.delay ?? 0);
    this.metrics.jobLateness.observe({ queue: QueueName.SLA }, Math.max(0, Date.now() - due) / 1000);
    return runWithRequestId((job.data as { reqId?: string }).reqId ?? `job:${QueueName.SLA}:${job.id}`, async () => {
      try {
        const note = await this.handle(job, token);
        this.metrics.jobs.inc({ queue: QueueName.SLA, outcome: 'completed' });
        this.log.debug(`job ${job.id} ${job.name} done${note ? `: ${note}` : ''} (${Date.now() - due} ms after due)`);
        return note;
      } catch (e) {
        this.metrics.jobs.inc({ queue: QueueName.SLA, outcome: e instanceof DelayedError ? 'delayed' : 'failed' });
        throw e;
      }
    });
  }

  private async handle(job: Job, token?: string): Promise<string | undefined> {
    const outcome = await this.registry.handlerFor(job.name as JobName)(job.data);
    if (outcome.kind === 'later') {
      // Not yet by our clock: come back then (a skewed worker never fires early).
      await job.moveToDelayed(Date.now() + Math.max(0, +outcome.at - +this.clock.now()), token);
      throw new DelayedError();
    }
    return outcome.note;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.reconciler.stop();
    if (this.worker) {
      await this.worker.close();
      this.worker = null;
    }
  }
}
