import type { DefaultJobOptions, WorkerOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { bullConnection as redisBullConnection, queuePrefix } from '../redis/redis.module';
import { QueueName } from './job-names';

/**
 * The one Redis connection setup of the job system: `command` for queues (they fail fast while Redis is
 * away, so a request never waits on it), `blocking` for workers (they wait for Redis and reconnect).
 */
export function bullConnection(config: AppConfig, kind: 'command' | 'blocking' = 'blocking') {
  return redisBullConnection(config, kind);
}

export interface QueueSettings {
  readonly jobs: DefaultJobOptions;
  readonly worker: Omit<WorkerOptions, 'connection' | 'prefix'>;
}

/** Each queue's job defaults and worker settings. */
export function queueSettings(config: AppConfig): Record<QueueName, QueueSettings> {
  const s = config.sla;
  return {
    [QueueName.SLA]: {
      jobs: { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: s.keepCompletedSeconds }, removeOnFail: { age: 7 * 24 * 3600 } },
      worker: { concurrency: s.workerConcurrency, lockDuration: s.lockDurationMs, stalledInterval: s.stalledIntervalMs, maxStalledCount: 5 },
    },
    [QueueName.WECHAT]: {
      // Attempts and backoff per job (config.wechatNotify), set where the sends are added.
      jobs: {},
      worker: { concurrency: 8 },
    },
    [QueueName.EXPORT]: {
      // One export at a time per process: each reads every ticket of its scope and period.
      jobs: { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: true, removeOnFail: 1000 },
      worker: { concurrency: 1 },
    },
  };
}

/** Options for a queue or worker object on `name` (its connection and key prefix), as every process must create them. */
export function queueOptions(config: AppConfig, name: QueueName, kind: 'command' | 'blocking') {
  return { connection: bullConnection(config, kind), prefix: queuePrefix(name), defaultJobOptions: queueSettings(config)[name].jobs };
}
