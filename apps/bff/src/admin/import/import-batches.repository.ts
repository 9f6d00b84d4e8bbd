import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface ImportBatchRow {
  id: number; createdBy: string; createdAt: Date; fileName: string; fileSha256: string; status: string; rows: unknown[];
  totalRows: number; validRows: number; errorRows: number; createdCount: number | null; unchangedCount: number | null; committedAt: Date | null;
}

const map = (r: any): ImportBatchRow => ({
  id: r.id, createdBy: String(r.created_by), createdAt: new Date(r.created_at), fileName: r.file_name, fileSha256: r.file_sha256, status: r.status,
  rows: JSON.parse(r.rows_json), totalRows: r.total_rows, validRows: r.valid_rows, errorRows: r.error_rows, createdCount: r.created_count,
  unchangedCount: r.unchanged_count, committedAt: r.committed_at ? new Date(r.committed_at) : null,
});

/** import_batches: an uploaded file's parsed rows and preview (PREVIEW), then its counts once committed (COMMITTED) — the import log. */
@Injectable()
export class ImportBatchesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(b: Omit<ImportBatchRow, 'id' | 'createdCount' | 'unchangedCount' | 'committedAt' | 'status'>): Promise<number> {
    const r = await this.ds.query(
      `INSERT INTO import_batches (created_by, created_at, file_name, file_sha256, status, rows_json, total_rows, valid_rows, error_rows)
       VALUES (?, ?, ?, ?, 'PREVIEW', ?, ?, ?, ?)`,
      [b.createdBy, b.createdAt, b.fileName.slice(0, 128), b.fileSha256, JSON.stringify(b.rows), b.totalRows, b.validRows, b.errorRows],
    );
    return Number(r.insertId);
  }

  async get(id: number, em?: EntityManager): Promise<ImportBatchRow | null> {
    const [r] = await (em ?? this.ds.manager).query(`SELECT * FROM import_batches WHERE id = ?${em ? ' FOR UPDATE' : ''}`, [id]);
    return r ? map(r) : null;
  }

  async committed(em: EntityManager, id: number, rows: unknown[], created: number, unchanged: number, errors: number, at: Date): Promise<void> {
    await em.query(
      `UPDATE import_batches SET status = 'COMMITTED', rows_json = ?, created_count = ?, unchanged_count = ?, error_rows = ?, committed_at = ? WHERE id = ?`,
      [JSON.stringify(rows), created, unchanged, errors, at, id],
    );
  }

  async list(createdBy: string | null, first: number): Promise<ImportBatchRow[]> {
    const rows: any[] = await this.ds.query(
      `SELECT * FROM import_batches ${createdBy ? 'WHERE created_by = ?' : ''} ORDER BY id DESC LIMIT ?`,
      createdBy ? [createdBy, first] : [first],
    );
    return rows.map(map);
  }
}
