import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { GqlContextRegistry, type GqlContext } from '../graphql/graphql-context';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { Ticket } from '../tickets/models/ticket.models';
import type { TicketRow } from '../tickets/ticket-row';
import { SLA_TARGETS, type PauseRule, type SlaPolicy, type SlaTarget, type TargetTerms } from './domain';
import { SlaClockView, SlaPolicyInput, SlaPolicyModel, SlaPreviewRow, SlaPreviewTicketInput, SlaScopeKind } from './models/sla.models';
import { SlaPolicyService } from './sla-policy.service';
import { SlaService } from './sla.service';

const MINUTE = 60_000;

function policyModel(p: SlaPolicy, inForce: boolean, builtIn: boolean): SlaPolicyModel {
  const pause = (r: PauseRule | undefined) => (r ? { statuses: [...(r.statuses ?? [])], withOutsideDepartment: !!r.withOutsideDepartment, awaitingOwner: !!r.awaitingOwner } : null);
  return {
    id: p.id, version: p.version, name: p.name, scopeKind: p.scope.kind as SlaScopeKind,
    scopeId: p.scope.kind === 'COMPANY' ? Number(p.scope.companyId) : p.scope.kind === 'COMPLEX' ? Number(p.scope.complexId) : null,
    categoryCode: p.category, priority: p.priority, effectiveFrom: p.effectiveFrom, retiredAt: p.retiredAt ?? null, inForce, builtIn,
    targets: SLA_TARGETS.filter((t) => p.targets[t]).map((target: SlaTarget) => {
      const t = p.targets[target] as TargetTerms;
      return {
        target, minutes: t.minutes, calendar: t.calendar, warnShare: t.warnShare === undefined ? 0.75 : t.warnShare,
        escalation: t.escalation ? { calendar: t.escalation.calendar, steps: t.escalation.steps.map((s) => ({ ...s })) } : null,
        pauseWhen: pause(t.pauseWhen),
      };
    }),
  };
}

declare module '../graphql/graphql-context' {
  interface Loaders {
    /** Per-request batch of clocks, so an inbox page costs one query for all its tickets' clocks. */
    slaClocks: DataLoader<string, SlaClockView[]>;
  }
}

@Resolver(() => Ticket)
export class SlaTicketFieldsResolver {
  constructor(private readonly sla: SlaService, registry: GqlContextRegistry) {
    registry.loader('slaClocks', () => new DataLoader(async (ids) => {
        const views = await this.sla.viewsOf(ids);
        return ids.map((id) => (views.get(id) ?? []).map((v) => ({
          target: v.target, state: v.state, paused: v.paused, stopped: v.stopped, warned: v.warned, dueAt: v.dueAt,
          warnAt: v.row.clock.warnAt, breachedAt: v.row.clock.breachedAt ?? (v.state === 'BREACHED' ? v.dueAt : null),
          startedAt: v.row.clock.startedAt, stoppedAt: v.row.clock.stoppedAt,
          remainingWorkingMinutes: Math.round((v.remainingWorkingMs / MINUTE) * 100) / 100,
          usedWorkingMinutes: Math.round((v.usedWorkingMs / MINUTE) * 100) / 100,
          limitMinutes: v.row.clock.terms.minutes, calendar: v.row.clock.terms.calendar, escalationSteps: v.row.escalationSteps,
          cycle: v.row.clock.cycle, policyId: v.row.clock.terms.policyId, policyVersion: v.row.clock.terms.policyVersion,
        })));
    }));
  }

  @ResolveField(() => [SlaClockView], { description: 'SLA clocks (one per target started so far), as of now' })
  clocks(@Parent() t: TicketRow, @Context() ctx: GqlContext): Promise<SlaClockView[]> {
    return ctx.loaders.slaClocks.load(t.id);
  }
}

@Resolver(() => SlaPolicyModel)
export class SlaPolicyResolver {
  constructor(private readonly policies: SlaPolicyService) {}

  @Query(() => [SlaPolicyModel], { description: 'ADMIN: SLA policies in force (and scheduled); every version with history' })
  async slaPolicies(@CurrentViewer() viewer: Viewer, @Args('history', { nullable: true }) history?: boolean) {
    const list = await this.policies.list(viewer, !!history);
    return list.map((x) => policyModel(x.policy, x.inForce, x.builtIn));
  }

  @Mutation(() => SlaPolicyModel, { description: 'ADMIN (COMPANY_ADMIN: its company’s and complexes’): add a policy, or the next version of one (tickets keep the version they started under)' })
  async createSlaPolicyVersion(@CurrentViewer() viewer: Viewer, @Args('input') input: SlaPolicyInput) {
    const x = await this.policies.createVersion(viewer, input);
    return policyModel(x.policy, x.inForce, x.builtIn);
  }

  @Query(() => [SlaPreviewRow], { description: 'ADMIN/COMPANY_ADMIN: "with this policy a ticket filed now would be due at …" — the draft is not saved' })
  slaPolicyPreview(
    @CurrentViewer() viewer: Viewer, @Args('input') input: SlaPolicyInput, @Args('ticket') ticket: SlaPreviewTicketInput,
    @Args('at', { type: () => Date, nullable: true, description: 'Default: now' }) at?: Date | null,
  ) {
    return this.policies.preview(viewer, input, ticket, at);
  }
}
