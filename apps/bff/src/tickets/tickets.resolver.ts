import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TicketAction as A } from '@msb/shared-types';
import type { GqlContext } from '../graphql/graphql-context';
import { OrgService } from '../org/org.service';
import { Building, Category, Complex, Spot, Unit, UserRef } from '../org/models/org.models';
import { badInput } from '../common/domain-error';
import { TicketsService } from './tickets.service';
import { inboxCursor, type TicketRow } from './tickets.repository';
import type { AttachmentEntity } from './ticket.entities';
import {
  AcceptTicketInput, AssignTicketInput, Attachment, CommentTicketInput, DispatchTicketInput, InboxFilterInput, NoteInput,
  OptionalReasonInput, ProgressInput, RateTicketInput, Rating, ReasonInput, RecordMediationInput, RefuseTicketInput,
  ReportTicketInput, ResolveTicketInput, Ticket, TicketConnection, TicketEvent,
} from './models/ticket.models';

const MAX_PAGE = 50;

function page(rows: TicketRow[], first: number, cursorOf: (t: TicketRow) => string = (t) => t.id): TicketConnection {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  return { nodes: nodes as unknown as Ticket[], pageInfo: { hasNextPage, endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null } };
}

function pageSize(first: number | undefined): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput(`first 须在 1–${MAX_PAGE} 之间`, { field: 'first' });
  return n;
}

export function attachmentModel(a: AttachmentEntity): Attachment {
  return { id: String(a.id), mime: a.mime, size: a.size, url: `/media/${a.id}` };
}

@Resolver(() => Ticket)
export class TicketsResolver {
  constructor(private readonly tickets: TicketsService) {}

  @Query(() => Ticket, { description: 'A ticket the caller may see (NOT_FOUND otherwise)' })
  async ticket(@Context() ctx: GqlContext, @Args('id', { type: () => ID }) id: string) {
    return this.tickets.getVisible(await ctx.auth.viewer(), id);
  }

  @Query(() => Ticket)
  async ticketByNumber(@Context() ctx: GqlContext, @Args('number') number: string) {
    return this.tickets.getVisibleByNumber(await ctx.auth.viewer(), number);
  }

  @Query(() => TicketConnection, { description: "The caller's own reports, newest first" })
  async myTickets(@Context() ctx: GqlContext, @Args('first', { type: () => Int, nullable: true }) first?: number, @Args('after', { nullable: true }) after?: string) {
    const n = pageSize(first);
    return page(await this.tickets.myTickets(await ctx.auth.viewer(), after, n + 1), n);
  }

  @Query(() => TicketConnection, { description: 'Work queue of staff, departments, mediators and oversight, within their scope: breached first, then nearest due (SLA clocks), then the rest newest first' })
  async inbox(
    @Context() ctx: GqlContext,
    @Args('filter', { nullable: true }) filter?: InboxFilterInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ) {
    const n = pageSize(first);
    return page(await this.tickets.inbox(await ctx.auth.viewer(), { ...filter, after }, n + 1), n, inboxCursor);
  }

  @Mutation(() => Ticket, { description: 'File a report from a QR code; a retry with the same idempotencyKey returns the same ticket' })
  async reportTicket(@Context() ctx: GqlContext, @Args('input') input: ReportTicketInput) {
    return this.tickets.report(await ctx.auth.viewer(), input);
  }

  @Mutation(() => Ticket)
  async acceptTicket(@Context() ctx: GqlContext, @Args('input') i: AcceptTicketInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.ACCEPT, i);
  }

  @Mutation(() => Ticket)
  async refuseTicket(@Context() ctx: GqlContext, @Args('input') i: RefuseTicketInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.REFUSE, { ...i, refuseReason: i.reason, reason: undefined });
  }

  @Mutation(() => Ticket)
  async assignTicket(@Context() ctx: GqlContext, @Args('input') i: AssignTicketInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.ASSIGN, i);
  }

  @Mutation(() => Ticket)
  async startTicket(@Context() ctx: GqlContext, @Args('input') i: NoteInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.START, i);
  }

  @Mutation(() => Ticket, { description: 'Progress note with photos; changes no state' })
  async addProgress(@Context() ctx: GqlContext, @Args('input') i: ProgressInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.ADD_PROGRESS, i);
  }

  @Mutation(() => Ticket)
  async dispatchTicket(@Context() ctx: GqlContext, @Args('input') i: DispatchTicketInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.DISPATCH, i);
  }

  @Mutation(() => Ticket)
  async acceptDispatch(@Context() ctx: GqlContext, @Args('input') i: NoteInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.ACCEPT_DISPATCH, i);
  }

  @Mutation(() => Ticket)
  async returnDispatch(@Context() ctx: GqlContext, @Args('input') i: ReasonInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.RETURN_DISPATCH, i);
  }

  @Mutation(() => Ticket)
  async resolveTicket(@Context() ctx: GqlContext, @Args('input') i: ResolveTicketInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.RESOLVE, { ...i, note: i.result });
  }

  @Mutation(() => Ticket, { description: 'solved → CLOSED; not solved → back to the handler' })
  async rateTicket(@Context() ctx: GqlContext, @Args('input') i: RateTicketInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.RATE, { ...i, note: i.comment });
  }

  @Mutation(() => Ticket)
  async reopenTicket(@Context() ctx: GqlContext, @Args('input') i: ReasonInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.REOPEN, i);
  }

  @Mutation(() => Ticket)
  async requestMediation(@Context() ctx: GqlContext, @Args('input') i: ReasonInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.REQUEST_MEDIATION, i);
  }

  @Mutation(() => Ticket)
  async recordMediation(@Context() ctx: GqlContext, @Args('input') i: RecordMediationInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.RECORD_MEDIATION, { ...i, note: i.notes });
  }

  @Mutation(() => Ticket)
  async withdrawTicket(@Context() ctx: GqlContext, @Args('input') i: OptionalReasonInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.WITHDRAW, i);
  }

  @Mutation(() => Ticket, { description: 'A comment on the timeline; changes no state' })
  async commentTicket(@Context() ctx: GqlContext, @Args('input') i: CommentTicketInput) {
    return this.tickets.act(await ctx.auth.viewer(), A.COMMENT, { ...i, note: i.text });
  }
}

