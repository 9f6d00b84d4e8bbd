import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JOINABLE_STATUSES, Role, TicketAction as A } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { badInput, forbidden, notFound } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { QrService } from '../qr/qr.service';
import type { Found, Needs } from './domain/action-inputs';
import { mergeRefusal, SIMILAR_DAYS, SIMILAR_MAX } from './domain/link-inputs';
import { MERGED_IN, TicketLinksRepository, UNMERGED_OUT, type PublicRow } from './ticket-links.repository';
import { TicketEventsRepository } from './ticket-events.repository';
import { TicketsRepository, type TicketRow } from './tickets.repository';

/** A report as another owner sees it, with whether they follow it and how many do. */
export interface PublicView extends PublicRow {
  following: boolean;
  supporterCount: number;
}

/**
 * "Me too" and duplicates (issue 13 §5): who follows a ticket they did not file, the public view other owners get
 * (category, a short summary without numbers, status — never the reporter's name, phone or room), and what a merge
 * or unmerge writes beside the ticket's own change, in its transaction.
 */
@Injectable()
export class TicketLinks {
  constructor(
    private readonly repo: TicketLinksRepository,
    private readonly tickets: TicketsRepository,
    private readonly events: TicketEventsRepository,
    private readonly org: OrgService,
    private readonly qr: QrService,
    private readonly clock: Clock,
  ) {}

  /** An owner who cannot see the ticket may still "me too" it with a QR code of its complex; anything else is NOT_FOUND. */
  async publicAccess(viewer: Viewer, action: A, t: TicketRow, qrToken: string | null | undefined): Promise<void> {
    if (action !== A.SUPPORT || !viewer.roles.has(Role.OWNER)) throw notFound('工单');
    if ((await this.qrComplex(qrToken)) !== t.complexId) throw notFound('工单');
  }

  /** The lookups of SUPPORT, MERGE, UNMERGE and REFUSE (see Needs). */
  async lookUp(n: Needs, t: TicketRow, viewer: Viewer): Promise<Partial<Found>> {
    const [qrComplexId, following, into, mergedInto, company] = await Promise.all([
      n.qrToken === undefined ? undefined : this.qrComplex(n.qrToken),
      n.following === undefined ? undefined : this.repo.isFollowing(t.id, viewer.userId),
      n.intoTicketId === undefined ? undefined : this.tickets.findById(n.intoTicketId),
      n.mergedInto === undefined ? undefined : this.repo.mergedInto(t.id),
      n.declinedBy === undefined || t.companyId === null ? undefined : this.org.company(t.companyId),
    ]);
    return {
      qrComplexId, following, mergedInto,
      into: into === undefined ? undefined : into && { id: into.id, number: into.number, complexId: into.complexId, status: into.status },
      declinedBy: n.declinedBy === undefined ? undefined : (company?.name ?? null),
    };
  }

  /** Before the ticket's compare-and-set: a merge locks both tickets, in id order, so two merges at once cannot cross. */
  async lockFirst(em: EntityManager, action: A, t: TicketRow, found: Found): Promise<void> {
    if (action !== A.MERGE || !found.into) return;
    for (const id of [t.id, found.into.id].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))) await this.tickets.lockRow(em, id);
  }

  /** What the action writes beside the ticket, after its compare-and-set, in the same transaction. */
  async writeBeside(em: EntityManager, action: A, t: TicketRow, actor: { id: string; role: Role }, data: Record<string, unknown> | null, at: Date): Promise<void> {
    if (action === A.SUPPORT) {
      if (!(await this.repo.follow(em, t.id, actor.id, 'SUPPORT', null, at))) throw badInput('您已关注该问题，处理进展会通知您', { field: 'ticketId', reason: 'ALREADY_FOLLOWING' });
    } else if (action === A.MERGE) {
      const intoId = String(data!.intoTicketId);
      // Re-read under the lock: a merge of the survivor itself (or anything else) that committed first wins.
      const into = await this.tickets.lockRow(em, intoId);
      const refusal = mergeRefusal(t, into && { id: into.id, complexId: into.complexId, status: into.status });
      if (refusal) throw badInput(refusal, { field: 'intoTicketId' });
      await this.repo.followFromMerge(em, intoId, t.id, t.reporterId, at);
      await this.events.appendEvent(em, { ticketId: intoId, actorId: actor.id, actorRole: actor.role, action: MERGED_IN, fromStatus: into!.status, toStatus: into!.status, note: null, data: { fromTicketId: t.id, fromNumber: t.number }, createdAt: at });
    } else if (action === A.UNMERGE && data?.fromTicketId) {
      const from = String(data.fromTicketId);
      await this.repo.unfollowFromMerge(em, from, t.id);
      const s = await this.tickets.lockRow(em, from);
      if (s) await this.events.appendEvent(em, { ticketId: from, actorId: actor.id, actorRole: actor.role, action: UNMERGED_OUT, fromStatus: s.status, toStatus: s.status, note: null, data: { ticketId: t.id, number: t.number }, createdAt: at });
    }
  }

  // ---- reads for owners --------------------------------------------------------------------

  /** While filing: open reports of the scanned complex in the chosen category from the last SIMILAR_DAYS days, not the owner's own. */
  async similar(viewer: Viewer, qrToken: string, categoryCode: string): Promise<PublicView[]> {
    if (!viewer.roles.has(Role.OWNER)) throw forbidden('只有业主可以查看');
    const { complex } = await this.qr.resolve(qrToken);
    if (!(await this.org.category(categoryCode))) throw badInput('问题类别不存在', { field: 'categoryCode' });
    const since = new Date(+this.clock.now() - SIMILAR_DAYS * 86_400_000);
    const rows = (await this.repo.similar(complex.id, categoryCode, JOINABLE_STATUSES, since, SIMILAR_MAX + 1)).filter((r) => r.reporterId !== viewer.userId);
    return this.views(viewer, rows.slice(0, SIMILAR_MAX));
  }

  /** The reports the owner follows (joined, or theirs merged into). */
  async followed(viewer: Viewer, limit: number): Promise<PublicView[]> {
    return this.views(viewer, await this.repo.followedBy(viewer.userId, limit));
  }

  /** One followed report, for its followers only (everyone else: NOT_FOUND). */
  async publicTicket(viewer: Viewer, id: string): Promise<PublicView> {
    const row = await this.repo.publicById(id);
    if (!row || !(await this.repo.isFollowing(row.id, viewer.userId))) throw notFound('工单');
    return (await this.views(viewer, [row]))[0];
  }

  statusSteps(ticketId: string) {
    return this.repo.statusSteps(ticketId);
  }

  supporterCounts(ids: readonly string[]): Promise<Map<string, number>> {
    return this.repo.countsOf(ids);
  }

  mergedInto(ticketId: string) {
    return this.repo.mergedInto(ticketId);
  }

  /** Owners following a ticket (notified of its progress). */
  followersOf(ticketId: string, em?: EntityManager): Promise<string[]> {
    return this.repo.followersOf(ticketId, em);
  }

  private async views(viewer: Viewer, rows: PublicRow[]): Promise<PublicView[]> {
    const ids = rows.map((r) => r.id);
    const [counts, mine] = await Promise.all([this.repo.countsOf(ids), this.repo.followedAmong(viewer.userId, ids)]);
    return rows.map((r) => ({ ...r, following: mine.has(r.id), supporterCount: counts.get(r.id) ?? 0 }));
  }

  private qrComplex(token: string | null | undefined): Promise<number | null> {
    return this.qr.resolve(token ?? '').then((p) => p.complex.id, () => null);
  }
}
