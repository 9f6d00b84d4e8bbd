import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TicketChangeListeners, type TicketChange, type TicketChangeListener } from '../tickets/ticket-change';
import type { TicketFacts } from '../tickets/domain/ticket-access';
import { LivePublisher } from './live-publisher';

/** What travels over Redis for a ticket change: the public event plus the facts the visibility check needs. */
export interface TicketLivePayload {
  event: {
    ticketId: string; number: string; action: string; fromStatus: string | null; toStatus: string; version: number;
    complexId: number; categoryCode: string; priority: string; assigneeId: string | null; eventId: string; at: string;
  };
  facts: Omit<TicketFacts, 'mediationRequestedAt'> & { mediationRequestedAt: string | null };
}

export function livePayloadOf(c: TicketChange): TicketLivePayload {
  const t = c.ticket;
  return {
    event: {
      ticketId: t.id, number: t.number, action: c.action, fromStatus: c.from, toStatus: c.to, version: t.version,
      complexId: t.complexId, categoryCode: t.categoryCode, priority: t.priority, assigneeId: t.assigneeId, eventId: c.eventId,
      at: c.at.toISOString(),
    },
    facts: {
      id: t.id, status: t.status, complexId: t.complexId, communityId: t.communityId, reporterId: t.reporterId,
      assigneeId: t.assigneeId, handlingUnitId: t.handlingUnitId, handlingUnitKind: t.handlingUnitKind,
      dispatchTargetUnitId: t.dispatchTargetUnitId, dispatchTargetCompanyId: t.dispatchTargetCompanyId, companyId: t.companyId,
      mediationRequestedAt: t.mediationRequestedAt ? new Date(t.mediationRequestedAt).toISOString() : null,
    },
  };
}

/** Publishes every committed ticket change to all BFF processes (after commit, never inside the transaction). */
@Injectable()
export class TicketLiveListener implements TicketChangeListener, OnModuleInit {
  constructor(private readonly listeners: TicketChangeListeners, private readonly live: LivePublisher) {}

  onModuleInit() {
    this.listeners.register(this);
  }

  afterCommit(change: TicketChange): Promise<void> {
    return this.live.publish(this.live.topics.ticketChanged, { ticketChanged: livePayloadOf(change) });
  }
}
