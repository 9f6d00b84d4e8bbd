import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Worker, type Job, type WorkerOptions } from 'bullmq';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { logRedisErrors, withinMs } from '../redis/redis.module';
import { Metrics } from '../observability/metrics';
import { runWithRequestId } from '../observability/request-context';
import { JobRegistry } from './job-registry';
import { QueueName, type JobName } from './job-names';
import { queueOptions, queueSettings } from './job-settings';

/**
 * The one job host. At start-up it verifies the registry (workers or not: a job or sweep without a handler
 * stops the start); with RUN_WORKERS (the BFF by default, or `pnpm start:worker`) it runs one worker per
 * queue and starts the sweeps. On shutdown the sweeps stop, then the workers finish their active jobs.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(JobWorkers.name);
  private workers: Worker[] = [];
  private started = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.verify();
    if (!this.config.runWorkers) return;
    this.workers = Object.values(QueueName).map((q) => this.createWorker(q));
    for (const s of this.registry.allSweeps()) s.start();
    this.started = true;
  }

  /** A worker on `queue` running the registered handlers (tests start their own with short lock settings). */
  createWorker(queue: QueueName, opts: Partial<WorkerOptions> = {}, processor: (job: Job, token?: string) => Promise<unknown> = (job, token) => this.process(queue, job, token)): Worker {
    const w = new Worker(queue, processor, { ...queueOptions(this.config, queue, 'blocking'), ...queueSettings(this.config)[queue].worker, ...opts });
    w.on('failed', (job, err) => this.log.warn(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    logRedisErrors(w, `${queue} worker`, this.log);
    return w;
  }

  /** Runs one job through its registered handler, under the request id that enqueued it. */
  process(queue: QueueName, job: Job, token?: string): Promise<string | undefined> {
    // Due when it was enqueued plus its delay (a moved-to-delayed job: its new due time).
    const due = job.timestamp + (job.opts.delay ?? 0);
    this.metrics.jobLateness.observe({ queue }, Math.max(0, Date.now() - due) / 1000);
    return runWithRequestId((job.data as { reqId?: string }).reqId ?? `job:${queue}:${job.id}`, async () => {
      try {
        const note = await this.handle(job, token);
        this.metrics.jobs.inc({ queue, outcome: 'completed' });
        this.log.debug(`job ${job.id} ${job.name} done${note ? `: ${note}` : ''} (${Date.now() - due} ms after due)`);
        return note;
      } catch (e) {
        this.metrics.jobs.inc({ queue, outcome: e instanceof DelayedError ? 'delayed' : 'failed' });
        throw e;
      }
    });
  }

  private async handle(job: Job, token?: string): Promise<string | undefined> {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.registry.handlerFor(job.name as JobName)(job.data, { last });
    if (outcome.kind === 'later') {
      // Not yet by our clock: come back then (a skewed worker never fires early).
      await job.moveToDelayed(Date.now() + Math.max(0, +outcome.at - +this.clock.now()), token);
      throw new DelayedError();
    }
    return outcome.note;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.started) await Promise.all(this.registry.allSweeps().map((s) => s.stop()));
    this.started = false;
    // Workers finish their active jobs first.
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers = [];
  }
}
