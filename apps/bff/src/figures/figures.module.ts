import { ReadReplica } from '../database/read-replica';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrgModule } from '../org/org.module';
import { TicketsModule } from '../tickets/tickets.module';
import { FiguresRepository } from './figures.repository';
import { FiguresResolver, PublicFiguresResolver } from './figures.resolver';
import { FiguresRollup } from './figures-rollup.service';
import { FiguresService } from './figures.service';
import { ExportsController } from './export/exports.controller';
import { ExportsRepository } from './export/exports.repository';
import { ExportsResolver } from './export/exports.resolver';
import { ExportsService } from './export/exports.service';
import { NoticeController } from './notice/notice.controller';
import { QrModule } from '../qr/qr.module';
import { JobsModule } from '../jobs/jobs.module';

/** Oversight figures, rankings and 公示 (docs/figures.md). `resolvers: false` for the worker process. */
@Module({})
export class FiguresModule {
  static forRoot(opts: { resolvers?: boolean } = {}) {
    return {
      module: FiguresModule,
      imports: [TicketsModule, OrgModule, JobsModule, ...(opts.resolvers === false ? [] : [AuthModule, QrModule])],
      controllers: opts.resolvers === false ? [] : [ExportsController, NoticeController],
      providers: [
        ReadReplica, FiguresRepository, FiguresRollup, FiguresService, ExportsRepository, ExportsService,
        ...(opts.resolvers === false ? [] : [FiguresResolver, PublicFiguresResolver, ExportsResolver]),
      ],
      exports: [FiguresService, FiguresRollup, ExportsService],
    };
  }
}
