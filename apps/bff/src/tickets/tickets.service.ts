import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  MediationOutcome, Priority, RefuseReason, Role, TicketAction as A, TicketSource, TicketStatus as S, UnitKind, changesState, nextStatus, ruleFor,
} from '@msb/shared-types';
import { Clock, shanghaiDay } from '../common/clock';
import { badInput, conflict, DomainError, forbidden, invalidTransition, notFound } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import type { ComplexEntity } from '../org/org.entities';
import { QrService } from '../qr/qr.service';
import { actingRole, availableActions, canView, relationHolds } from './domain/ticket-access';
import { checkPolicy } from './domain/ticket-policy';
import * as input from './domain/ticket-input';
import { TicketChangeListeners, type TicketChange } from './ticket-change';
import type { TicketEntity } from './ticket.entities';
import { parseInboxCursor, TicketsRepository, type InboxQuery, type SourceQuery, type TicketRow, type TimelineEvent } from './tickets.repository';

export interface ReportInput {
  qrToken: string;
  idempotencyKey: string;
  categoryCode: string;
  text: string;
  photoIds?: string[] | null;
  buildingId?: number | null;
  locationText?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** Filing from an outside channel (see `fileFromSource`). Texts are already validated by the channel. */
export interface SourceReportInput {
  source: TicketSource;
  /** Unique per channel account: a retry returns the same ticket. */
  idempotencyKey: string;
  complexId: number;
  spotId?: number | null;
  buildingId?: number | null;
  categoryCode: string;
  priority?: Priority | null;
  text: string;
  locationText: string;
  contactName: string;
  contactPhone: string;
  /** Written on the REPORT event (e.g. the channel's own ids). */
  data: Record<string, unknown> | null;
}

/** Everything an action may carry; each action reads its own fields (validated in `prepare`). */
export interface ActionInput {
  ticketId: string;
  version?: number | null;
  note?: string | null;
  photoIds?: string[] | null;
  assigneeId?: string | null;
  reason?: string | null;
  refuseReason?: RefuseReason | null;
  duplicateOfNumber?: string | null;
  targetUnitId?: number | null;
  solved?: boolean | null;
  satisfaction?: number | null;
  outcome?: MediationOutcome | null;
  meetingAt?: Date | null;
  place?: string | null;
  participants?: string | null;
  /** An outside channel's own references (e.g. its update id), kept on the event's data. */
  channel?: Record<string, unknown> | null;
}

interface Prepared {
  changes: Partial<TicketEntity>;
  outcome?: string;
  note: string | null;
  data: Record<string, unknown> | null;
  photos: string[];
}

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

@Injectable()
export class TicketsService {
  private readonly log = new Logger(TicketsService.name);

  constructor(
    private readonly repo: TicketsRepository,
    private readonly org: OrgService,
    private readonly qr: QrService,
    private readonly clock: Clock,
    private readonly listeners: TicketChangeListeners,
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
    return availableActions(viewer, t, (a) => checkPolicy(a, t, now).ok);
  }

  /** Staff and managers serving a complex, each with the open tickets assigned to them (the assign sheet). */
  async handlersOf(viewer: Viewer, complexId: number): Promise<{ id: string; name: string; role: Role; openCount: number }[]> {
    if (!viewer.managerComplexIds.has(complexId) && !viewer.staffComplexIds.has(complexId)) throw forbidden();
    const handlers = await this.org.handlersOfComplex(complexId);
    const open = await this.repo.openCountsOf(handlers.map((h) => h.id));
    return handlers.map((h) => ({ ...h, openCount: open.get(h.id) ?? 0 }));
  }

  myTickets(viewer: Viewer, after: string | null | undefined, first: number): Promise<TicketRow[]> {
    return this.repo.findMine(viewer.userId, after ?? undefined, first);
  }

