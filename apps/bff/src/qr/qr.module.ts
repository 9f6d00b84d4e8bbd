import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { QrService } from './qr.service';
import { QrLinkController } from './qr-link.controller';

@Module({ imports: [OrgModule], controllers: [QrLinkController], providers: [QrService], exports: [QrService] })
export class QrModule {}
