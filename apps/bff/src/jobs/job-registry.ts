import { Injectable } from '@nestjs/common';
import { JobName, SweepName, type JobPayloads } from './job-names';

/** What a handler tells the worker: done, or "not yet" (the clock says later; skewed clocks must not fire early). */
export type JobOutcome = { readonly kind: 'done'; readonly note?: string } | { readonly kind: 'later'; readonly at: Date };

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], attempt: { readonly last: boolean }) => Promise<JobOutcome>;

/** A periodic pass started with the workers (RUN_WORKERS) and stopped before them on shutdown. */
export interface Sweep {
  start(): void;
  stop(): Promise<void>;
}

export class JobRegistryError extends Error {}

/**
 * The one place job handlers and sweeps are registered (each feature registers in its onModuleInit).
 * `verify()` runs at start-up, before any worker starts: a job or sweep without a handler, or with two,
 * stops the process.
 */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandler<any>>();
  private readonly sweeps = new Map<SweepName, Sweep>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new JobRegistryError(`duplicate handler for job ${name}`);
    this.handlers.set(name, handler);
  }

  registerSweep(name: SweepName, sweep: Sweep): void {
    if (this.sweeps.has(name)) throw new JobRegistryError(`duplicate sweep ${name}`);
    this.sweeps.set(name, sweep);
  }

  verify(): void {
    const missing = [
      ...Object.values(JobName).filter((n) => !this.handlers.has(n)).map((n) => `job ${n}`),
      ...Object.values(SweepName).filter((n) => !this.sweeps.has(n)).map((n) => `sweep ${n}`),
    ];
    if (missing.length) throw new JobRegistryError(`no handler for: ${missing.join(', ')}`);
    const unknown = [...this.handlers.keys()].filter((n) => !Object.values(JobName).includes(n));
    if (unknown.length) throw new JobRegistryError(`handler for unknown job(s): ${unknown.join(', ')}`);
  }

  handlerFor<N extends JobName>(name: N): JobHandler<N> {
    const h = this.handlers.get(name);
    if (!h) throw new JobRegistryError(`no handler for job ${name}`);
    return h;
  }

  allSweeps(): Sweep[] {
    return [...this.sweeps.values()];
  }
}
