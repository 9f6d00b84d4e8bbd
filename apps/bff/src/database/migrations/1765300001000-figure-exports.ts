import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figure exports (XLSX/CSV of a scope's figures and the tickets behind them): one row per request, the
 * truth about its progress; the file lies on disk until it expires. A BullMQ job only wakes a worker.
 */
export class FigureExports1765300001000 implements MigrationInterface {
  name = 'FigureExports1765300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE figure_exports (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_id BIGINT UNSIGNED NOT NULL,
      scope_kind VARCHAR(16) NOT NULL,
      scope_id INT UNSIGNED NOT NULL,
      period_kind VARCHAR(16) NOT NULL,
      period_from DATE NOT NULL,
      period_to DATE NOT NULL,
      category_code VARCHAR(32) NULL,
      source VARCHAR(16) NULL,
      format VARCHAR(8) NOT NULL,
      content VARCHAR(16) NOT NULL,
      status VARCHAR(12) NOT NULL,
      rows_total INT NOT NULL DEFAULT 0,
      rows_done INT NOT NULL DEFAULT 0,
      file_name VARCHAR(200) NULL,
      file_path VARCHAR(300) NULL,
      file_size BIGINT NULL,
      error VARCHAR(500) NULL,
      created_at DATETIME(3) NOT NULL,
      started_at DATETIME(3) NULL,
      heartbeat_at DATETIME(3) NULL,
      finished_at DATETIME(3) NULL,
      expires_at DATETIME(3) NULL,
      KEY ix_figure_exports_status (status, created_at),
      KEY ix_figure_exports_user (user_id, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS figure_exports');
  }
}
