import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../org/current-viewer';
import type { Viewer } from '../../org/domain/viewer';
import type { ExportRow } from './exports.repository';
import { ExportInput, FigureExport } from './exports.models';
import { exportProgress, exportUrl, ExportsService } from './exports.service';

function model(r: ExportRow): FigureExport {
  return {
    id: r.id, status: r.status, progress: exportProgress(r), rowsTotal: r.rowsTotal, format: r.format, content: r.content, url: exportUrl(r),
    fileName: r.fileName, expiresAt: r.expiresAt, error: r.error, createdAt: r.createdAt,
  };
}

@Resolver(() => FigureExport)
export class ExportsResolver {
  constructor(private readonly exports: ExportsService) {}

  @Mutation(() => FigureExport, { description: 'Export a scope’s figures and the tickets behind them (XLSX, or CSV of one table); same scope rules as figures' })
  async requestExport(@CurrentViewer() viewer: Viewer, @Args('input') input: ExportInput): Promise<FigureExport> {
    return model(await this.exports.request(viewer, input));
  }

  @Query(() => FigureExport, { name: 'export', description: 'One of the caller’s exports (NOT_FOUND for anyone else’s)' })
  async exportById(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<FigureExport> {
    return model(await this.exports.get(viewer, id));
  }
}
