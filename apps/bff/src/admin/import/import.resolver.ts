import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../org/current-viewer';
import type { Viewer } from '../../org/domain/viewer';
import { ImportService } from './import.service';
import { ImportBatchModel, ImportCommitResult } from './import.models';

const rowsOf = (b: any): ImportBatchModel => ({
  ...b, rows: b.status === 'COMMITTED' ? [] : b.rows.map((r: any) => ({ row: r.row, kind: r.kind, status: r.status, errors: r.errors, complex: r.complex, name: r.name })),
});

/** The import log and the second phase (commit); the upload itself is POST /admin/imports. */
@Resolver()
export class ImportResolver {
  constructor(private readonly imports: ImportService) {}

  @Query(() => ImportBatchModel, { description: 'A batch with every row’s status and errors by row number' })
  async importBatch(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => Int }) id: number) {
    return rowsOf(await this.imports.batch(viewer, id));
  }

  @Query(() => [ImportBatchModel], { description: 'The import log, newest first (the bureau sees every batch, others their own)' })
  async importBatches(@CurrentViewer() viewer: Viewer, @Args('first', { type: () => Int, nullable: true }) first?: number) {
    return (await this.imports.list(viewer, first ?? 20)).map((b) => ({ ...b, rows: [] }));
  }

  @Mutation(() => ImportCommitResult, { description: 'Creates the valid new rows of a previewed batch in one transaction (each audited); a batch commits once' })
  async commitImport(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => Int }) id: number) {
    const r = await this.imports.commit(viewer, id);
    return { batch: rowsOf({ ...r.batch, rows: [] }), invitations: r.invitations };
  }
}
