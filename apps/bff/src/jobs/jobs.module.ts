import { Module } from '@nestjs/common';
import { JobQueues } from './job-queues';
import { JobRegistry } from './job-registry';
import { JobWorkers } from './job-workers';

/**
 * The job system, once per process: the registry (features register handlers and sweeps), the queues
 * (adding jobs) and the one host running workers and sweeps. Imported by every feature that has jobs;
 * Nest builds it once.
 */
@Module({
  providers: [JobRegistry, JobQueues, JobWorkers],
  exports: [JobRegistry, JobQueues, JobWorkers],
})
export class JobsModule {}
