import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIVE = ['areas', 'companies', 'complexes', 'buildings', 'spots', 'users'];

/**
 * Administration: places and accounts are deactivated, never deleted (tickets point at them); a complex's
 * managing company is kept with the date it changed (complex_companies, owned by org/); every admin change
 * is an append-only admin_events row written in the change's transaction; one-time codes for invitations
 * and password resets; import batches (preview, then commit) with their counts (admin/).
 */
export class Admin1765400000000 implements MigrationInterface {
  name = 'Admin1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    for (const table of ACTIVE) await q.query(`ALTER TABLE ${table} ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1`);
    await q.query('ALTER TABLE companies ADD COLUMN service_phone VARCHAR(20) NULL');
    await q.query('ALTER TABLE complexes ADD COLUMN service_phone VARCHAR(20) NULL, ADD COLUMN emergency_phone VARCHAR(20) NULL');
    await t(`CREATE TABLE complex_companies (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      complex_id INT UNSIGNED NOT NULL,
      company_id INT UNSIGNED NULL,
      effective_from DATE NOT NULL,
      recorded_at DATETIME(3) NOT NULL,
      recorded_by BIGINT UNSIGNED NULL,
      KEY ix_complex_companies (complex_id, effective_from),
      CONSTRAINT fk_cc_complex FOREIGN KEY (complex_id) REFERENCES complexes (id),
      CONSTRAINT fk_cc_company FOREIGN KEY (company_id) REFERENCES companies (id)
    )`);
    await t(`CREATE TABLE admin_events (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      at DATETIME(3) NOT NULL,
      actor_id BIGINT UNSIGNED NULL,
      actor_name VARCHAR(64) NOT NULL,
      action VARCHAR(40) NOT NULL,
      object_type VARCHAR(16) NOT NULL,
      object_id VARCHAR(32) NOT NULL,
      object_name VARCHAR(128) NOT NULL DEFAULT '',
      company_id INT UNSIGNED NULL,
      community_id INT UNSIGNED NULL,
      area_id INT UNSIGNED NULL,
      before_json JSON NULL,
      after_json JSON NULL,
      import_id INT UNSIGNED NULL,
      KEY ix_admin_events_object (object_type, object_id, id),
      KEY ix_admin_events_at (at),
      KEY ix_admin_events_actor (actor_id, id)
    )`);
    await q.query(`CREATE TRIGGER trg_admin_events_no_update BEFORE UPDATE ON admin_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'admin_events is append-only'`);
    await q.query(`CREATE TRIGGER trg_admin_events_no_delete BEFORE DELETE ON admin_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'admin_events is append-only'`);
    await t(`CREATE TABLE account_codes (
      user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
      code_hash CHAR(64) NOT NULL,
      purpose VARCHAR(16) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      attempts INT UNSIGNED NOT NULL DEFAULT 0,
      CONSTRAINT fk_account_codes_user FOREIGN KEY (user_id) REFERENCES users (id)
    )`);
    await t(`CREATE TABLE import_batches (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      created_by BIGINT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL,
      file_name VARCHAR(128) NOT NULL,
      file_sha256 CHAR(64) NOT NULL,
      status VARCHAR(12) NOT NULL,
      rows_json LONGTEXT NOT NULL,
      total_rows INT UNSIGNED NOT NULL,
      valid_rows INT UNSIGNED NOT NULL,
      error_rows INT UNSIGNED NOT NULL,
      created_count INT UNSIGNED NULL,
      unchanged_count INT UNSIGNED NULL,
      committed_at DATETIME(3) NULL,
      KEY ix_import_batches_created (created_at)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS trg_admin_events_no_delete');
    await q.query('DROP TRIGGER IF EXISTS trg_admin_events_no_update');
    for (const table of ['import_batches', 'account_codes', 'admin_events', 'complex_companies']) await q.query(`DROP TABLE IF EXISTS ${table}`);
    await q.query('ALTER TABLE complexes DROP COLUMN service_phone, DROP COLUMN emergency_phone');
    await q.query('ALTER TABLE companies DROP COLUMN service_phone');
    for (const table of ACTIVE) await q.query(`ALTER TABLE ${table} DROP COLUMN active`);
  }
}
