import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { logRedisErrors, withinMs } from '../redis/redis.module';
import { JOB_QUEUE, QueueName, type JobName, type JobPayloads } from './job-names';
import { queueOptions } from './job-settings';

/** A job to add: its payload and BullMQ options (a fixed jobId makes a repeat add a no-op). */
export interface NewJob<N extends JobName> {
  readonly data: JobPayloads[N];
  readonly opts?: JobsOptions;
}

/**
 * The queues, for adding jobs. Each connects on first use, so processes that never enqueue (schema
 * printing, seeding) open no Redis connection; with the `command` connection an add fails fast while
 * Redis is away (callers bound it and the sweeps restore what was lost from MySQL).
 */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private readonly log = new Logger(JobQueues.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, queueOptions(this.config, name, 'command'));
      logRedisErrors(q, `${name} queue`, this.log);
      this.queues.set(name, q);
    }
    return q;
  }

  /** The queue a job runs on. */
  queueOf(job: JobName): Queue {
    return this.queue(JOB_QUEUE[job]);
  }

  /** Every queue (for the admins' dashboard; connects those not used yet). */
  all(): Queue[] {
    return Object.values(QueueName).map((n) => this.queue(n));
  }

  add<N extends JobName>(name: N, job: NewJob<N>) {
    return this.queueOf(name).add(name, job.data, job.opts);
  }

  addBulk<N extends JobName>(name: N, jobs: readonly NewJob<N>[]) {
    return this.queueOf(name).addBulk(jobs.map((j) => ({ name, data: j.data, opts: j.opts })));
  }

  async onApplicationShutdown(): Promise<void> {
    // Closing waits for Redis; with Redis away, drop the connections instead of hanging the shutdown.
    await Promise.all([...this.queues.values()].map((q) => withinMs(3000, q.close()).catch(() => q.disconnect())));
    this.queues.clear();
  }
}
