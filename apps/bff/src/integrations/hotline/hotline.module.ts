import { Module } from '@nestjs/common';
import { OrgModule } from '../../org/org.module';
import { SlaModule } from '../../sla/sla.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { HotlineOutboxSender } from './hotline-outbox.sender';
import { HotlineController } from './hotline.controller';
import { HotlineRepository } from './hotline.repository';
import { HotlineService } from './hotline.service';
import { HotlineFollower } from './hotline-follower';
import { HotlineLoaders } from './hotline-loaders';
import { HotlineResolver } from './hotline.resolver';

/** The 12345 hotline link (intake webhook, outbox back); see hotline.service.ts and the README. */
@Module({
  imports: [OrgModule, TicketsModule, SlaModule.forRoot()],
  controllers: [HotlineController],
  providers: [HotlineRepository, HotlineFollower, HotlineService, HotlineOutboxSender, HotlineResolver, HotlineLoaders],
  exports: [HotlineService, HotlineOutboxSender],
})
export class HotlineModule {}
