import { Module, type DynamicModule } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { TicketsModule } from '../tickets/tickets.module';
import { JobsModule } from '../jobs/jobs.module';
import { SlaJobs } from './jobs/sla.jobs';
import { SlaScheduler } from './jobs/sla-scheduler';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaNotifier } from './sla-notifier';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaPolicyService } from './sla-policy.service';
import { SlaReconciler } from './sla-reconciler';
import { NotificationsModule } from '../notifications/notifications.module';
import { SlaPolicyResolver, SlaTicketFieldsResolver } from './sla.resolver';
import { SlaService } from './sla.service';
import { SlaClockWriter } from './sla-clock-writer';
import { SlaFollower } from './sla-follower';
import { SlaFiring } from './sla-firing';
import { SlaDeadlineSources } from './sla-deadlines';

/**
 * SLA clocks on tickets: policies, clocks in MySQL, wake-ups as jobs of the one job system (jobs/), escalation,
 * the reconciler (a sweep of that system).
 * `resolvers: false` leaves the GraphQL resolvers out (the worker process).
 */
@Module({})
export class SlaModule {
  private static readonly built = new Map<boolean, DynamicModule>();

  /**
   * One module object per option set, so a feature importing `SlaModule.forRoot()` shares the app's SLA engine
   * (Nest keys dynamic modules by object: a second object would be a second engine writing every clock twice).
   */
  static forRoot(opts: { resolvers?: boolean } = {}): DynamicModule {
    const key = opts.resolvers !== false;
    const cached = SlaModule.built.get(key);
    if (cached) return cached;
    const mod: DynamicModule = {
      module: SlaModule,
      imports: [
        TicketsModule,
        OrgModule,
        NotificationsModule,
        JobsModule,
      ],
      providers: [
        SlaDeadlineSources, SlaScheduler, SlaClockRepository, SlaPolicyRepository, SlaNotifier, SlaClockWriter, SlaFollower, SlaFiring, SlaService,
        SlaPolicyService,
        SlaReconciler, SlaJobs, ...(opts.resolvers === false ? [] : [SlaTicketFieldsResolver, SlaPolicyResolver]),
      ],
      exports: [SlaService, SlaFiring, SlaReconciler, SlaScheduler, SlaDeadlineSources],
    };
    SlaModule.built.set(key, mod);
    return mod;
  }
}
