import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SlaFiring } from '../sla-firing';
import { JobRegistry } from './job-registry';
import { JobName } from './job-names';

/** Registers the SLA jobs' handlers in the one registry. */
@Injectable()
export class SlaJobs implements OnModuleInit {
  constructor(private readonly registry: JobRegistry, private readonly sla: SlaFiring) {}

  onModuleInit(): void {
    this.registry.register(JobName.SLA_WAKE, async (p) => {
      const r = await this.sla.wake(p);
      return r.result === 'early' && r.at ? { kind: 'later', at: r.at } : { kind: 'done', note: r.result };
    });
  }
}
