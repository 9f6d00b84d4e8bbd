import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Clock } from '../common/clock';
import { nextUrgeAt } from './domain/ticket-policy';
import { TicketAction as A } from '@msb/shared-types';
import type { GqlContext } from '../graphql/graphql-context';
import { OrgService } from '../org/org.service';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { TicketsService } from './tickets.service';
import type { TicketRow } from './tickets.repository';
import { ActionMutation, asInput, toTicketModel, type TicketModel } from './tickets.resolver';
import { DecideExtensionInput, ReclassifyTicketInput, RequestExtensionInput, RequestInfoInput, SupplyInfoInput, UrgeTicketInput } from './models/case.models';
import { Ticket } from './models/ticket.models';

/** Case handling: reclassify, ask the owner and the answer, extensions and their decision, the owner's urge. */
@Resolver(() => Ticket)
export class CaseResolver {
  constructor(private readonly tickets: TicketsService, private readonly org: OrgService, private readonly clock: Clock) {}

  private async one(ctx: GqlContext, row: Promise<TicketRow>): Promise<TicketModel> {
    const [t, look] = await Promise.all([row, this.org.lookups()]);
    return toTicketModel(t, look, ctx.loaders);
  }

  @ActionMutation(A.RECLASSIFY, 'Staff or manager change category and/or priority with a reason; the clocks are recalculated by the new pair’s policy')
  async reclassifyTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: ReclassifyTicketInput) {
    return this.one(ctx, this.tickets.act(viewer, A.RECLASSIFY, i));
  }

  @ActionMutation(A.REQUEST_INFO, '待补充: ask the owner; the ticket waits for the answer and its clock pauses; no answer within the policy’s window closes it')
  async requestOwnerInfo(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: RequestInfoInput) {
    return this.one(ctx, asInput({ note: 'question' }, this.tickets.act(viewer, A.REQUEST_INFO, { ...i, note: i.question })));
  }

  @ActionMutation(A.SUPPLY_INFO, 'The owner’s answer (text and photos): back to handling, the paused clock resumes')
  async supplyOwnerInfo(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: SupplyInfoInput) {
    return this.one(ctx, asInput({ note: 'text' }, this.tickets.act(viewer, A.SUPPLY_INFO, { ...i, note: i.text })));
  }

  @ActionMutation(A.REQUEST_EXTENSION, '延期申请 with a reason and the date asked for')
  async requestExtension(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: RequestExtensionInput) {
    return this.one(ctx, asInput({ requestedDeadline: 'until' }, this.tickets.act(viewer, A.REQUEST_EXTENSION, { ...i, requestedDeadline: i.until })));
  }

  @ActionMutation(A.DECIDE_EXTENSION, '延期审批: grant (moves the due time) or refuse (with a reason)')
  async decideExtension(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: DecideExtensionInput) {
    return this.one(ctx, this.tickets.act(viewer, A.DECIDE_EXTENSION, i));
  }

  @ActionMutation(A.URGE, '催办 by the owner, at most once per window per ticket; on the timeline, notified to the handler and their managers, counted; changes no state')
  async urgeTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: UrgeTicketInput) {
    return this.one(ctx, this.tickets.act(viewer, A.URGE, i));
  }

  @ResolveField(() => Date, { nullable: true })
  nextUrgeAt(@Parent() t: TicketRow): Date | null {
    const next = nextUrgeAt(t);
    return next && +next > +this.clock.now() ? next : null;
  }
}
