import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in and SMS attempt counters (auth's own table): one row per bucket — e.g. a phone from one
 * address, a phone from anywhere, an address, all SMS sends — counting hits in a fixed window that
 * ends at `expires_at`. Counted in MySQL, so the limits hold with Redis down.
 */
export class AuthAttempts1764500000000 implements MigrationInterface {
  name = 'AuthAttempts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE auth_attempts (
      bucket VARCHAR(160) NOT NULL PRIMARY KEY,
      hits INT UNSIGNED NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      KEY ix_auth_attempts_expires (expires_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE auth_attempts');
  }
}
