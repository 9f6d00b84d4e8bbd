import { Inject, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { TicketsModule } from '../tickets/tickets.module';
import { LocalDiskStorage, MediaStorage } from './media-storage';
import { MediaService } from './media.service';
import { MediaController } from './media.controller';
import { UploadQuotaRepository } from './upload-quota.repository';
import { MediaSweeper } from './media-sweeper';

@Module({
  imports: [AuthModule, TicketsModule],
  controllers: [MediaController],
  providers: [
    { provide: MediaStorage, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new LocalDiskStorage(`${c.uploadsDir}/files`, `${c.uploadsDir}/tmp`) },
    MediaService,
    UploadQuotaRepository,
    MediaSweeper,
  ],
})
export class MediaModule {}
