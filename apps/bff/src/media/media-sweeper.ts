import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MediaService } from './media.service';

/**
 * Runs MediaService.sweepUnused every UPLOAD_SWEEP_INTERVAL_MS in processes that run workers (any number
 * of them may: the sweep's deletes are conditional in MySQL, so two passes at once do no harm).
 */
@Injectable()
export class MediaSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('MediaSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly media: MediaService) {}

  onModuleInit(): void {
    if (!this.config.runWorkers || this.config.uploads.sweepIntervalMs === 0) return;
    this.timer = setInterval(() => void this.sweep(), this.config.uploads.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  sweep(): Promise<unknown> {
    this.running ??= this.media.sweepUnused()
      .then((r) => (r.rows || r.files || r.temp ? this.log.log(`expired ${r.rows} unused photo(s), removed ${r.files} file(s) and ${r.temp} stale temp file(s)`) : undefined))
      .catch((e) => this.log.error(`unused-photo sweep failed: ${e}`))
      .finally(() => (this.running = null));
    return this.running;
  }
}
