import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RefuseReason, TICKET_ACTIONS, TicketAction as A, TicketStatus as S } from '@msb/shared-types';
import type { GqlContext } from '../graphql/graphql-context';
import { badInput } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { publicSummary } from './domain/link-inputs';
import { BulkAssignInput, BulkAssignResult, MergeTicketInput, PublicStep, PublicTicket, Refusal, SupportTicketInput, TicketRef } from './models/link.models';
import { ReasonInput, Ticket } from './models/ticket.models';
import { TicketLinks, type PublicView } from './ticket-links';
import { TicketsService } from './tickets.service';
import { toTicketModel, type TicketModel } from './tickets.resolver';
import type { TicketRow } from './tickets.repository';

/** "Me too", merging and unmerging duplicates, and bulk assignment (issue 13 §5, §9). */
@Resolver(() => PublicTicket)
export class LinksResolver {
  constructor(private readonly tickets: TicketsService, private readonly links: TicketLinks, private readonly org: OrgService) {}

  private async publicModel(v: PublicView): Promise<PublicTicket> {
    const look = await this.org.lookups();
    return {
      id: v.id, number: v.number, category: look.category(v.categoryCode)!, summary: publicSummary(v.text), spotName: v.spotName, status: v.status,
      supporterCount: v.supporterCount, following: v.following, createdAt: v.createdAt, updatedAt: v.updatedAt,
    } as PublicTicket;
  }

  private async model(ctx: GqlContext, row: Promise<TicketRow>): Promise<TicketModel> {
    const [t, look] = await Promise.all([row, this.org.lookups()]);
    return toTicketModel(t, look, ctx.loaders);
  }

  @Query(() => [PublicTicket], { description: 'While filing: open reports of the scanned complex in this category from the last 7 days (not the caller’s own), to join instead of filing again' })
  async similarTickets(@CurrentViewer() viewer: Viewer, @Args('qrToken') qrToken: string, @Args('categoryCode') categoryCode: string) {
    return Promise.all((await this.links.similar(viewer, qrToken, categoryCode)).map((v) => this.publicModel(v)));
  }

  @Query(() => [PublicTicket], { description: 'Reports the caller follows (joined with "me too", or theirs merged into), newest first' })
  async followedTickets(@CurrentViewer() viewer: Viewer, @Args('first', { type: () => Int, nullable: true, description: '1–50; default 20' }) first?: number) {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > 50) throw badInput('first 须在 1–50 之间', { field: 'first' });
    return Promise.all((await this.links.followed(viewer, n)).map((v) => this.publicModel(v)));
  }

  @Query(() => PublicTicket, { description: 'A report the caller follows (NOT_FOUND for anyone else)' })
  async publicTicket(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.publicModel(await this.links.publicTicket(viewer, id));
  }

  @ResolveField(() => [PublicStep], { description: 'When it reached each status' })
  progress(@Parent() p: PublicTicket) {
    return this.links.statusSteps(p.id);
  }

  @Mutation(() => PublicTicket, { name: TICKET_ACTIONS[A.SUPPORT].mutation, description: '"Me too": follow another owner’s open report of the complex (its progress is notified); it counts one more supporter' })
  async supportTicket(@CurrentViewer() viewer: Viewer, @Args('input') i: SupportTicketInput) {
    await this.tickets.act(viewer, A.SUPPORT, { ticketId: i.ticketId, qrToken: i.qrToken });
    return this.publicModel(await this.links.publicTicket(viewer, i.ticketId));
  }

  @Mutation(() => Ticket, { name: TICKET_ACTIONS[A.MERGE].mutation, description: 'Close a duplicate by merging it into an open ticket of the same complex; its owner (and followers) follow that one' })
  async mergeTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: MergeTicketInput) {
    return this.model(ctx, this.tickets.act(viewer, A.MERGE, i));
  }

  @Mutation(() => Ticket, { name: TICKET_ACTIONS[A.UNMERGE].mutation, description: 'Undo a wrong merge: the ticket is on its own again, back at the front desk (待受理)' })
  async unmergeTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: ReasonInput) {
    return this.model(ctx, this.tickets.act(viewer, A.UNMERGE, i));
  }

  @Mutation(() => [BulkAssignResult], { description: '批量指派 for project managers: each ticket its own ASSIGN (compare-and-set + timeline entry); per ticket what happened' })
  async bulkAssignTickets(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: BulkAssignInput) {
    const look = await this.org.lookups();
    return (await this.tickets.bulkAssign(viewer, i.items ?? [], i.assigneeId, i.note)).map((r) => ({ ...r, ticket: r.ticket && toTicketModel(r.ticket, look, ctx.loaders) }));
  }
}

/** Ticket fields of the same features. */
@Resolver(() => Ticket)
export class TicketLinkFieldsResolver {
  constructor(private readonly links: TicketLinks) {}

  @ResolveField(() => Int, { description: 'Owners following it besides its reporter ("me too", or their report merged into it)' })
  async supporterCount(@Parent() t: TicketRow) {
    return (await this.links.supporterCounts([t.id])).get(t.id) ?? 0;
  }

  @ResolveField(() => TicketRef, { nullable: true, description: 'MERGED: the ticket it was merged into' })
  async mergedInto(@Parent() t: TicketRow): Promise<TicketRef | null> {
    return t.status === S.MERGED ? this.links.mergedInto(t.id) : null;
  }

  @ResolveField(() => Refusal, { nullable: true, description: 'REFUSED: why, who declined, and where the owner may turn instead' })
  async refusal(@Parent() t: TicketRow, @Context() ctx: GqlContext): Promise<Refusal | null> {
    if (t.status !== S.REFUSED) return null;
    const e = [...(await ctx.loaders.events.load(t.id))].reverse().find((x) => x.action === A.REFUSE);
    if (!e) return null;
    const d = (e.data ?? {}) as Record<string, unknown>;
    const actor = e.actorId ? await ctx.loaders.user.load(String(e.actorId)) : null;
    const str = (x: unknown) => (typeof x === 'string' ? x : null);
    return {
      reason: (d.refuseReason as RefuseReason) ?? RefuseReason.OTHER, note: e.note, declinedBy: str(d.declinedBy), declinedByName: actor && !(actor instanceof Error) ? actor.name : null,
      suggestedUnitName: str(d.suggestedUnitName), suggestHotline: d.suggestHotline === true, duplicateOfNumber: str(d.duplicateOfNumber), at: e.createdAt,
    };
  }
}
