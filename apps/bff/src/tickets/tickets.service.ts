import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCode, Role, TicketAction as A, TicketSource, TicketStatus as S } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { badInput, DomainError, forbidden, notFound } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { dispatchRefusal, type ActionInput, type UserAction } from './domain/action-inputs';
import { availableActions, canView, relationHolds } from './domain/ticket-access';
import { checkPolicy } from './domain/ticket-policy';
import { assigneeChoices, assignOffered, numberCandidates } from './domain/assignees';
import { TicketTransitions, type ReportInput, type SourceReportInput } from './ticket-transitions';
import type { SystemNote } from './ticket-row';
import { TicketEventsRepository } from './ticket-events.repository';
import { TicketListsRepository } from './ticket-lists.repository';
import { withNames } from './ticket-names';
import { parseInboxCursor, TicketsRepository, type InboxQuery, type SourceQuery, type TicketRow, type TimelineEvent } from './tickets.repository';

export type { ActionInput, ReportInput, SourceReportInput, UserAction };

/** The most tickets one bulk assignment takes. */
export const BULK_MAX = 50;

/** Timeline entry written when the handler looks up the owner's phone. */
export const CONTACT_REVEALED = 'CONTACT_REVEALED';

export interface InboxFilter {
  statuses?: S[] | null;
  categoryCodes?: string[] | null;
  complexId?: number | null;
  assigneeId?: string | null;
  unassigned?: boolean | null;
  after?: string | null;
  first?: number | null;
}

