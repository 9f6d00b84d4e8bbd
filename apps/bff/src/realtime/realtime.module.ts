import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TicketsModule } from '../tickets/tickets.module';
import { createLiveEmitter, LIVE_EMITTER, type LiveEmitter } from './live-emitter';
import { LivePublisher } from './live-publisher';
import { LiveResolver } from './live.resolver';
import { TicketLiveListener } from './ticket-live.listener';

/** GraphQL subscriptions fanned out through Redis: the emitter (shared with Mercurius), the publisher and the live resolvers. */
@Module({
  imports: [TicketsModule],
  providers: [
    { provide: LIVE_EMITTER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createLiveEmitter(c) },
    LivePublisher, LiveResolver, TicketLiveListener,
  ],
  exports: [LIVE_EMITTER, LivePublisher],
})
export class RealtimeModule implements OnApplicationShutdown {
  constructor(@Inject(LIVE_EMITTER) private readonly emitter: LiveEmitter) {}

  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve) => this.emitter.close(() => resolve()));
  }
}
