import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, TICKET_ACTIONS, TicketAction as A } from '@msb/shared-types';
import type { GqlContext } from '../graphql/graphql-context';
import { OrgService } from '../org/org.service';
import { badInput, DomainError } from '../common/domain-error';
import { CurrentViewer, OptionalViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { shownContactPhone } from './domain/contact';
import { TicketsService } from './tickets.service';
import { inboxCursor, type TicketRow } from './tickets.repository';
import type { AttachmentEntity } from './ticket.entities';
import {
  AcceptTicketInput, AssignTicketInput, Attachment, CommentTicketInput, DispatchTicketInput, InboxFilterInput, NoteInput,
  OptionalReasonInput, ProgressInput, RateTicketInput, Rating, ReasonInput, RecordMediationInput, RefuseTicketInput,
  ReportTicketInput, ResolveTicketInput, SuperviseTicketInput, Ticket, TicketConnection, TicketEvent,
} from './models/ticket.models';

const MAX_PAGE = 50;
const PAGE_SIZE = `Page size, 1–${MAX_PAGE}; default 20`;
const AFTER = "The previous page's pageInfo.endCursor";

/**
 * Where a mutation's input names a field differently from the action's input rule (the rule reads `note`, the
 * client sent `text`), an error names the client's field: `extensions.field` is always one of the input's own.
 */
export async function asInput<T>(names: Record<string, string>, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const field = e.details?.field;
    if (typeof field === 'string' && names[field]) throw new DomainError(e.code, e.message, { ...e.details, field: names[field] });
    throw e;
  }
}

/** The mutation of an action, named as the lifecycle table names it. */
export const ActionMutation = (action: A, description?: string) => Mutation(() => Ticket, { name: TICKET_ACTIONS[action].mutation!, description });

type Lookups = Awaited<ReturnType<OrgService['lookups']>>;
type Maybe<T> = T | Promise<T>;

/**
 * The GraphQL model of a ticket: the row (which the remaining field resolvers read) plus its related
 * objects as plain values, from names joined in on read or from the cached directory. Only a row
 * composed after a change falls back to the batch loaders. Per-field resolvers cost ~20 µs each through
 * Nest, which on a 20-row list was most of the request.
 */
export type TicketModel = TicketRow & { [K in 'category' | 'complex' | 'spot' | 'building' | 'reporter' | 'assignee' | 'handlingUnit' | 'dispatchTarget' | 'rating']: Maybe<Ticket[K]> };

export function toTicketModel(t: TicketRow, look: Lookups, loaders: GqlContext['loaders']): TicketModel {
  const d = t.display;
  const unit = (id: number | null) => {
    const u = id === null ? undefined : look.unit(id);
    return u ? { id: u.id, name: u.name, kind: u.kind } : null;
  };
  const model = {
    ...t,
    category: look.category(t.categoryCode)!,
    handlingUnit: unit(t.handlingUnitId),
    dispatchTarget: unit(t.dispatchTargetUnitId),
    // The current round's rating (a resolve starts a new round and clears it; every rating stays in `ratings`).
    rating: t.ratingScore === null || t.ratedAt === null ? null : { solved: !!t.ratingSolved, satisfaction: t.ratingScore, ratedAt: t.ratedAt },
  } as unknown as TicketModel;
  // Getters, so a loader runs only when the query asks for the field.
  Object.defineProperties(model, {
    complex: { enumerable: true, get: () => (d ? { id: t.complexId, name: d.complexName, address: d.complexAddress, communityId: t.communityId, companyId: t.companyId } : loaders.complex.load(t.complexId)) },
    spot: { enumerable: true, get: () => (t.spotId === null ? null : d ? { id: t.spotId, name: d.spotName, kind: d.spotKind, buildingId: d.spotBuildingId } : loaders.spot.load(t.spotId)) },
    building: { enumerable: true, get: () => (t.buildingId === null ? null : d && d.buildingName !== null ? { id: t.buildingId, name: d.buildingName } : loaders.building.load(t.buildingId)) },
    reporter: { enumerable: true, get: () => (d ? { id: t.reporterId, name: d.reporterName } : loaders.user.load(t.reporterId)) },
    assignee: { enumerable: true, get: () => (t.assigneeId === null ? null : d && d.assigneeId === t.assigneeId ? { id: t.assigneeId, name: d.assigneeName } : loaders.user.load(t.assigneeId)) },
  });
  return model;
}

function page(rows: TicketModel[], first: number, cursorOf: (t: TicketRow) => string = (t) => t.id): TicketConnection {
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
  return { id: String(a.id), mime: a.mime, size: a.size, url: `/media/${a.id}`, sha256: a.sha256 };
}

@Resolver(() => Ticket)
export class TicketsResolver {
  constructor(private readonly tickets: TicketsService, private readonly org: OrgService) {}

