import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HOTLINE_ONLY_ACTIONS, TicketAction as A, TicketSource, TicketStatus as S } from '@msb/shared-types';
import { badInput, conflict } from '../../common/domain-error';
import { OrgService } from '../../org/org.service';
import { SlaDeadlineSources } from '../../sla/sla-deadlines';
import { SlaTarget } from '../../sla/domain/sla-target';
import { TicketChangeListeners, type TicketChange, type TicketChangeListener } from '../../tickets/ticket-change';
import type { TicketRow } from '../../tickets/ticket-row';
import { shanghaiIso, type OutboundType } from './hotline-contract';
import { HotlineRepository } from './hotline.repository';

/** Marks a ticket change made for a hotline event (applied in the change's own transaction). */
export interface HotlineMark {
  hotlineEventId?: string;
  orderNo?: string;
  seq?: number;
  [k: string]: unknown;
}

export const IDEMPOTENCY_PREFIX = '12345-';

/**
 * Following tickets, inside their transactions: a change made for a hotline event moves the order's seq on
 * (compare-and-set, so a repeat or a race never applies twice); a change made here that the hotline follows
 * is written to the outbox; the order's deadlines are the ticket's ACCEPT and RESOLVE due times.
 */
@Injectable()
export class HotlineFollower implements TicketChangeListener, OnModuleInit {
  constructor(
    private readonly repo: HotlineRepository,
    private readonly org: OrgService,
    private readonly listeners: TicketChangeListeners,
    private readonly deadlines: SlaDeadlineSources,
  ) {}

  onModuleInit(): void {
    this.listeners.register({ inTransaction: (em, change) => this.inTransaction(em, change) });
    this.deadlines.register({ dueAt: (em, t, target) => this.deadlineOf(em, t, target) });
  }

  async inTransaction(em: EntityManager, change: TicketChange): Promise<void> {
    const mark = (change.data?.channel ?? null) as HotlineMark | null;
    const at = change.at;
    if (mark?.hotlineEventId && mark.orderNo && mark.seq) {
      const changes: Parameters<HotlineRepository['advance']>[5] = {};
      if (change.action === A.REPORT) changes.ticketId = change.ticket.id;
      if (typeof mark.redoCount === 'number') changes.redoCount = mark.redoCount;
      if (typeof mark.resolveBy === 'string') changes.resolveBy = new Date(mark.resolveBy);
      if (mark.archive || change.to === S.WITHDRAWN) changes.state = 'ARCHIVED';
      const ok = await this.repo.advance(em, { eventId: mark.hotlineEventId, orderNo: mark.orderNo, seq: mark.seq }, 'APPLIED', null, at, changes);
      if (!ok) throw conflict('该 12345 事件已处理');
      return;
    }
    if (change.action === A.REPORT) {
      // A triaged order filed once its complex is known.
      if (mark?.orderNo && !(await this.repo.attachTicket(em, mark.orderNo, change.ticket.id, at))) throw conflict('该 12345 工单已分派');
      return;
    }
    if (change.ticket.source !== TicketSource.HOTLINE_12345) return;
    const out = outboundOf(change);
    if (!out) return;
    const order = await this.repo.orderOfTicket(change.ticket.id, em, true);
    // A desk action exists only to reach the hotline: refused (and rolled back) once the hotline has closed the order.
    if ((!order || order.state === 'ARCHIVED') && HOTLINE_ONLY_ACTIONS.includes(change.action)) throw badInput('该 12345 工单已归档，不能再向热线申请或报告', { field: 'ticketId' });
    if (!order || order.state === 'ARCHIVED') return;
    const by = change.actorId ? (await this.org.usersByIds([change.actorId]))[0]?.name ?? null : null;
    await this.repo.enqueueOutbound(em, order.orderNo, `msb-${change.eventId}`, out.type, { ...out.data, by, at: shanghaiIso(at) }, at);
  }

  private async deadlineOf(em: EntityManager, t: TicketRow, target: SlaTarget): Promise<Date | null> {
    if (t.source !== TicketSource.HOTLINE_12345 || !t.idempotencyKey.startsWith(IDEMPOTENCY_PREFIX)) return null;
    const order = await this.repo.order(t.idempotencyKey.slice(IDEMPOTENCY_PREFIX.length), em);
    if (!order) return null;
    if (target === SlaTarget.ACCEPT) return order.signBy;
    if (target === SlaTarget.RESOLVE) return order.resolveBy;
    return null;
  }
}

/** The hotline's view of a ticket change made here (not one the hotline itself caused). */
function outboundOf(change: TicketChange): { type: OutboundType; data: Record<string, unknown> } | null {
  const note = change.note ?? null;
  const d = (change.data ?? {}) as Record<string, unknown>;
  switch (change.action) {
    case A.HOTLINE_RECORD_CONTACT: return { type: 'order.contacted', data: { method: d.method, note } };
    case A.HOTLINE_REQUEST_RETURN: return { type: 'order.return.requested', data: { reason: note, basis: d.basis, suggestedUnit: d.suggestedUnit ?? null } };
    case A.HOTLINE_REQUEST_EXTENSION:
      return { type: 'order.extension.requested', data: { reason: note, requestedDeadline: shanghaiIso(new Date(String(d.requestedDeadline))) } };
    case A.ACCEPT: return { type: 'order.signed', data: {} };
    case A.ADD_PROGRESS: return { type: 'order.progress', data: { note } };
    case A.RESOLVE: return { type: 'order.finished', data: { result: 'solved', reply: note } };
    default: return null;
  }
}
