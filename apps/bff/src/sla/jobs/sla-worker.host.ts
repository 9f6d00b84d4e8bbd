import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Worker, type Job } from 'bullmq';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SlaReconciler } from '../sla-reconciler';
import { JobRegistry } from './job-registry';
import { JobName, QueueName } from './job-names';
import { logRedisErrors, redisOptions } from '../../redis/redis.module';

/** BullMQ connection options: `blocking` for workers (they wait for Redis), `command` for queues (they fail fast). */
export function bullConnection(config: AppConfig, kind: 'command' | 'blocking' = 'blocking') {
  return redisOptions(config, kind);
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
  ) {}

  onApplicationBootstrap(): void {
    this.registry.verify();
    if (!this.config.runWorkers) return;
    const s = this.config.sla;
    this.worker = new Worker(QueueName.SLA, (job, token) => this.process(job, token), {
      connection: bullConnection(this.config),
      concurrency: s.workerConcurrency,
      lockDuration: s.lockDurationMs,
      stalledInterval: s.stalledIntervalMs,
      maxStalledCount: 5,
    });
    this.worker.on('failed', (job, err) => this.log.warn(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    logRedisErrors(this.worker, 'SLA worker', this.log);
    this.reconciler.start();
  }

  private async process(job: Job, token?: string): Promise<string | undefined> {
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