  async inbox(viewer: Viewer, f: InboxFilter, limit: number): Promise<TicketRow[]> {
    const worker = [Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER, Role.MEDIATOR, Role.OVERSIGHT, Role.ADMIN];
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
    return this.repo.findInbox(q);
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
    return this.repo.eventsBySource(source, actions, from, to, limit);
  }

  /** Timelines of tickets, oldest event first. */
  eventsOf(ticketIds: readonly string[]) {
    return this.repo.eventsOf(ticketIds);
  }

  // ---- filing ------------------------------------------------------------------------------

  async report(viewer: Viewer, raw: ReportInput): Promise<TicketRow> {
    if (!viewer.roles.has(Role.OWNER)) throw forbidden('只有业主可以反映问题');
    const key = input.idempotencyKey(raw.idempotencyKey);
    const existing = await this.repo.findByIdempotencyKey(viewer.userId, key);
    if (existing) return existing;

    const text = input.reportText(raw.text);
    const photos = input.photoIds(raw.photoIds);
    const contactPhone = input.phone(raw.contactPhone);
    const contactName = input.optionalText('contactName', raw.contactName, '联系人', 32) ?? '';
    const locationText = input.optionalText('locationText', raw.locationText, '具体位置', 100) ?? '';
    const category = await this.org.category(raw.categoryCode);
    if (!category) throw badInput('问题类别不存在', { field: 'categoryCode' });
    const { complex, spot } = await this.qr.resolve(raw.qrToken);
    let buildingId = spot.buildingId;
    if (raw.buildingId != null) {
      const b = (await this.org.buildingsOfComplex(complex.id)).find((x) => x.id === raw.buildingId);
      if (!b) throw badInput('楼栋不属于该小区', { field: 'buildingId' });
      buildingId = b.id;
    }
    return this.file(viewer, {
      source: TicketSource.QR, key, complex, spotId: spot.id, buildingId, locationText, categoryCode: category.code,
      priority: category.defaultPriority as Priority, text, contactName, contactPhone: contactPhone ?? '', photos,
      data: { spotName: spot.name },
    });
  }

  /**
   * Filing from an outside channel (an Open311 client, the 12345 hotline) by the channel's own reporter
   * account: the same REPORTED ticket, clocks and timeline as a QR report, with its source recorded. The
   * caller has already resolved and checked the place; a retry with the same key returns the same ticket.
   */
  async fileFromSource(viewer: Viewer, raw: SourceReportInput): Promise<TicketRow> {
    if (!viewer.roles.has(Role.OWNER)) throw forbidden('只有业主可以反映问题');
    const existing = await this.repo.findByIdempotencyKey(viewer.userId, raw.idempotencyKey);
    if (existing) return existing;
    const category = await this.org.category(raw.categoryCode);
    if (!category) throw badInput('问题类别不存在', { field: 'categoryCode' });
    const complex = await this.org.complex(raw.complexId);
    if (!complex) throw badInput('小区不存在', { field: 'complexId' });
    let spotId: number | null = null;
    let buildingId = raw.buildingId ?? null;
    if (raw.spotId != null) {
      const s = await this.org.spotWithComplex(raw.spotId);
      if (!s || s.complex.id !== complex.id) throw badInput('位置不属于该小区', { field: 'spotId' });
      spotId = s.spot.id;
      buildingId ??= s.spot.buildingId;
    }
    if (buildingId !== null && !(await this.org.buildingsOfComplex(complex.id)).some((b) => b.id === buildingId)) {
      throw badInput('楼栋不属于该小区', { field: 'buildingId' });
    }
    return this.file(viewer, {
      source: raw.source, key: raw.idempotencyKey, complex, spotId, buildingId, locationText: raw.locationText.slice(0, 128),
      categoryCode: category.code, priority: raw.priority ?? (category.defaultPriority as Priority), text: raw.text,
      contactName: raw.contactName.slice(0, 64), contactPhone: raw.contactPhone.slice(0, 20), photos: [], data: raw.data,
    });
  }

