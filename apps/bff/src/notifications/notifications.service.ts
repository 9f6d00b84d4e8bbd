import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role, UnitKind, WechatTemplateKey } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { badInput } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { LivePublisher } from '../realtime/live-publisher';
import { TicketChangeListeners, type TicketChange, type TicketChangeListener } from '../tickets/ticket-change';
import type { TicketRow } from '../tickets/ticket-row';
import { TicketLinks } from '../tickets/ticket-links';
import { planFollowerNotice, planNotices, wechatData, wechatTemplateFor, type Audience } from './domain/notification-plan';
import { NotificationsRepository, type NotificationRow } from './notifications.repository';

/** A notice as this feature hands it to others (the table stays the repository's). */
export type { NotificationRow };
import { WechatOutboxQueue } from './wechat/wechat-outbox.queue';
import { WechatOutboxRepository } from './wechat/wechat-outbox.repository';

/** What an audience reads of a ticket. */
export type AudienceTicket = Pick<TicketRow, 'id' | 'reporterId' | 'assigneeId' | 'dispatchTargetUnitId' | 'handlingUnitId' | 'complexId' | 'companyId' | 'communityId'>;

interface Written {
  notices: NotificationRow[];
  outboxIds: string[];
}

/** Owner ticket detail page in the mini-program (where a subscribe message opens). */
export const OWNER_TICKET_PAGE = 'tickets/pages/detail/index';

/**
 * In-app notifications and WeChat subscribe messages that follow ticket changes. Both are written in
 * the ticket's own transaction (so a change and its notices commit or vanish together); after commit
 * the notices are pushed live and the WeChat sends are queued.
 */
@Injectable()
export class NotificationsService implements TicketChangeListener, OnModuleInit {
  private readonly written = new WeakMap<TicketChange, Written>();

  constructor(
    private readonly listeners: TicketChangeListeners,
    private readonly repo: NotificationsRepository,
    private readonly outbox: WechatOutboxRepository,
    private readonly queue: WechatOutboxQueue,
    private readonly org: OrgService,
    private readonly live: LivePublisher,
    private readonly clock: Clock,
    private readonly links: TicketLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.listeners.register(this);
  }

  // ---- writing (inside the ticket's transaction) ------------------------------------------

  async inTransaction(em: EntityManager, change: TicketChange): Promise<void> {
    const t = change.ticket;
    const plan = planNotices({
      action: change.action, from: change.from, to: change.to, number: t.number, text: t.text, priority: t.priority,
      note: change.note ?? null, outcome: (change.data?.outcome as string | undefined) ?? null, assigneeId: t.assigneeId,
      round: typeof change.data?.round === 'number' ? change.data.round : null,
      deadline: typeof change.data?.deadline === 'string' ? new Date(change.data.deadline) : null,
      intoNumber: typeof change.data?.intoNumber === 'string' ? change.data.intoNumber : null,
      granted: typeof change.data?.granted === 'boolean' ? change.data.granted : null,
      until: typeof change.data?.requestedUntil === 'string' ? new Date(change.data.requestedUntil) : typeof change.data?.until === 'string' ? new Date(change.data.until) : null,
      categoryName: typeof change.data?.toCategoryName === 'string' ? change.data.toCategoryName : null,
    });
    const followers = planFollowerNotice({ ...change, number: t.number }, (await this.org.category(t.categoryCode, em))?.name ?? '');
    if (followers) plan.push(followers);
    const out: Written = { notices: [], outboxIds: [] };
    const seen = new Set<string>();
    for (const p of plan) {
      for (const userId of await this.audience(p.audience, t, em)) {
        if (userId === change.actorId || seen.has(`${userId}/${p.kind}`)) continue;
        seen.add(`${userId}/${p.kind}`);
        out.notices.push(await this.write(em, { userId, ticketId: t.id, kind: p.kind, title: p.title, body: p.body, createdAt: change.at }));
      }
    }
    const key = wechatTemplateFor(change.action);
    if (key && change.actorId !== t.reporterId) {
      const subject = key === WechatTemplateKey.ACCEPTED ? ((await this.org.category(t.categoryCode, em))?.name ?? t.text) : (change.note ?? t.text);
      const id = await this.queueOwnerMessage(em, t, key, change.eventId, subject, change.at);
      if (id) out.outboxIds.push(id);
    }
    if (out.notices.length || out.outboxIds.length) this.written.set(change, out);
  }

  async afterCommit(change: TicketChange): Promise<void> {
    const w = this.written.get(change);
    if (!w) return;
    this.written.delete(change);
    await this.announce(w.notices);
    await this.queue.enqueue(w.outboxIds);
  }

  /**
   * A notice for someone, inside the caller's transaction (for other features, e.g. SLA escalations).
   * Call `announce` with the result after commit to push it live.
   */
  async write(em: EntityManager, n: Omit<NotificationRow, 'id' | 'readAt'>): Promise<NotificationRow> {
    const id = await this.repo.insert(em, n);
    return { ...n, id, readAt: null };
  }

  /**
   * Several notices in one statement inside the caller's transaction (SLA firing). Ids are consecutive from
   * the statement's first insert id (InnoDB's default auto-increment lock mode for a multi-row INSERT).
   * Call `announce` with the result after commit.
   */
  async writeMany(em: EntityManager, list: readonly Omit<NotificationRow, 'id' | 'readAt'>[]): Promise<NotificationRow[]> {
    const first = await this.repo.insertMany(em, list);
    return list.map((n, i) => ({ ...n, id: String(BigInt(first) + BigInt(i)), readAt: null }));
  }