  private async one(ctx: GqlContext, row: Promise<TicketRow>): Promise<TicketModel> {
    const [t, look] = await Promise.all([row, this.org.lookups()]);
    return toTicketModel(t, look, ctx.loaders);
  }

  private async many(ctx: GqlContext, rows: Promise<TicketRow[]>): Promise<TicketModel[]> {
    const [ts, look] = await Promise.all([rows, this.org.lookups()]);
    return ts.map((t) => toTicketModel(t, look, ctx.loaders));
  }

  @Query(() => Ticket, { description: 'A ticket the caller may see (NOT_FOUND otherwise)' })
  async ticket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('id', { type: () => ID }) id: string) {
    return this.one(ctx, this.tickets.getVisible(viewer, id));
  }

  @Query(() => Ticket)
  async ticketByNumber(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('number') number: string) {
    return this.one(ctx, this.tickets.getVisibleByNumber(viewer, number));
  }

  @Query(() => [Ticket], { description: 'The inbox search box: tickets a typed number means (MSB-20261201-0012, 20261201-12, or a bare 12 of the last 7 days), those the caller may see' })
  async searchTicketNumber(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('query') query: string) {
    return this.many(ctx, this.tickets.searchByNumber(viewer, query));
  }

  @Query(() => TicketConnection, { description: "The caller's own reports, newest first" })
  async myTickets(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('first', { type: () => Int, nullable: true, description: PAGE_SIZE }) first?: number, @Args('after', { nullable: true, description: AFTER }) after?: string) {
    const n = pageSize(first);
    return page(await this.many(ctx, this.tickets.myTickets(viewer, after, n + 1)), n);
  }

  @Query(() => TicketConnection, { description: 'Work queue of staff, departments, mediators and oversight, within their scope: breached first, then nearest due (SLA clocks), then the rest newest first' })
  async inbox(
    @CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext,
    @Args('filter', { nullable: true }) filter?: InboxFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: PAGE_SIZE }) first?: number,
    @Args('after', { nullable: true, description: AFTER }) after?: string,
  ) {
    const n = pageSize(first);
    return page(await this.many(ctx, this.tickets.inbox(viewer, { ...filter, after }, n + 1)), n, inboxCursor);
  }

  @ActionMutation(A.REPORT, 'File a report from a QR code; a retry with the same idempotencyKey returns the same ticket')
  async reportTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') input: ReportTicketInput) {
    return this.one(ctx, this.tickets.report(viewer, input));
  }

  @ActionMutation(A.ACCEPT)
  async acceptTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: AcceptTicketInput) {
    return this.one(ctx, this.tickets.act(viewer, A.ACCEPT, i));
  }

  @ActionMutation(A.REFUSE)
  async refuseTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: RefuseTicketInput) {
    return this.one(ctx, this.tickets.act(viewer, A.REFUSE, { ...i, refuseReason: i.reason, reason: undefined }));
  }

  @ActionMutation(A.ASSIGN)
  async assignTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: AssignTicketInput) {
    return this.one(ctx, this.tickets.act(viewer, A.ASSIGN, i));
  }

  @ActionMutation(A.START)
  async startTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: NoteInput) {
    return this.one(ctx, this.tickets.act(viewer, A.START, i));
  }

  @ActionMutation(A.ADD_PROGRESS, 'Progress note with photos; changes no state')
  async addProgress(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: ProgressInput) {
    return this.one(ctx, this.tickets.act(viewer, A.ADD_PROGRESS, i));
  }

  @ActionMutation(A.DISPATCH)
  async dispatchTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: DispatchTicketInput) {
    return this.one(ctx, this.tickets.act(viewer, A.DISPATCH, i));
  }

  @ActionMutation(A.ACCEPT_DISPATCH)
  async acceptDispatch(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: NoteInput) {
    return this.one(ctx, this.tickets.act(viewer, A.ACCEPT_DISPATCH, i));
  }

  @ActionMutation(A.RETURN_DISPATCH)
  async returnDispatch(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: ReasonInput) {
    return this.one(ctx, this.tickets.act(viewer, A.RETURN_DISPATCH, i));
  }

  @ActionMutation(A.RESOLVE)
  async resolveTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: ResolveTicketInput) {
    return this.one(ctx, asInput({ note: 'result' }, this.tickets.act(viewer, A.RESOLVE, { ...i, note: i.result })));
  }

  @ActionMutation(A.RATE, 'solved → CLOSED; not solved → back to the handler')
  async rateTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: RateTicketInput) {
    return this.one(ctx, asInput({ note: 'comment' }, this.tickets.act(viewer, A.RATE, { ...i, note: i.comment })));
  }

  @ActionMutation(A.REOPEN)
  async reopenTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: ReasonInput) {
    return this.one(ctx, this.tickets.act(viewer, A.REOPEN, i));
  }

  @ActionMutation(A.REQUEST_MEDIATION)
  async requestMediation(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: ReasonInput) {
    return this.one(ctx, this.tickets.act(viewer, A.REQUEST_MEDIATION, i));
  }

  @ActionMutation(A.RECORD_MEDIATION)
  async recordMediation(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: RecordMediationInput) {
    return this.one(ctx, asInput({ note: 'notes' }, this.tickets.act(viewer, A.RECORD_MEDIATION, { ...i, note: i.notes })));
  }

  @ActionMutation(A.WITHDRAW)
  async withdrawTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: OptionalReasonInput) {
    return this.one(ctx, this.tickets.act(viewer, A.WITHDRAW, i));
  }

  @ActionMutation(A.SUPERVISE, '督办: oversight urges the ticket (note, optional new deadline); on the timeline, notified to the handler and the complex\'s managers, counted in the figures; changes no state')
  async superviseTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: SuperviseTicketInput) {
    return this.one(ctx, this.tickets.act(viewer, A.SUPERVISE, i));
  }

  @ActionMutation(A.COMMENT, 'A comment on the timeline; changes no state')
  async commentTicket(@CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext, @Args('input') i: CommentTicketInput) {
    return this.one(ctx, asInput({ note: 'text' }, this.tickets.act(viewer, A.COMMENT, { ...i, note: i.text })));
  }
}