/** Fields of Ticket that need other data; each batched per request through the loaders. */
@Resolver(() => Ticket)
export class TicketFieldsResolver {
  constructor(private readonly tickets: TicketsService, private readonly org: OrgService) {}

  @ResolveField(() => Category)
  async category(@Parent() t: TicketRow) {
    return this.org.category(t.categoryCode);
  }

  @ResolveField(() => Complex)
  complex(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    return ctx.loaders.complex.load(t.complexId);
  }

  @ResolveField(() => Spot, { nullable: true })
  spot(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    return t.spotId === null ? null : ctx.loaders.spot.load(t.spotId);
  }

  @ResolveField(() => Building, { nullable: true })
  building(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    return t.buildingId === null ? null : ctx.loaders.building.load(t.buildingId);
  }

  @ResolveField(() => UserRef)
  reporter(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    return ctx.loaders.user.load(t.reporterId);
  }

  @ResolveField(() => UserRef, { nullable: true })
  assignee(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    return t.assigneeId === null ? null : ctx.loaders.user.load(t.assigneeId);
  }

  @ResolveField(() => Unit, { nullable: true, description: 'The team or outside department handling it, when handed on' })
  handlingUnit(@Parent() t: TicketRow) {
    return t.handlingUnitId === null ? null : this.org.unit(t.handlingUnitId);
  }

  @ResolveField(() => Unit, { nullable: true, description: 'Where it waits to be accepted or returned (DISPATCHED)' })
  dispatchTarget(@Parent() t: TicketRow) {
    return t.dispatchTargetUnitId === null ? null : this.org.unit(t.dispatchTargetUnitId);
  }

  @ResolveField(() => Rating, { nullable: true })
  rating(@Parent() t: TicketRow): Rating | null {
    return t.ratingScore === null || t.ratedAt === null ? null : { solved: !!t.ratingSolved, satisfaction: t.ratingScore, ratedAt: t.ratedAt };
  }

  @ResolveField(() => String)
  async contactPhone(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    const v = await ctx.auth.optional();
    // The handler reads it through revealContact, which logs each look on the timeline.
    if (v && v.userId === t.reporterId) return t.contactPhone;
    return t.contactPhone ? `${t.contactPhone.slice(0, 3)}****${t.contactPhone.slice(-4)}` : '';
  }

  @ResolveField(() => [TicketEvent], { description: 'The whole timeline, oldest first' })
  async timeline(@Parent() t: TicketRow, @Context() ctx: GqlContext): Promise<TicketEvent[]> {
    const [events, attachments] = await Promise.all([ctx.loaders.events.load(t.id), ctx.loaders.attachments.load(t.id)]);
    const actors = await ctx.loaders.user.loadMany([...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x).map(String))]);
    const names = new Map(actors.filter((u): u is NonNullable<typeof u> & { id: string } => !!u && !(u instanceof Error)).map((u) => [String(u.id), u.name]));
    return events.map((e) => ({
      id: String(e.id), action: e.action, actorRole: e.actorRole, actorName: e.actorId ? (names.get(String(e.actorId)) ?? null) : null,
      fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, data: e.data ? JSON.stringify(e.data) : null,
      attachments: attachments.filter((a) => String(a.eventId) === String(e.id)).map(attachmentModel), createdAt: e.createdAt,
    }));
  }

  @ResolveField(() => [Attachment])
  async attachments(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    return (await ctx.loaders.attachments.load(t.id)).map(attachmentModel);
  }

  @ResolveField(() => [A], { description: 'What the caller may do now, from the lifecycle table and their role and scope' })
  async availableActions(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    const v = await ctx.auth.optional();
    return v ? this.tickets.availableActions(v, t) : [];
  }
}