  async announce(notices: readonly NotificationRow[]): Promise<void> {
    for (const n of notices) {
      await this.live.publish(this.live.topics.notificationAdded(n.userId), {
        notificationAdded: { id: n.id, kind: n.kind, title: n.title, body: n.body, ticketId: n.ticketId, createdAt: n.createdAt.toISOString() },
      });
    }
  }

  /**
   * Writes a WeChat subscribe message for the ticket's owner into the outbox, inside the caller's
   * transaction; null when the template is not configured, the owner has no openid, or this event
   * already has one. The caller enqueues the id after commit (`queue.enqueue`); the sweep catches any it misses.
   */
  async queueOwnerMessage(em: EntityManager, t: TicketRow, key: WechatTemplateKey, eventId: string, subject: string, at: Date): Promise<string | null> {
    const templateId = this.templateId(key);
    if (!templateId) return null;
    const openid = await this.org.openidOf(t.reporterId, em);
    if (!openid) return null;
    return this.outbox.insert(em, {
      ticketId: t.id, eventId, userId: t.reporterId, openid, templateKey: key, templateId,
      page: `${OWNER_TICKET_PAGE}?id=${t.id}`, data: wechatData(key, { number: t.number, subject, at }),
    }, at);
  }

  private templateId(key: WechatTemplateKey): string {
    const t = this.config.wechatNotify.templates;
    return key === WechatTemplateKey.ACCEPTED ? t.accepted : key === WechatTemplateKey.RESOLVED ? t.resolved : t.ratingDue;
  }

  /**
   * The people an audience names on a ticket (see Audience): the one answer to "who handles this ticket",
   * for notices of ticket changes and of SLA warnings and escalations. `em` reads inside the caller's transaction.
   */
  async audience(a: Audience, t: AudienceTicket, em?: EntityManager): Promise<string[]> {
    switch (a) {
      case 'REPORTER':
        return [t.reporterId];
      case 'HANDLER': {
        if (t.assigneeId) return [t.assigneeId];
        const unit = t.dispatchTargetUnitId ?? t.handlingUnitId;
        if (unit !== null) {
          const members = await this.org.userIdsWithRole(null, { unitId: unit }, em);
          if (members.length) return members;
        }
        return this.org.userIdsWithRole([Role.STAFF], { complexId: t.complexId }, em);
      }
      case 'COMPLEX_MANAGERS':
        return this.org.userIdsWithRole([Role.PROJECT_MANAGER], { complexId: t.complexId }, em);
      case 'COMPANY_MANAGERS':
        return t.companyId === null ? [] : this.org.userIdsWithRole([Role.PROJECT_MANAGER], { companyId: t.companyId }, em);
      case 'STREET_OVERSIGHT':
        return this.org.userIdsWithRoleOverCommunity(Role.OVERSIGHT, t.communityId, em);
      case 'DISPATCH_TARGET_UNIT':
        return t.dispatchTargetUnitId === null ? [] : this.org.userIdsWithRole([Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER], { unitId: t.dispatchTargetUnitId }, em);
      case 'COMMUNITY_MEDIATORS':
        return this.org.userIdsWithRole([Role.MEDIATOR], { areaId: t.communityId }, em);
      case 'COMPLEX_INTAKE':
        return this.org.userIdsWithRole([Role.STAFF, Role.PROJECT_MANAGER], { complexId: t.complexId }, em);
      case 'FOLLOWERS':
        return this.links.followersOf(t.id, em);
      case 'HANDLER_AND_MANAGERS': {
        const [managers, target] = await Promise.all([
          this.org.userIdsWithRole([Role.PROJECT_MANAGER], { complexId: t.complexId }, em),
          t.dispatchTargetUnitId === null ? [] : this.org.userIdsWithRole([Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER], { unitId: t.dispatchTargetUnitId }, em),
        ]);
        return [...new Set([...(t.assigneeId ? [t.assigneeId] : []), ...target, ...managers])];
      }
      case 'HANDLER_MANAGERS': {
        // An outside department answers for its own handlers; otherwise the complex's project managers do.
        const unit = t.handlingUnitId === null ? null : await this.org.unit(t.handlingUnitId, em);
        if (unit?.kind === UnitKind.DEPARTMENT) return this.org.userIdsWithRole([Role.DEPT_HEAD], { unitId: unit.id }, em);
        return this.org.userIdsWithRole([Role.PROJECT_MANAGER], { complexId: t.complexId }, em);
      }
    }
  }

  // ---- the notification centre -------------------------------------------------------------

  page(viewer: Viewer, after: string | null | undefined, limit: number): Promise<NotificationRow[]> {
    if (after != null && !/^\d{1,19}$/.test(after)) throw badInput('分页游标无效', { field: 'after' });
    return this.repo.pageOf(viewer.userId, after ?? undefined, limit);
  }

  unreadCount(viewer: Viewer): Promise<number> {
    return this.repo.unreadCount(viewer.userId);
  }

  async markRead(viewer: Viewer, ids: readonly string[] | null | undefined, all: boolean | null | undefined): Promise<number> {
    if (!all && !ids?.length) throw badInput('请指定要标记的通知或 all', { field: 'ids' });
    if (ids?.some((id) => !/^\d{1,19}$/.test(id))) throw badInput('通知编号无效', { field: 'ids' });
    if (ids && ids.length > 200) throw badInput('一次最多标记 200 条', { field: 'ids' });
    return this.repo.markRead(viewer.userId, all ? 'ALL' : ids!, this.clock.now());
  }
}