  private async file(viewer: Viewer, f: {
    source: TicketSource; key: string; complex: ComplexEntity; spotId: number | null; buildingId: number | null; locationText: string;
    categoryCode: string; priority: Priority; text: string; contactName: string; contactPhone: string; photos: string[];
    data: Record<string, unknown> | null;
  }): Promise<TicketRow> {
    const now = this.clock.now();
    const number = await this.repo.nextNumber(shanghaiDay(now));
    const row: Omit<TicketEntity, 'id'> = {
      number, complexId: f.complex.id, communityId: f.complex.communityId, companyId: f.complex.companyId, spotId: f.spotId,
      buildingId: f.buildingId, locationText: f.locationText, categoryCode: f.categoryCode, priority: f.priority, text: f.text,
      reporterId: viewer.userId, contactName: f.contactName, contactPhone: f.contactPhone, assigneeId: null, handlingUnitId: null,
      dispatchTargetUnitId: null, status: S.REPORTED, version: 1, idempotencyKey: f.key, source: f.source, ratingSolved: null,
      ratingScore: null, ratedAt: null, acceptedAt: null, resolvedAt: null, closedAt: null, mediationRequestedAt: null,
      createdAt: now, updatedAt: now,
    };
    let change: TicketChange;
    try {
      change = await this.repo.transaction(async (em) => {
        const id = await this.repo.insertTicket(em, row);
        const ticket: TicketRow = { ...row, id, handlingUnitKind: null, dispatchTargetCompanyId: null };
        return this.recordChange(em, ticket, A.REPORT, null, viewer.userId, Role.OWNER, null, f.data, f.photos, now);
      });
    } catch (e) {
      // A concurrent retry with the same key won the race: answer with its ticket.
      if (isDuplicateKey(e, 'uq_tickets_idempotency')) {
        const winner = await this.repo.findByIdempotencyKey(viewer.userId, f.key);
        if (winner) return winner;
      }
      throw e;
    }
    this.afterCommit(change);
    return change.ticket;
  }

  // ---- lifecycle actions -------------------------------------------------------------------

  async act(viewer: Viewer, action: A, raw: ActionInput): Promise<TicketRow> {
    const t = await this.repo.findById(raw.ticketId);
    if (!t || !canView(viewer, t)) throw notFound('工单');
    // Record-only actions keep the version: the write is a compare-and-set on the status instead.
    const recordOnly = !changesState(action);
    if (!recordOnly) {
      if (raw.version == null) throw badInput('缺少工单版本号', { field: 'version' });
      if (raw.version !== t.version) throw conflict(undefined, { currentVersion: t.version, currentStatus: t.status });
    }
    const rule = ruleFor(t.status, action);
    if (!rule) throw invalidTransition(`工单当前状态（${t.status}）不能执行该操作（${action}）`, { status: t.status, action });
    const role = actingRole(rule, viewer, t);
    if (!role) throw forbidden('您无权对该工单执行此操作', { action });
    const now = this.clock.now();
    const verdict = checkPolicy(action, t, now);
    if (!verdict.ok) throw invalidTransition(verdict.reason, { action });

    const p = await this.prepare(action, viewer, role, t, raw, now);
    if (raw.channel) p.data = { ...(p.data ?? {}), channel: raw.channel };
    const to = nextStatus(rule, p.outcome);
    if (!to) throw badInput('缺少操作结果', { action });

    const change = await this.repo.transaction(async (em) => {
      if (recordOnly) {
        if (!(await this.repo.touchIfStatus(em, t.id, t.status, now))) throw conflict();
      } else {
        const changes: Partial<TicketEntity> = { ...p.changes, status: to, updatedAt: now };
        if (!(await this.repo.updateIfVersion(em, t.id, t.version, changes))) throw conflict();
      }
      const after: TicketRow = recordOnly
        ? { ...t, updatedAt: now }
        : { ...t, ...p.changes, status: to, version: t.version + 1, updatedAt: now };
      if (after.handlingUnitId !== t.handlingUnitId) after.handlingUnitKind = after.handlingUnitId === null ? null : ((await this.org.unit(after.handlingUnitId))?.kind ?? null);
      if (after.dispatchTargetUnitId !== t.dispatchTargetUnitId) after.dispatchTargetCompanyId = after.dispatchTargetUnitId === null ? null : ((await this.org.unit(after.dispatchTargetUnitId))?.companyId ?? null);
      return this.recordChange(em, after, action, t.status, viewer.userId, role, p.note, p.data, p.photos, now);
    });
    this.afterCommit(change);
    return change.ticket;
  }

