import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { TicketsModule } from '../tickets/tickets.module';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { WechatModule } from '../wechat/wechat.module';
import { JobsModule } from '../jobs/jobs.module';
import { WechatOutboxQueue } from './wechat/wechat-outbox.queue';
import { WechatOutboxRepository } from './wechat/wechat-outbox.repository';
import { WechatOutboxSender } from './wechat/wechat-outbox.sender';

@Module({
  imports: [OrgModule, TicketsModule, RealtimeModule, WechatModule, JobsModule],
  providers: [NotificationsRepository, NotificationsService, NotificationsResolver, WechatOutboxRepository, WechatOutboxSender, WechatOutboxQueue],
  exports: [NotificationsService, WechatOutboxQueue],
})
export class NotificationsModule {}
