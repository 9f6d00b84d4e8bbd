import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Priority, Role, TicketAction as A, TicketSource, TicketStatus as S, changesState, nextStatus, ruleFor } from '@msb/shared-types';
import { Clock, shanghaiDay } from '../common/clock';
import { badInput, conflict, forbidden, invalidTransition, notFound } from '../common/domain-error';
import { phone } from '../common/phone';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { QrService } from '../qr/qr.service';
import { RoomBindingsService } from '../rooms/room-bindings.service';
import { needsOf, prepareAction, type ActionContext, type ActionInput, type Found, type UserAction } from './domain/action-inputs';
import { actingRole, canView } from './domain/ticket-access';
import { checkPolicy } from './domain/ticket-policy';
import * as input from './domain/ticket-input';
import { ActionLookups } from './action-lookups';
import { TicketChangeListeners, type TicketChange } from './ticket-change';
import { TicketLinks } from './ticket-links';
import { TicketClaims } from './ticket-claims';
import type { TicketEntity } from './ticket.entities';
import { TicketsRepository, type TicketRow } from './tickets.repository';
import { TicketEventsRepository } from './ticket-events.repository';
import { TicketAttachmentsRepository } from './ticket-attachments.repository';

/** A complex as the org feature hands it out. */
type Complex = NonNullable<Awaited<ReturnType<OrgService['complex']>>>;

export interface ReportInput {
  qrToken: string;
  idempotencyKey: string;
  categoryCode: string;
  text: string;
  photoIds?: string[] | null;
  buildingId?: number | null;
  /** One of the owner's verified room bindings at this complex. */
  roomBindingId?: string | null;
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

/**
 * Every change of a ticket: filing (from a QR code or an outside channel), a person's action, a scheduler's
 * action. Each is a compare-and-set on the ticket (its version, or its status for a record-only action) and
 * one timeline event in one transaction, with the followers' writes (SLA clocks, notices) in the same
 * transaction and their wake-ups after commit. Reached through TicketsService.
 */
@Injectable()
export class TicketTransitions {
  private readonly log = new Logger(TicketTransitions.name);

  constructor(
    private readonly repo: TicketsRepository,
    private readonly events: TicketEventsRepository,
    private readonly photos: TicketAttachmentsRepository,
    private readonly org: OrgService,
    private readonly qr: QrService,
    private readonly rooms: RoomBindingsService,
    private readonly clock: Clock,
    private readonly listeners: TicketChangeListeners,
    private readonly lookups: ActionLookups,
    private readonly links: TicketLinks,
    private readonly claims: TicketClaims,
  ) {}

  async report(viewer: Viewer, raw: ReportInput): Promise<TicketRow> {
    if (!viewer.roles.has(Role.OWNER)) throw forbidden('只有业主可以反映问题');
    const key = input.idempotencyKey(raw.idempotencyKey);
    const existing = await this.repo.findByIdempotencyKey(viewer.userId, key);
    if (existing) return this.retried(await this.sameReport(existing, raw));

    const text = input.reportText(raw.text);
    const photos = input.photoIds(raw.photoIds);
    // No number given: the one the owner signed in with (verified by SMS), so the handler can call back.
    const contactPhone = phone(raw.contactPhone) ?? ((await this.org.usersByIds([viewer.userId]))[0]?.phone || null);
    const contactName = input.optionalText('contactName', raw.contactName, '联系人', 32) ?? '';
    const locationText = input.optionalText('locationText', raw.locationText, '具体位置', 100) ?? '';
    const { complex, spot } = await this.qr.resolve(raw.qrToken);
    // Only a category offered at this complex (active; everyone's, its company's or its areas').
    const category = await this.org.categoryToFile(raw.categoryCode, complex);
    if (!category) throw badInput('问题类别不存在', { field: 'categoryCode' });
    let buildingId = spot.buildingId;
    if (raw.buildingId != null) {
      const b = (await this.org.buildingsOfComplex(complex.id)).find((x) => x.id === raw.buildingId);
      if (!b) throw badInput('楼栋不属于该小区', { field: 'buildingId' });
      buildingId = b.id;
    }
    let room: string | null = null;
    if (raw.roomBindingId != null) {
      const bound = /^\d{1,10}$/.test(raw.roomBindingId) ? await this.rooms.verifiedRoom(viewer.userId, Number(raw.roomBindingId), complex.id) : null;
      if (!bound) throw badInput('该房屋未绑定或尚未经物业确认', { field: 'roomBindingId' });
      room = bound.label;
      buildingId = bound.buildingId;
    }
    return this.file(viewer, {
      source: TicketSource.QR, key, complex, spotId: spot.id, buildingId, room, locationText, categoryCode: category.code,
      priority: category.defaultPriority as Priority, text, contactName, contactPhone: contactPhone ?? '', photos,
      data: { spotName: spot.name },
    });
  }