  /**
   * A scheduler-driven action (e.g. auto-close after the rating window). Re-reads the ticket and applies
   * only if the state and version still match; returns false when it has moved on.
   */
  async actAsSystem(ticketId: string, action: A, expectedVersion: number, note: string | null, data: Record<string, unknown> | null = null): Promise<boolean> {
    const t = await this.repo.findById(ticketId);
    if (!t || t.version !== expectedVersion) return false;
    const rule = ruleFor(t.status, action);
    if (!rule?.by.SYSTEM) return false;
    const to = nextStatus(rule);
    if (!to) return false;
    const now = this.clock.now();
    const changes: Partial<TicketEntity> = { status: to, updatedAt: now, ...(to === S.CLOSED ? { closedAt: now } : {}) };
    const change = await this.repo.transaction(async (em) => {
      if (!(await this.repo.updateIfVersion(em, t.id, t.version, changes))) return null;
      return this.recordChange(em, { ...t, ...changes, version: t.version + 1 } as TicketRow, action, t.status, null, 'SYSTEM', note, data, [], now);
    });
    if (!change) return false;
    this.afterCommit(change);
    return true;
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
    await this.repo.transaction((em) => this.repo.appendEvent(em, {
      ticketId: t.id, actorId: viewer.userId, actorRole: role, action: CONTACT_REVEALED, fromStatus: t.status, toStatus: t.status,
      note: null, data: null, createdAt: this.clock.now(),
    }));
    return { phone: t.contactPhone, name: t.contactName };
  }