/** Fields of Ticket that need other data; each batched per request through the loaders. */
@Resolver(() => Ticket)
export class TicketFieldsResolver {
  constructor(private readonly tickets: TicketsService) {}

  @ResolveField(() => String)
  contactPhone(@Parent() t: TicketRow, @OptionalViewer() v: Viewer | null) {
    return shownContactPhone(v, t);
  }

  @ResolveField(() => [TicketEvent], { description: 'The whole timeline, oldest first' })
  async timeline(@Parent() t: TicketRow, @Context() ctx: GqlContext, @OptionalViewer() v: Viewer | null): Promise<TicketEvent[]> {
    const [events, attachments] = await Promise.all([ctx.loaders.events.load(t.id), ctx.loaders.attachments.load(t.id)]);
    const assigneeOf = (e: (typeof events)[number]) => ((e.action === A.ASSIGN || e.action === A.ACCEPT) && e.data?.assigneeId ? String(e.data.assigneeId) : null);
    const actors = await ctx.loaders.user.loadMany([...new Set([...events.map((e) => e.actorId), ...events.map(assigneeOf)].filter((x): x is string => !!x).map(String))]);
    const names = new Map(actors.filter((u): u is NonNullable<typeof u> & { id: string } => !!u && !(u instanceof Error)).map((u) => [String(u.id), u.name]));
    // Other owners on an owner's timeline ("me too") stay nameless: owners never see each other's names.
    const hidden = (e: (typeof events)[number]) => e.actorRole === Role.OWNER && !!v && String(e.actorId) !== v.userId && [...v.roles].every((r) => r === Role.OWNER);
    return events.map((e) => ({
      id: String(e.id), action: e.action, actorRole: e.actorRole, actorName: e.actorId && !hidden(e) ? (names.get(String(e.actorId)) ?? null) : null,
      assigneeName: assigneeOf(e) ? (names.get(assigneeOf(e)!) ?? null) : null,
      fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, data: e.data ? JSON.stringify(e.data) : null,
      attachments: attachments.filter((a) => String(a.eventId) === String(e.id)).map(attachmentModel), createdAt: e.createdAt,
      dueAt: e.action.startsWith('SLA_') ? e.createdAt : null, appliedAt: e.appliedAt ?? e.createdAt,
    }));
  }

  @ResolveField(() => [Rating], { description: 'Every rating the ticket was given, oldest first (the owner’s, or the 12345 callback’s); the latest is the current one' })
  async ratings(@Parent() t: TicketRow, @Context() ctx: GqlContext): Promise<Rating[]> {
    const events = await ctx.loaders.events.load(t.id);
    return events.filter((e) => e.action === A.RATE && e.data).map((e) => {
      const d = e.data as { solved?: unknown; satisfaction?: unknown; channel?: { type?: unknown } };
      return { solved: d.solved === true, satisfaction: Number(d.satisfaction), ratedAt: e.createdAt, fromHotline: d.channel?.type === 'order.callback' };
    });
  }

  @ResolveField(() => [Attachment])
  async attachments(@Parent() t: TicketRow, @Context() ctx: GqlContext) {
    return (await ctx.loaders.attachments.load(t.id)).map(attachmentModel);
  }

  @ResolveField(() => [A], { description: 'What the caller may do now, from the lifecycle table and their role and scope' })
  availableActions(@Parent() t: TicketRow, @OptionalViewer() v: Viewer | null) {
    return v ? this.tickets.availableActions(v, t) : [];
  }
}
