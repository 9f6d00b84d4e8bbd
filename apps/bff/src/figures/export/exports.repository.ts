import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ExportContent, ExportFormat, ExportStatus } from '@msb/shared-types';

export { ExportContent, ExportFormat, ExportStatus };

export interface ExportRow {
  id: string;
  userId: string;
  scopeKind: string;
  scopeId: number;
  periodKind: string;
  /** First day and the day after the last, YYYY-MM-DD. */
  periodFrom: string;
  periodTo: string;
  categoryCode: string | null;
  source: string | null;
  format: ExportFormat;
  content: ExportContent;
  status: ExportStatus;
  rowsTotal: number;
  rowsDone: number;
  fileName: string | null;
  filePath: string | null;
  fileSize: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
}

export type NewExport = Pick<ExportRow, 'userId' | 'scopeKind' | 'scopeId' | 'periodKind' | 'periodFrom' | 'periodTo' | 'categoryCode' | 'source' | 'format' | 'content' | 'rowsTotal'>;

function rowOf(r: Record<string, any>): ExportRow {
  return {
    id: String(r.id), userId: String(r.user_id), scopeKind: r.scope_kind, scopeId: Number(r.scope_id), periodKind: r.period_kind,
    periodFrom: r.pf, periodTo: r.pt, categoryCode: r.category_code, source: r.source, format: r.format, content: r.content,
    status: r.status, rowsTotal: Number(r.rows_total), rowsDone: Number(r.rows_done), fileName: r.file_name, filePath: r.file_path,
    fileSize: r.file_size === null ? null : Number(r.file_size), error: r.error, createdAt: r.created_at, finishedAt: r.finished_at, expiresAt: r.expires_at,
  };
}

const SELECT = `SELECT *, DATE_FORMAT(period_from, '%Y-%m-%d') AS pf, DATE_FORMAT(period_to, '%Y-%m-%d') AS pt FROM figure_exports`;

/** The figure_exports table: read and written only here. Every status change is a compare-and-set. */
@Injectable()
export class ExportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(e: NewExport, at: Date): Promise<string> {
    const r = await this.ds.query(
      `INSERT INTO figure_exports (user_id, scope_kind, scope_id, period_kind, period_from, period_to, category_code, source, format, content, status, rows_total, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.userId, e.scopeKind, e.scopeId, e.periodKind, e.periodFrom, e.periodTo, e.categoryCode, e.source, e.format, e.content, ExportStatus.QUEUED, e.rowsTotal, at],
    );
    return String(r.insertId);
  }

  async find(id: string): Promise<ExportRow | null> {
    const rows = await this.ds.query(`${SELECT} WHERE id = ?`, [id]);
    return rows.length ? rowOf(rows[0]) : null;
  }

  /** Takes a queued export, or a running one whose worker stopped beating before `staleBefore`. */
  async claim(id: string, at: Date, staleBefore: Date): Promise<boolean> {
    const r = await this.ds.query(
      `UPDATE figure_exports SET status = ?, started_at = ?, heartbeat_at = ?, rows_done = 0
       WHERE id = ? AND (status = ? OR (status = ? AND heartbeat_at < ?))`,
      [ExportStatus.RUNNING, at, at, id, ExportStatus.QUEUED, ExportStatus.RUNNING, staleBefore],
    );
    return r.affectedRows === 1;
  }

  async progress(id: string, rowsDone: number, at: Date): Promise<void> {
    await this.ds.query('UPDATE figure_exports SET rows_done = ?, heartbeat_at = ? WHERE id = ? AND status = ?', [rowsDone, at, id, ExportStatus.RUNNING]);
  }

  async done(id: string, f: { fileName: string; filePath: string; fileSize: number; rowsDone: number }, at: Date, expiresAt: Date): Promise<boolean> {
    const r = await this.ds.query(
      'UPDATE figure_exports SET status = ?, file_name = ?, file_path = ?, file_size = ?, rows_done = ?, finished_at = ?, expires_at = ? WHERE id = ? AND status = ?',
      [ExportStatus.DONE, f.fileName, f.filePath, f.fileSize, f.rowsDone, at, expiresAt, id, ExportStatus.RUNNING],
    );
    return r.affectedRows === 1;
  }

  async failed(id: string, error: string, at: Date): Promise<void> {
    await this.ds.query('UPDATE figure_exports SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status IN (?)', [ExportStatus.FAILED, error.slice(0, 500), at, id, [ExportStatus.RUNNING, ExportStatus.QUEUED]]);
  }

  /** Exports nobody has started since `before` (their wake-up was lost, or Redis was away), and running ones gone quiet. */
  async waiting(before: Date, staleBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.ds.query(
      'SELECT id FROM figure_exports WHERE (status = ? AND created_at < ?) OR (status = ? AND heartbeat_at < ?) ORDER BY id LIMIT ?',
      [ExportStatus.QUEUED, before, ExportStatus.RUNNING, staleBefore, limit],
    );
    return rows.map((r: { id: string | number }) => String(r.id));
  }

  async expiredFiles(at: Date, limit: number): Promise<{ id: string; filePath: string | null }[]> {
    const rows = await this.ds.query('SELECT id, file_path FROM figure_exports WHERE status = ? AND expires_at <= ? ORDER BY id LIMIT ?', [ExportStatus.DONE, at, limit]);
    return rows.map((r: any) => ({ id: String(r.id), filePath: r.file_path }));
  }

  async expire(id: string): Promise<void> {
    await this.ds.query('UPDATE figure_exports SET status = ?, file_path = NULL WHERE id = ? AND status = ?', [ExportStatus.EXPIRED, id, ExportStatus.DONE]);
  }
}
