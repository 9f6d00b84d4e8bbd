import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, TICKET_ACTIONS, TicketAction as A } from '@msb/shared-types';
import { badInput, forbidden } from '../../common/domain-error';
import { OrgService } from '../../org/org.service';
import type { GqlContext } from '../../graphql/graphql-context';
import { CurrentViewer } from '../../org/current-viewer';
import type { Viewer } from '../../org/domain/viewer';
import { Ticket } from '../../tickets/models/ticket.models';
import { ContactReveal } from '../../tickets/models/handling.models';
import type { TicketRow } from '../../tickets/ticket-row';
import { TicketsService, type ActionInput, type UserAction } from '../../tickets/tickets.service';
import { toTicketModel } from '../../tickets/tickets.resolver';
import { HotlineExtensionInput, HotlineContactInput, HotlineOrderView, HotlineReturnInput } from './hotline.models';
import { HotlineService } from './hotline.service';

/** Timeline entry written when the designated contact looks at a confidential caller. */
export const HOTLINE_CALLER_REVEALED = 'HOTLINE_CALLER_REVEALED';

/**
 * Staff side of the hotline link: the order on the ticket, and the three actions the hotline expects. Each
 * is a row of the lifecycle table (HOTLINE_RECORD_CONTACT, HOTLINE_REQUEST_RETURN, HOTLINE_REQUEST_EXTENSION:
 * record-only, 12345 tickets only) taken through the tickets service; the hotline service writes the outbound
 * event in that action's transaction.
 */
@Resolver(() => Ticket)
export class HotlineResolver {
  constructor(private readonly hotline: HotlineService, private readonly tickets: TicketsService, private readonly org: OrgService) {}

  @ResolveField(() => HotlineOrderView, { nullable: true, description: 'The 12345 work order, when the ticket came from the hotline' })
  hotlineOrder(@Parent() t: TicketRow, @Context() ctx: GqlContext): Promise<HotlineOrderView | null> {
    if (t.source !== 'HOTLINE_12345') return Promise.resolve(null);
    return ctx.loaders.hotlineOrders.load(t.id);
  }

  @Mutation(() => Ticket, { name: TICKET_ACTIONS[A.HOTLINE_RECORD_CONTACT].mutation, description: '12345: record contacting the caller (stops the hotline’s contact-by clock; sent back as order.contacted)' })
  async recordHotlineContact(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: HotlineContactInput) {
    return this.act(viewer, ctx, A.HOTLINE_RECORD_CONTACT, { ticketId: i.ticketId, method: i.method, note: i.note });
  }

  @Mutation(() => Ticket, { name: TICKET_ACTIONS[A.HOTLINE_REQUEST_RETURN].mutation, description: '12345: ask the hotline to take the order back, with its basis (counts toward 回退率; sent as order.return.requested)' })
  async requestHotlineReturn(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: HotlineReturnInput) {
    return this.act(viewer, ctx, A.HOTLINE_REQUEST_RETURN, { ticketId: i.ticketId, reason: i.reason, basis: i.basis, suggestedUnit: i.suggestedUnit ?? null });
  }

  @Mutation(() => Ticket, { name: TICKET_ACTIONS[A.HOTLINE_REQUEST_EXTENSION].mutation, description: '12345: ask for a later resolve-by (nothing changes until the hotline approves; sent as order.extension.requested)' })
  async requestHotlineExtension(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: HotlineExtensionInput) {
    return this.act(viewer, ctx, A.HOTLINE_REQUEST_EXTENSION, { ticketId: i.ticketId, reason: i.reason, requestedDeadline: i.requestedDeadline });
  }

  @Mutation(() => ContactReveal, {
    description: '12345: the caller’s name and phone. A confidential (保密) order shows them only to the designated contact — the project manager of the complex — and every look is logged on the timeline',
  })
  async revealHotlineCaller(@CurrentViewer() viewer: Viewer, @Args('ticketId', { type: () => ID }) ticketId: string): Promise<ContactReveal> {
    const t = await this.tickets.getVisible(viewer, ticketId);
    const [order] = t.source === 'HOTLINE_12345' ? await this.hotline.ordersOf([t.id]) : [];
    if (!order) throw badInput('该工单不是 12345 工单', { field: 'ticketId' });
    if (!order.confidential) return this.tickets.revealContact(viewer, ticketId);
    if (!(viewer.roles.has(Role.PROJECT_MANAGER) && viewer.managerComplexIds.has(t.complexId))) throw forbidden('保密工单的来电人信息仅指定联系人（项目经理）可见');
    await this.tickets.logLook(viewer, t, Role.PROJECT_MANAGER, HOTLINE_CALLER_REVEALED);
    return { name: order.callerName, phone: order.callerPhone };
  }

  /** A 12345 desk action through the lifecycle (table row, role and scope, hotline-only policy, input rule); the outbox follows it. */
  private async act(viewer: Viewer, ctx: GqlContext, action: UserAction, input: ActionInput) {
    const [t, look] = await Promise.all([this.tickets.act(viewer, action, input), this.org.lookups()]);
    return toTicketModel(t, look, ctx.loaders);
  }
}
