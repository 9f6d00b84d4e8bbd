import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LiveEmitter } from './live-emitter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LIVE_EMITTER } from './live-emitter';
import { liveTopics, type LiveTopics } from './live-topics';

/** Publishes live events to every BFF process. Fire and forget: a lost live event is caught up by the clients' refetch. */
@Injectable()
export class LivePublisher {
  private readonly log = new Logger(LivePublisher.name);
  readonly topics: LiveTopics;

  constructor(@Inject(LIVE_EMITTER) private readonly emitter: LiveEmitter, @Inject(APP_CONFIG) config: AppConfig) {
    this.topics = liveTopics(config.db.database);
  }

  publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    return new Promise((resolve) => {
      this.emitter.emit({ topic, payload }, (err?: Error | null) => {
        if (err) this.log.warn(`live publish on ${topic} failed: ${err.message}`);
        resolve();
      });
    });
  }
}
