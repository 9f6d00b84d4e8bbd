import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets remember where they came from (QR scan, Open311 client, 12345 hotline). Open311 clients: one row
 * per api key an admin issued (only the key's sha256 is stored), each filing as its own reporter account
 * with its own rate limit, counted per minute in open311_rate.
 */
export class Open311_1764800000000 implements MigrationInterface {
  name = 'Open311_1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`ALTER TABLE tickets
      ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'QR',
      ADD KEY ix_tickets_source_created (source, created_at)`);
    await t(`CREATE TABLE open311_clients (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(64) NOT NULL,
      key_hash CHAR(64) NOT NULL,
      key_hint VARCHAR(8) NOT NULL,
      user_id BIGINT UNSIGNED NOT NULL,
      rate_per_minute INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL,
      revoked_at DATETIME(3) NULL,
      UNIQUE KEY uq_open311_clients_key (key_hash),
      CONSTRAINT fk_open311_clients_user FOREIGN KEY (user_id) REFERENCES users (id)
    )`);
    await t(`CREATE TABLE open311_rate (
      client_id INT UNSIGNED NOT NULL,
      window_start DATETIME NOT NULL,
      count INT UNSIGNED NOT NULL,
      PRIMARY KEY (client_id, window_start),
      CONSTRAINT fk_open311_rate_client FOREIGN KEY (client_id) REFERENCES open311_clients (id)
    )`);
    // A client's own update ids (POST servicerequestupdates), written in the comment's transaction: a retry
    // answers with the first event instead of commenting twice.
    await t(`CREATE TABLE open311_updates (
      client_id INT UNSIGNED NOT NULL,
      client_update_id VARCHAR(64) NOT NULL,
      event_id BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (client_id, client_update_id),
      CONSTRAINT fk_open311_updates_client FOREIGN KEY (client_id) REFERENCES open311_clients (id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open311_updates');
    await q.query('DROP TABLE open311_rate');
    await q.query('DROP TABLE open311_clients');
    await q.query('ALTER TABLE tickets DROP KEY ix_tickets_source_created, DROP COLUMN source');
  }
}
