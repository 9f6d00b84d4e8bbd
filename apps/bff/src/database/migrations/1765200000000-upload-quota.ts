import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads per uploader per Shanghai day (media's own table): counted by one conditional statement, so
 * photos sent at once cannot pass the quota together. The sweep of unused photos reads attachments by
 * (ticket_id IS NULL, created_at).
 */
export class UploadQuota1765200000000 implements MigrationInterface {
  name = 'UploadQuota1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE upload_quota (
      user_id BIGINT UNSIGNED NOT NULL,
      day DATE NOT NULL,
      uploads INT UNSIGNED NOT NULL,
      bytes BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (user_id, day),
      KEY ix_upload_quota_day (day)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query('ALTER TABLE attachments ADD KEY ix_attachments_unbound (ticket_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE attachments DROP KEY ix_attachments_unbound');
    await q.query('DROP TABLE upload_quota');
  }
}
