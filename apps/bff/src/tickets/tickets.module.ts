import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { QrModule } from '../qr/qr.module';
import { RoomsModule } from '../rooms/rooms.module';
import { TicketsRepository } from './tickets.repository';
import { TicketEventsRepository } from './ticket-events.repository';
import { TicketAttachmentsRepository } from './ticket-attachments.repository';
import { TicketsService } from './tickets.service';
import { TicketTransitions } from './ticket-transitions';
import { TicketPhotosService } from './ticket-photos.service';
import { TicketFieldsResolver, TicketsResolver } from './tickets.resolver';
import { LandingResolver } from './landing.resolver';
import { TicketChangeListeners } from './ticket-change';
import { HandlingResolver } from './handling.resolver';
import { TicketLoaders } from './ticket-loaders';
import { TicketLinks } from './ticket-links';
import { TicketLinksRepository } from './ticket-links.repository';
import { ActionLookups } from './action-lookups';
import { LinksResolver, TicketLinkFieldsResolver } from './links.resolver';
import { TicketListsRepository } from './ticket-lists.repository';
import { CaseResolver } from './case.resolver';
import { TicketClaims } from './ticket-claims';

@Module({
  imports: [OrgModule, QrModule, RoomsModule],
  providers: [
    TicketsRepository, TicketListsRepository, TicketEventsRepository, TicketAttachmentsRepository, TicketsService, TicketTransitions, TicketPhotosService, TicketsResolver, TicketFieldsResolver, LandingResolver, TicketChangeListeners, HandlingResolver, TicketLoaders,
    TicketLinks, TicketLinksRepository, ActionLookups, LinksResolver, TicketLinkFieldsResolver, CaseResolver, TicketClaims],
  exports: [TicketsService, TicketPhotosService, TicketChangeListeners, TicketLinks],
})
export class TicketsModule {}
