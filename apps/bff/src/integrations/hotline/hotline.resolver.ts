import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Role, TicketAction as A } from '@msb/shared-types';
import { badInput, forbidden } from '../../common/domain-error';
import type { GqlContext } from '../../graphql/graphql-context';
import { Ticket } from '../../tickets/models/ticket.models';
import { ContactReveal } from '../../tickets/models/handling.models';
import type { TicketRow } from '../../tickets/ticket-row';
import { TicketsService } from '../../tickets/tickets.service';
import { shanghaiIso } from './hotline-contract';
import { HotlineExtensionInput, HotlineContactInput, HotlineOrderView, HotlineReturnInput } from './hotline.models';
import { HotlineService } from './hotline.service';

const loaders = new WeakMap<object, DataLoader<string, HotlineOrderView | null>>();
/** Timeline entry written when the designated contact looks at a confidential caller. */
export const HOTLINE_CALLER_REVEALED = 'HOTLINE_CALLER_REVEALED';
const METHODS: Record<string, string> = { phone: '电话', visit: '上门', wechat: '微信' };

/**
 * Staff side of the hotline link: the order on the ticket, and the three actions the hotline expects. Each
 * action is a comment on the ticket through the tickets service (same permissions as commenting), sent back
 * to the hotline through the outbox written in that comment's transaction.
 */
@Resolver(() => Ticket)
export class HotlineResolver {
  constructor(private readonly hotline: HotlineService, private readonly tickets: TicketsService) {}

  @ResolveField(() => HotlineOrderView, { nullable: true, description: 'The 12345 work order, when the ticket came from the hotline' })
  hotlineOrder(@Parent() t: TicketRow, @Context() ctx: GqlContext): Promise<HotlineOrderView | null> {
    if (t.source !== 'HOTLINE_12345') return Promise.resolve(null);
    let loader = loaders.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const orders = new Map((await this.hotline.ordersOf(ids)).map((o) => [o.ticketId, o]));
        return ids.map((id) => {
          const o = orders.get(id);
          return o ? { orderNo: o.orderNo, confidential: o.confidential, signBy: o.signBy, contactBy: o.contactBy, resolveBy: o.resolveBy, redoCount: o.redoCount, state: o.state } : null;
        });
      });
      loaders.set(ctx, loader);
    }
    return loader.load(t.id);
  }

  @Mutation(() => Ticket, { description: '12345: record contacting the caller (stops the hotline’s contact-by clock)' })
  async recordHotlineContact(@Context() ctx: GqlContext, @Args('input') i: HotlineContactInput) {
    const method = METHODS[i.method];
    if (!method) throw badInput('联系方式须为 phone、visit 或 wechat', { field: 'method' });
    return this.comment(ctx, i.ticketId, `已联系来电人（${method}）：${i.note}`, { hotlineOut: 'order.contacted', method: i.method });
  }

  @Mutation(() => Ticket, { description: '12345: ask the hotline to take the order back (counts toward 回退率)' })
  async requestHotlineReturn(@Context() ctx: GqlContext, @Args('input') i: HotlineReturnInput) {
    if (!i.basis?.trim()) throw badInput('请填写退回依据', { field: 'basis' });
    return this.comment(ctx, i.ticketId, `申请退回：${i.reason}（依据：${i.basis}）`, { hotlineOut: 'order.return.requested', reason: i.reason, basis: i.basis, suggestedUnit: i.suggestedUnit ?? null });
  }

  @Mutation(() => Ticket, { description: '12345: ask for more time (nothing changes until the hotline approves)' })
  async requestHotlineExtension(@Context() ctx: GqlContext, @Args('input') i: HotlineExtensionInput) {
    const until = new Date(i.requestedDeadline);
    if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now() - 60_000) throw badInput('申请的期限须晚于现在', { field: 'requestedDeadline' });
    return this.comment(ctx, i.ticketId, `申请延期至 ${shanghaiIso(until).slice(0, 16).replace('T', ' ')}：${i.reason}`, { hotlineOut: 'order.extension.requested', reason: i.reason, requestedDeadline: shanghaiIso(until) });
  }

  @Mutation(() => ContactReveal, {
    description: '12345: the caller’s name and phone. A confidential (保密) order shows them only to the designated contact — the project manager of the complex — and every look is logged on the timeline',
  })
  async revealHotlineCaller(@Context() ctx: GqlContext, @Args('ticketId', { type: () => ID }) ticketId: string): Promise<ContactReveal> {
    const viewer = await ctx.auth.viewer();
    const t = await this.tickets.getVisible(viewer, ticketId);
    const [order] = t.source === 'HOTLINE_12345' ? await this.hotline.ordersOf([t.id]) : [];
    if (!order) throw badInput('该工单不是 12345 工单', { field: 'ticketId' });
    if (!order.confidential) return this.tickets.revealContact(viewer, ticketId);
    if (!(viewer.roles.has(Role.PROJECT_MANAGER) && viewer.managerComplexIds.has(t.complexId))) throw forbidden('保密工单的来电人信息仅指定联系人（项目经理）可见');
    await this.tickets.logLook(viewer, t, Role.PROJECT_MANAGER, HOTLINE_CALLER_REVEALED);
    return { name: order.callerName, phone: order.callerPhone };
  }

  private async comment(ctx: GqlContext, ticketId: string, note: string, channel: Record<string, unknown>) {
    const viewer = await ctx.auth.viewer();
    const t = await this.tickets.getVisible(viewer, ticketId);
    if (t.source !== 'HOTLINE_12345') throw badInput('该工单不是 12345 工单', { field: 'ticketId' });
    if (!(await this.hotline.ordersOf([t.id])).some((o) => o.state !== 'ARCHIVED')) throw badInput('该 12345 工单已归档', { field: 'ticketId' });
    return this.tickets.act(viewer, A.COMMENT, { ticketId, note: note.slice(0, 500), channel });
  }
}
