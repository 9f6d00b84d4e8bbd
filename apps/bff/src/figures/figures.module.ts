import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { TicketsModule } from '../tickets/tickets.module';
import { FiguresRepository } from './figures.repository';
import { FiguresResolver, PublicFiguresResolver } from './figures.resolver';
import { FiguresRollup } from './figures-rollup.service';
import { FiguresService } from './figures.service';

/** Oversight figures, rankings and 公示 (docs/figures.md). `resolvers: false` for the worker process. */
@Module({})
export class FiguresModule {
  static forRoot(opts: { resolvers?: boolean } = {}) {
    return {
      module: FiguresModule,
      imports: [TicketsModule, OrgModule],
      providers: [FiguresRepository, FiguresRollup, FiguresService, ...(opts.resolvers === false ? [] : [FiguresResolver, PublicFiguresResolver])],
      exports: [FiguresService, FiguresRollup],
    };
  }
}
