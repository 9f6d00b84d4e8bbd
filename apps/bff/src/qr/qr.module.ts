import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { QrService } from './qr.service';

@Module({ imports: [OrgModule], providers: [QrService], exports: [QrService] })
export class QrModule {}
