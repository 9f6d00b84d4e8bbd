import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrgModule } from '../org/org.module';
import { TicketsModule } from '../tickets/tickets.module';
import { SharingResolver } from './sharing.resolver';
import { SharingService } from './sharing.service';
import { TicketSharesRepository } from './ticket-shares.repository';

/** Read-only family links to a ticket (issue 12 §10); owns ticket_shares. */
@Module({
  imports: [AuthModule, OrgModule, TicketsModule],
  providers: [SharingService, SharingResolver, TicketSharesRepository],
})
export class SharingModule {}