/**
 * The tickets feature's face to the resolvers and to other features: reads within the viewer's scope,
 * the changes (done by TicketTransitions), and what followers writing beside a ticket need.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly events: TicketEventsRepository,
    private readonly org: OrgService,
    private readonly clock: Clock,
    private readonly transitions: TicketTransitions,
    private readonly lists: TicketListsRepository,
  ) {}

  // ---- reads -------------------------------------------------------------------------------

  async getVisible(viewer: Viewer, id: string): Promise<TicketRow> {
    const t = await this.repo.findById(id);
    if (!t || !canView(viewer, t)) throw notFound('工单');
    return t;
  }

  async getVisibleByNumber(viewer: Viewer, number: string): Promise<TicketRow> {
    const t = await this.repo.findByNumber(number);
    if (!t || !canView(viewer, t)) throw notFound('工单');
    return t;
  }

  availableActions(viewer: Viewer, t: TicketRow): A[] {
    const now = this.clock.now();
    return availableActions(viewer, t, (a) => checkPolicy(a, t, now).ok && (a !== A.ASSIGN || assignOffered(viewer, t)));
  }

  /**
   * Whom the caller may give this ticket to now (受理并指派 in REPORTED, 指派 later), with each one's open load,
   * fewest first: exactly the people the ACCEPT / ASSIGN input rule would accept from them (domain/assignees).
   */
  async assignees(viewer: Viewer, ticketId: string): Promise<{ id: string; name: string; role: Role; openCount: number }[]> {
    const t = await this.getVisible(viewer, ticketId);
    const offered = this.availableActions(viewer, t);
    if (!offered.includes(A.ACCEPT) && !offered.includes(A.ASSIGN)) return [];
    const choices = assigneeChoices(viewer, t, await this.org.handlersOfComplex(t.complexId));
    const open = await this.repo.openCountsOf(choices.map((h) => h.id));
    return choices.map((h) => ({ ...h, openCount: open.get(h.id) ?? 0 })).sort((a, b) => a.openCount - b.openCount || Number(a.id) - Number(b.id));
  }

  /**
   * The inbox's search box: the tickets a typed number can mean (the whole number, a day and its sequence, or
   * a bare sequence of the last days: domain/assignees.numberCandidates), each an exact look-up on the unique
   * number, only those the caller may see; newest first.
   */
  async searchByNumber(viewer: Viewer, query: string): Promise<TicketRow[]> {
    if (query.length > 40) throw badInput('工单编号过长', { field: 'query' });
    const found = await Promise.all(numberCandidates(query, this.clock.now()).map((n) => this.repo.findByNumber(n)));
    return found.filter((t): t is TicketRow => !!t && canView(viewer, t));
  }

  /** Staff and managers serving a complex, each with the open tickets assigned to them (the assign sheet). */
  async handlersOf(viewer: Viewer, complexId: number): Promise<{ id: string; name: string; role: Role; openCount: number }[]> {
    // Not a handler at all: the role may not ask. A handler of other complexes: as for everything outside their scope, NOT_FOUND.
    if (!viewer.roles.has(Role.STAFF) && !viewer.roles.has(Role.PROJECT_MANAGER)) throw forbidden();
    if (!viewer.managerComplexIds.has(complexId) && !viewer.staffComplexIds.has(complexId)) throw notFound('小区');
    const handlers = await this.org.handlersOfComplex(complexId);
    const open = await this.repo.openCountsOf(handlers.map((h) => h.id));
    return handlers.map((h) => ({ ...h, openCount: open.get(h.id) ?? 0 }));
  }

  /**
   * Where the caller may dispatch: with a ticket, exactly the candidates its DISPATCH rule accepts
   * (dispatchRefusal); without one, every candidate of the caller's scope.
   */
  async dispatchTargets(viewer: Viewer, ticketId?: string | null) {
    const [candidates, t] = await Promise.all([this.org.dispatchCandidates(viewer), ticketId ? this.getVisible(viewer, ticketId) : null]);
    return t ? candidates.filter((u) => dispatchRefusal(u, t) === null) : candidates;
  }

  async myTickets(viewer: Viewer, after: string | null | undefined, first: number): Promise<TicketRow[]> {
    return this.named(await this.lists.findMine(viewer.userId, after ?? undefined, first));
  }

  /** Rows read from `tickets` alone, with org's names and unit kinds (see ticket-names.ts). */
  private named(rows: TicketRow[]): Promise<TicketRow[]> {
    return withNames(this.org, rows);
  }

  async inbox(viewer: Viewer, f: InboxFilter, limit: number): Promise<TicketRow[]> {
    const worker = [Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER, Role.DEPT_HEAD, Role.MEDIATOR, Role.OVERSIGHT, Role.ADMIN];
    if (!worker.some((r) => viewer.roles.has(r))) throw forbidden('仅工作人员可查看工单池');
    const oversight = viewer.roles.has(Role.ADMIN) ? 'ALL' : viewer.oversightCommunityIds === 'ALL' ? 'ALL' : [...viewer.oversightCommunityIds];
    const q: InboxQuery = {
      complexIds: [...new Set([...viewer.staffComplexIds, ...viewer.managerComplexIds])],
      unitIds: [...viewer.unitIds],
      mediationCommunityIds: [...viewer.mediatorCommunityIds],
      oversightCommunityIds: oversight,
      statuses: f.statuses ?? undefined,
      categoryCodes: f.categoryCodes ?? undefined,
      complexId: f.complexId ?? undefined,
      assigneeId: f.assigneeId ?? undefined,
      unassigned: f.unassigned ?? undefined,
      limit,
    };
    if (f.after) {
      const after = parseInboxCursor(f.after);
      if (!after) throw badInput('分页游标无效', { field: 'after' });
      q.after = after;
    }
    return this.named(await this.lists.findInbox(q));
  }

  /** A ticket by id without a viewer, for channels that keep their own reference to it (the hotline's order). */
  ticketById(id: string): Promise<TicketRow | null> {
    return this.repo.findById(id);
  }

  /** A channel's own listing (Open311 GET requests): tickets of that source, no viewer scope (the channel publishes them). */
  listBySource(q: SourceQuery): Promise<TicketRow[]> {
    return this.repo.findBySource(q);
  }

  /** Timeline events of a source's tickets (Open311 servicerequestupdates); each event id is a stable update id. */
  eventsBySource(source: TicketSource, actions: readonly string[], from: Date, to: Date, limit: number) {
    return this.events.eventsBySource(source, actions, from, to, limit);
  }

  /** Timelines of tickets, oldest event first. */
  eventsOf(ticketIds: readonly string[]) {
    return this.events.eventsOf(ticketIds);
  }

  // ---- changes (TicketTransitions) -------------------------------------------------------------

  /** Files a report from a QR code; a retry with the same idempotency key answers the same ticket. */
  report(viewer: Viewer, raw: ReportInput): Promise<TicketRow> {
    return this.transitions.report(viewer, raw);
  }

  /**
   * Filing from an outside channel (an Open311 client, the 12345 hotline) by the channel's own reporter
   * account: the same REPORTED ticket, clocks and timeline as a QR report, with its source recorded.
   */
  fileFromSource(viewer: Viewer, raw: SourceReportInput): Promise<TicketRow> {
    return this.transitions.fileFromSource(viewer, raw);
  }

  /** A person's action on a ticket, checked against the lifecycle table, their role and scope, and its input rule. */
  act(viewer: Viewer, action: UserAction, raw: ActionInput): Promise<TicketRow> {
    return this.transitions.act(viewer, action, raw);
  }

  /**
   * 批量指派 (issue 13 §9): a project manager gives several tickets to one handler. Each is its own ASSIGN — its own
   * compare-and-set on the version sent and its own timeline entry — so a stale or refused one fails alone, named
   * with its code, and the others go through. One at a time, in the order given.
   */
  async bulkAssign(viewer: Viewer, items: readonly { ticketId: string; version: number }[], assigneeId: string, note?: string | null) {
    if (!viewer.roles.has(Role.PROJECT_MANAGER)) throw forbidden('只有项目经理可以批量指派');
    if (items.length < 1 || items.length > BULK_MAX) throw badInput(`一次可指派 1–${BULK_MAX} 张工单`, { field: 'items', max: BULK_MAX });
    const seen = new Set<string>();
    const out: { ticketId: string; ok: boolean; code: ErrorCode | null; message: string | null; ticket: TicketRow | null }[] = [];
    for (const it of items) {
      if (seen.has(it.ticketId)) {
        out.push({ ticketId: it.ticketId, ok: false, code: ErrorCode.BAD_USER_INPUT, message: '同一工单重复出现', ticket: null });
        continue;
      }
      seen.add(it.ticketId);
      try {
        out.push({ ticketId: it.ticketId, ok: true, code: null, message: null, ticket: await this.act(viewer, A.ASSIGN, { ticketId: it.ticketId, version: it.version, assigneeId, note }) });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        out.push({ ticketId: it.ticketId, ok: false, code: e.code, message: e.message, ticket: null });
      }
    }
    return out;
  }

  /**
   * A scheduler-driven action (e.g. auto-close after the rating window). Re-reads the ticket and applies
   * only if the state and version still match; returns false when it has moved on.
   */
  actAsSystem(ticketId: string, action: A, expectedVersion: number, note: string | null, data: Record<string, unknown> | null = null): Promise<boolean> {
    return this.transitions.actAsSystem(ticketId, action, expectedVersion, note, data);
  }

  /**
   * The owner's contact for the ticket's assigned handler (nobody else), logged on the timeline as
   * CONTACT_REVEALED so every look at the number is accountable.
   */
  async revealContact(viewer: Viewer, id: string): Promise<{ phone: string; name: string }> {
    const t = await this.getVisible(viewer, id);
    const role = t.assigneeId === viewer.userId
      ? [Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER].find((r) => relationHolds('ASSIGNEE', r, viewer, t) || relationHolds('HANDLING_UNIT', r, viewer, t))
      : undefined;
    if (!role) throw forbidden('只有该工单的处理人可以查看业主电话');
    if (!t.contactPhone) throw badInput('业主未留联系电话');
    await this.repo.transaction((em) => this.events.appendEvent(em, {
      ticketId: t.id, actorId: viewer.userId, actorRole: role, action: CONTACT_REVEALED, fromStatus: t.status, toStatus: t.status,
      note: null, data: null, createdAt: this.clock.now(),
    }));
    return { phone: t.contactPhone, name: t.contactName };
  }

  /** Logs on the timeline that `viewer` looked at something kept off the ticket (e.g. a confidential caller). */
  async logLook(viewer: Viewer, t: TicketRow, role: Role, kind: string): Promise<void> {
    await this.repo.transaction((em) => this.events.appendEvent(em, {
      ticketId: t.id, actorId: viewer.userId, actorRole: role, action: kind, fromStatus: t.status, toStatus: t.status,
      note: null, data: null, createdAt: this.clock.now(),
    }));
  }

  /**
   * For followers that write beside a ticket (SLA clocks): locks its row first, the order ticket actions
   * keep, and reads it (without the unit kinds).
   */
  lockForFollower(em: EntityManager, id: string): Promise<TicketRow | null> {
    return this.repo.lockRow(em, id);
  }

  /** The ticket's place in the inbox order, kept by the SLA engine in the same transaction as its clocks. */
  setUrgency(em: EntityManager, id: string, bucket: number, sort: number): Promise<void> {
    return this.repo.setUrgency(em, id, bucket, sort);
  }

  /** Batch followers (SLA firing): locks those of the tickets nobody holds, skipping the rest (see TicketsRepository.lockFreeRows). */
  lockFreeForFollowers(em: EntityManager, ids: readonly string[]): Promise<TicketRow[]> {
    return this.repo.lockFreeRows(em, ids);
  }

  setUrgencies(em: EntityManager, list: readonly { ticketId: string; bucket: number; sort: number }[]): Promise<void> {
    return this.repo.setUrgencies(em, list);
  }

  /** Appends system notes (SLA warnings, breaches, escalations) to timelines without changing the tickets, in the caller's transaction. */
  appendSystemNotes(em: EntityManager, list: readonly SystemNote[]): Promise<void> {
    return this.events.appendSystemNotes(em, list);
  }

  // ---- for followers that derive figures from timelines ---------------------------------------

  timelineIn(em: EntityManager, ticketId: string): Promise<TimelineEvent[]> {
    return this.events.timelineIn(em, ticketId);
  }

  timelinesOf(ticketIds: readonly string[]): Promise<Map<string, TimelineEvent[]>> {
    return this.events.timelinesOf(ticketIds);
  }

  subjectsPage(afterId: string, limit: number) {
    return this.repo.subjectsPage(afterId, limit);
  }

  changedAfter(eventId: string, limit: number) {
    return this.events.changedAfter(eventId, limit);
  }

  /** Tickets filed in [from, to) among complexes the caller has already scope-checked (null: all). */
  filedIn(complexIds: readonly number[] | null, from: Date, to: Date, f: { categoryCode?: string; source?: string; companyId?: number; statuses?: S[]; beforeId?: string }, limit: number) {
    return this.repo.filedIn(complexIds, from, to, f, limit);
  }

  oldestOpen(complexIds: readonly number[] | null, limit: number, companyId?: number) {
    return this.repo.oldestOpen(complexIds, [S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED, S.MEDIATING], limit, companyId);
  }
}
