import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, GqlContextRegistry } from '../graphql/graphql-context';
import type { AttachmentEntity, TicketEventEntity } from './ticket.entities';
import { TicketAttachmentsRepository } from './ticket-attachments.repository';
import { TicketEventsRepository } from './ticket-events.repository';

declare module '../graphql/graphql-context' {
  interface Loaders {
    events: DataLoader<string, TicketEventEntity[]>;
    attachments: DataLoader<string, AttachmentEntity[]>;
  }
}

/** Tickets' per-request batch loaders: the timelines and photos of a page of tickets in one query each. */
@Injectable()
export class TicketLoaders {
  constructor(registry: GqlContextRegistry, events: TicketEventsRepository, photos: TicketAttachmentsRepository) {
    registry.loader('events', () => new DataLoader(async (ids) => groupBy(await events.eventsOf(ids), (e) => String(e.ticketId), ids)));
    registry.loader('attachments', () => new DataLoader(async (ids) => groupBy(await photos.attachmentsOf(ids), (a) => String(a.ticketId), ids)));
  }
}
