import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { TicketsModule } from '../tickets/tickets.module';
import { LocalDiskStorage, MediaStorage } from './media-storage';
import type { S3Storage } from './s3-storage';
import { MediaLinks } from './media-links';
import { DirectUploadsService } from './direct-uploads.service';
import { AttachmentUrlResolver } from './attachment-url.resolver';
import { MediaService } from './media.service';
import { MediaController } from './media.controller';
import { UploadQuotaRepository } from './upload-quota.repository';
import { MediaSweeper } from './media-sweeper';

@Module({
  imports: [AuthModule, TicketsModule],
  controllers: [MediaController],
  providers: [
    {
      provide: MediaStorage, inject: [APP_CONFIG],
      // The S3 SDK is loaded only where photos are in S3 (it adds ~1 s to every start otherwise).
      useFactory: (c: AppConfig) => (c.media.s3
        ? new (require('./s3-storage') as { S3Storage: typeof S3Storage }).S3Storage(c.media.s3)
        : new LocalDiskStorage(`${c.uploadsDir}/files`, `${c.uploadsDir}/tmp`)),
    },
    MediaService,
    MediaLinks,
    DirectUploadsService,
    AttachmentUrlResolver,
    UploadQuotaRepository,
    MediaSweeper,
  ],
})
export class MediaModule implements OnApplicationShutdown {
  constructor(private readonly storage: MediaStorage) {}

  onApplicationShutdown(): void {
    this.storage.close();
  }
}
