import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../jobs/job-registry';
import { JobName, SweepName } from '../../jobs/job-names';
import { SlaFiring } from '../sla-firing';
import { SlaReconciler } from '../sla-reconciler';

/** Registers the SLA engine's job handler (a clock's wake-up) and its sweep (the reconciler) in the one registry. */
@Injectable()
export class SlaJobs implements OnModuleInit {
  constructor(private readonly registry: JobRegistry, private readonly sla: SlaFiring, private readonly reconciler: SlaReconciler) {}

  onModuleInit(): void {
    this.registry.register(JobName.SLA_WAKE, async (p) => {
      const r = await this.sla.wake(p);
      return r.result === 'early' && r.at ? { kind: 'later', at: r.at } : { kind: 'done', note: r.result };
    });
    this.registry.registerSweep(SweepName.SLA_RECONCILE, this.reconciler);
  }
}