  /**
   * A retry answers the ticket its key filed — only when it is the same report (text, category, place). Another
   * report under a used key is refused, as payment APIs refuse a reused idempotency key with a different body:
   * silently answering the first ticket would tell the owner the second was filed.
   */
  private async sameReport(existing: TicketRow, raw: { text: string; categoryCode: string; qrToken?: string; spotId?: number | null }): Promise<TicketRow> {
    const spotId = raw.spotId !== undefined ? raw.spotId : await this.qr.resolve(raw.qrToken ?? '').then((r) => r.spot.id, () => null);
    const same = (raw.text ?? '').trim() === existing.text && raw.categoryCode === existing.categoryCode && spotId === existing.spotId;
    if (!same) {
      throw badInput('该提交编号已用于另一条反映（内容不同），请重新提交', { field: 'idempotencyKey', reason: 'IDEMPOTENCY_KEY_REUSED', ticketNumber: existing.number });
    }
    return existing;
  }

  /**
   * Filing from an outside channel (an Open311 client, the 12345 hotline) by the channel's own reporter
   * account: the same REPORTED ticket, clocks and timeline as a QR report, with its source recorded. The
   * caller has already resolved and checked the place; a retry with the same key returns the same ticket.
   */
  async fileFromSource(viewer: Viewer, raw: SourceReportInput): Promise<TicketRow> {
    if (!viewer.roles.has(Role.OWNER)) throw forbidden('只有业主可以反映问题');
    const existing = await this.repo.findByIdempotencyKey(viewer.userId, raw.idempotencyKey);
    if (existing) return this.retried(existing);
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
      source: raw.source, key: raw.idempotencyKey, complex, spotId, buildingId, room: null, locationText: raw.locationText.slice(0, 128),
      categoryCode: category.code, priority: raw.priority ?? (category.defaultPriority as Priority), text: raw.text,
      contactName: raw.contactName.slice(0, 64), contactPhone: raw.contactPhone.slice(0, 20), photos: [], data: raw.data,
    });
  }

  private async file(viewer: Viewer, f: {
    source: TicketSource; key: string; complex: Complex; spotId: number | null; buildingId: number | null; room: string | null; locationText: string;
    categoryCode: string; priority: Priority; text: string; contactName: string; contactPhone: string; photos: string[];
    data: Record<string, unknown> | null;
  }): Promise<TicketRow> {
    const now = this.clock.now();
    const row: Omit<TicketEntity, 'id'> = {
      number: '', complexId: f.complex.id, communityId: f.complex.communityId, companyId: f.complex.companyId, spotId: f.spotId,
      buildingId: f.buildingId, room: f.room, locationText: f.locationText, categoryCode: f.categoryCode, priority: f.priority, text: f.text,
      reporterId: viewer.userId, contactName: f.contactName, contactPhone: f.contactPhone, assigneeId: null, handlingUnitId: null,
      dispatchTargetUnitId: null, status: S.REPORTED, version: 1, idempotencyKey: f.key, source: f.source, ratingSolved: null,
      ratingScore: null, ratedAt: null, acceptedAt: null, resolvedAt: null, closedAt: null, mediationRequestedAt: null,
      extensionRequestedUntil: null, lastUrgedAt: null, createdAt: now, updatedAt: now,
    };
    let change: TicketChange;
    try {
      change = await this.repo.transaction(async (em) => {
        row.number = await this.repo.nextNumber(em, shanghaiDay(now));
        const id = await this.repo.insertTicket(em, row);
        const ticket: TicketRow = { ...row, id, handlingUnitKind: null, dispatchTargetCompanyId: null };
        return this.recordChange(em, ticket, A.REPORT, null, viewer.userId, Role.OWNER, null, f.data, f.photos, now);
      });
    } catch (e) {
      // A concurrent retry with the same key won the race: answer with its ticket (if it is the same report).
      if (isDuplicateKey(e, 'uq_tickets_idempotency')) {
        const winner = await this.repo.findByIdempotencyKey(viewer.userId, f.key);
        if (winner) return this.retried(f.source === TicketSource.QR ? await this.sameReport(winner, { text: f.text, categoryCode: f.categoryCode, spotId: f.spotId }) : winner);
      }
      throw e;
    }
    this.afterCommit(change);
    return change.ticket;
  }

  async act(viewer: Viewer, action: UserAction, raw: ActionInput): Promise<TicketRow> {
    const t = await this.repo.findById(raw.ticketId);
    if (!t) throw notFound('工单');
    if (!canView(viewer, t)) await this.links.publicAccess(viewer, action, t, raw.qrToken);
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

    const photos = input.photoIds(raw.photoIds);
    const c: ActionContext = { viewer, role, ticket: t, raw, now };
    const needs = needsOf(action, c);
    const found = await this.lookups.lookUp(needs, t, viewer);
    const prepare = (f: Found) => {
      const prepared = prepareAction(action, c, f);
      return raw.channel ? { ...prepared, data: { ...(prepared.data ?? {}), channel: raw.channel } } : prepared;
    };
    let p = prepare(found);
    const to = nextStatus(rule, p.outcome);
    if (!to) throw badInput('缺少操作结果', { action });

    const change = await this.repo.transaction(async (em) => {
      await this.links.lockFirst(em, action, t, found);
      if (recordOnly && p.once) {
        await this.claims.claimUrge(em, t.id, t.status, p.once, action);
      } else if (recordOnly) {
        if (!(await this.repo.touchIfStatus(em, t.id, t.status, now))) throw conflict();
      } else {
        const changes: Partial<TicketEntity> = { ...p.changes, status: to, updatedAt: now };
        if (!(await this.repo.updateIfVersion(em, t.id, t.version, changes))) throw conflict();
      }
      // A count read before the lock may be stale (two 督办 at once): count again under the ticket's row lock.
      if (needs.priorOf !== undefined) {
        const prior = await this.events.countEvents(t.id, needs.priorOf, em);
        if (prior !== found.prior) p = prepare({ ...found, prior });
      }
      const after: TicketRow = recordOnly
        ? { ...t, updatedAt: now, ...(p.once ? { lastUrgedAt: p.once.at } : {}) }
        : { ...t, ...p.changes, status: to, version: t.version + 1, updatedAt: now };
      if (after.handlingUnitId !== t.handlingUnitId) after.handlingUnitKind = after.handlingUnitId === null ? null : ((await this.org.unit(after.handlingUnitId, em))?.kind ?? null);
      if (after.dispatchTargetUnitId !== t.dispatchTargetUnitId) after.dispatchTargetCompanyId = after.dispatchTargetUnitId === null ? null : ((await this.org.unit(after.dispatchTargetUnitId, em))?.companyId ?? null);
      await this.links.writeBeside(em, action, t, { id: viewer.userId, role }, p.data, now);
      return this.recordChange(em, after, action, t.status, viewer.userId, role, p.note, p.data, photos, now);
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

  private async recordChange(
    em: EntityManager, ticket: TicketRow, action: A, from: S | null, actorId: string | null, actorRole: Role | 'SYSTEM',
    note: string | null, data: Record<string, unknown> | null, photos: string[], at: Date,
  ): Promise<TicketChange> {
    const eventId = await this.events.appendEvent(em, { ticketId: ticket.id, actorId, actorRole, action, fromStatus: from, toStatus: ticket.status, note, data, createdAt: at });
    if (photos.length) {
      const bound = await this.photos.bindAttachments(em, photos, actorId ?? '0', ticket.id, eventId);
      if (bound !== photos.length) throw badInput('照片不存在、不属于您或已被使用', { field: 'photoIds' });
    }
    const change: TicketChange = { ticket, action, from, to: ticket.status, eventId, actorId, actorRole, at, note, data };
    for (const l of this.listeners.all()) if (l.inTransaction) await l.inTransaction(em, change);
    return change;
  }

  /** The ticket a retry found; followers re-check what its first attempt should have woken up. */
  private retried(ticket: TicketRow): TicketRow {
    for (const l of this.listeners.all()) {
      if (!l.afterRetry) continue;
      Promise.resolve()
        .then(() => l.afterRetry!(ticket))
        .catch((e) => this.log.error(`after-retry listener failed for ticket ${ticket.id}: ${e}`));
    }
    return ticket;
  }

  private afterCommit(change: TicketChange): void {
    for (const l of this.listeners.all()) {
      if (!l.afterCommit) continue;
      Promise.resolve()
        .then(() => l.afterCommit!(change))
        .catch((e) => this.log.error(`after-commit listener failed for ticket ${change.ticket.id}: ${e}`));
    }
  }
}

function isDuplicateKey(e: unknown, key: string): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.code ?? err.driverError?.code;
  return code === 'ER_DUP_ENTRY' && String(err.message ?? '').includes(key);
}