  /** Logs on the timeline that `viewer` looked at something kept off the ticket (e.g. a confidential caller). */
  async logLook(viewer: Viewer, t: TicketRow, role: Role, kind: string): Promise<void> {
    await this.repo.transaction((em) => this.repo.appendEvent(em, {
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

  /** Appends a system note (SLA warning, breach, escalation) to a ticket's timeline without changing it. */
  async appendSystemEvent(em: EntityManager, ticketId: string, status: S, kind: string, note: string, data: Record<string, unknown>, at: Date): Promise<string> {
    return this.repo.appendEvent(em, { ticketId, actorId: null, actorRole: 'SYSTEM', action: kind, fromStatus: status, toStatus: status, note, data, createdAt: at });
  }

  // ---- for followers that derive figures from timelines ---------------------------------------

  timelineIn(em: EntityManager, ticketId: string): Promise<TimelineEvent[]> {
    return this.repo.timelineIn(em, ticketId);
  }

  timelinesOf(ticketIds: readonly string[]): Promise<Map<string, TimelineEvent[]>> {
    return this.repo.timelinesOf(ticketIds);
  }

  subjectsPage(afterId: string, limit: number) {
    return this.repo.subjectsPage(afterId, limit);
  }

  changedAfter(eventId: string, limit: number) {
    return this.repo.changedAfter(eventId, limit);
  }

  /** Tickets filed in [from, to) among complexes the caller has already scope-checked (null: all). */
  filedIn(complexIds: readonly number[] | null, from: Date, to: Date, f: { categoryCode?: string; statuses?: S[]; beforeId?: string }, limit: number) {
    return this.repo.filedIn(complexIds, from, to, f, limit);
  }

  oldestOpen(complexIds: readonly number[] | null, limit: number) {
    return this.repo.oldestOpen(complexIds, [S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED, S.MEDIATING], limit);
  }

  private async recordChange(
    em: EntityManager, ticket: TicketRow, action: A, from: S | null, actorId: string | null, actorRole: Role | 'SYSTEM',
    note: string | null, data: Record<string, unknown> | null, photos: string[], at: Date,
  ): Promise<TicketChange> {
    const eventId = await this.repo.appendEvent(em, { ticketId: ticket.id, actorId, actorRole, action, fromStatus: from, toStatus: ticket.status, note, data, createdAt: at });
    if (photos.length) {
      const bound = await this.repo.bindAttachments(em, photos, actorId ?? '0', ticket.id, eventId);
      if (bound !== photos.length) throw badInput('照片不存在、不属于您或已被使用', { field: 'photoIds' });
    }
    const change: TicketChange = { ticket, action, from, to: ticket.status, eventId, actorId, actorRole, at, note, data };
    for (const l of this.listeners.all()) if (l.inTransaction) await l.inTransaction(em, change);
    return change;
  }

  private afterCommit(change: TicketChange): void {
    for (const l of this.listeners.all()) {
      if (!l.afterCommit) continue;
      Promise.resolve()
        .then(() => l.afterCommit!(change))
        .catch((e) => this.log.error(`after-commit listener failed for ticket ${change.ticket.id}: ${e}`));
    }
  }

  /** Validates an action's own input and works out the ticket fields it changes. */
  private async prepare(action: A, viewer: Viewer, role: Role, t: TicketRow, raw: ActionInput, now: Date): Promise<Prepared> {
    const photos = input.photoIds(raw.photoIds);
    const none = { changes: {}, note: null, data: null, photos };
    switch (action) {
      case A.ACCEPT: {
        let assigneeId: string | null = raw.assigneeId ?? (role === Role.STAFF ? viewer.userId : null);
        if (assigneeId !== null) await this.checkAssignee(viewer, role, t, assigneeId);
        return { ...none, note: input.optionalText('note', raw.note, '备注'), changes: { acceptedAt: now, assigneeId }, data: assigneeId ? { assigneeId } : null };
      }
      case A.REFUSE: {
        const reason = input.refuseReason(raw.refuseReason as RefuseReason);
        const note = input.requiredText('note', raw.note, '说明');
        const data: Record<string, unknown> = { refuseReason: reason };
        if (reason === RefuseReason.DUPLICATE) {
          const dup = raw.duplicateOfNumber ? await this.repo.findByNumber(raw.duplicateOfNumber.trim()) : null;
          if (!dup || dup.complexId !== t.complexId || dup.id === t.id) throw badInput('请填写同一小区内重复的工单编号', { field: 'duplicateOfNumber' });
          data.duplicateOfNumber = dup.number;
          data.duplicateOfId = dup.id;
        }
        return { ...none, note, data, changes: { closedAt: now } };
      }
      case A.ASSIGN: {
        if (!raw.assigneeId) throw badInput('请选择处理人', { field: 'assigneeId' });
        await this.checkAssignee(viewer, role, t, raw.assigneeId);
        if (raw.assigneeId === t.assigneeId) throw badInput('该工单已指派给此人', { field: 'assigneeId' });
        return { ...none, note: input.optionalText('note', raw.note, '备注'), changes: { assigneeId: raw.assigneeId }, data: { assigneeId: raw.assigneeId, previousAssigneeId: t.assigneeId } };
      }
      case A.START:
        return { ...none, note: input.optionalText('note', raw.note, '备注') };
      case A.ADD_PROGRESS:
        return { ...none, note: input.requiredText('note', raw.note, '进展说明') };
      case A.COMMENT:
        return { ...none, note: input.requiredText('note', raw.note, '留言', 1, 500) };
      case A.DISPATCH: {
        const unit = raw.targetUnitId != null ? await this.org.unit(raw.targetUnitId) : undefined;
        if (!unit) throw badInput('转派对象不存在', { field: 'targetUnitId' });
        if (unit.id === t.handlingUnitId) throw badInput('工单已在该单位处理', { field: 'targetUnitId' });
        if (unit.kind === UnitKind.PROPERTY_TEAM && unit.companyId !== t.companyId) throw badInput('只能转派给本物业公司的班组或外部部门', { field: 'targetUnitId' });
        const note = input.requiredText('reason', raw.reason, '转派原因');
        return { ...none, note, changes: { dispatchTargetUnitId: unit.id }, data: { targetUnitId: unit.id, targetUnitName: unit.name } };
      }
      case A.ACCEPT_DISPATCH:
        return {
          ...none, note: input.optionalText('note', raw.note, '备注'),
          changes: { handlingUnitId: t.dispatchTargetUnitId, dispatchTargetUnitId: null, assigneeId: viewer.userId },
          data: { unitId: t.dispatchTargetUnitId },
        };
      case A.RETURN_DISPATCH:
        return { ...none, note: input.requiredText('reason', raw.reason, '退回原因'), changes: { dispatchTargetUnitId: null }, data: { unitId: t.dispatchTargetUnitId } };
      case A.RESOLVE:
        return { ...none, note: input.requiredText('note', raw.note, '办理结果'), changes: { resolvedAt: now } };
      case A.RATE: {
        if (raw.solved == null) throw badInput('请选择问题是否解决', { field: 'solved' });
        const score = input.satisfaction(raw.satisfaction as number);
        const solved = raw.solved;
        return {
          ...none, outcome: solved ? 'solved' : 'unsolved', note: input.optionalText('note', raw.note, '评价', 500),
          changes: { ratingSolved: solved, ratingScore: score, ratedAt: now, ...(solved ? { closedAt: now } : {}) },
          data: { solved, satisfaction: score },
        };
      }
      case A.REOPEN:
        return { ...none, note: input.requiredText('reason', raw.reason, '重新打开原因'), changes: { closedAt: null, resolvedAt: null } };
      case A.REQUEST_MEDIATION:
        return { ...none, note: input.requiredText('reason', raw.reason, '申请调解原因'), changes: { mediationRequestedAt: now, closedAt: null } };
      case A.RECORD_MEDIATION: {
        const outcome = input.mediationOutcome(raw.outcome as MediationOutcome);
        if (!raw.meetingAt || Number.isNaN(new Date(raw.meetingAt).getTime())) throw badInput('请填写调解时间', { field: 'meetingAt' });
        const place = input.requiredText('place', raw.place, '调解地点', 2, 100);
        const participants = input.requiredText('participants', raw.participants, '参与人员', 2, 200);
        const note = input.requiredText('note', raw.note, outcome === MediationOutcome.AGREEMENT ? '调解协议' : '处理要求');
        return {
          ...none, outcome, note, data: { outcome, meetingAt: new Date(raw.meetingAt).toISOString(), place, participants },
          changes: outcome === MediationOutcome.AGREEMENT ? { closedAt: now } : { resolvedAt: null },
        };
      }
      case A.WITHDRAW:
        return { ...none, note: input.optionalText('reason', raw.reason, '撤回原因'), changes: { closedAt: now } };
      default:
        throw new DomainError(forbidden().code, `操作 ${action} 不能由用户发起`);
    }
  }

  private async checkAssignee(viewer: Viewer, role: Role, t: TicketRow, assigneeId: string): Promise<void> {
    if (role === Role.STAFF && assigneeId !== viewer.userId) throw forbidden('工作人员只能将工单指派给自己');
    if (!/^\d{1,19}$/.test(assigneeId) || !(await this.org.isHandlerFor(assigneeId, t.complexId, t.handlingUnitId))) {
      throw badInput('处理人不属于负责该小区的团队', { field: 'assigneeId' });
    }
  }
}

function isDuplicateKey(e: unknown, key: string): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.code ?? err.driverError?.code;
  return code === 'ER_DUP_ENTRY' && String(err.message ?? '').includes(key);
}
