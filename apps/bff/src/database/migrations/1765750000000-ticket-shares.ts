import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-only family links to a ticket (sharing/): only the sha256 of each token is kept, so the table never
 * holds a usable link; a link ends at expires_at or when the owner stops sharing (revoked_at).
 */
export class TicketShares1765750000000 implements MigrationInterface {
  name = 'TicketShares1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ticket_shares (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      ticket_id BIGINT UNSIGNED NOT NULL,
      token_hash CHAR(64) NOT NULL,
      created_by BIGINT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      revoked_at DATETIME(3) NULL,
      views INT UNSIGNED NOT NULL DEFAULT 0,
      last_viewed_at DATETIME(3) NULL,
      UNIQUE KEY uq_ticket_shares_token (token_hash),
      KEY ix_ticket_shares_ticket (ticket_id, created_at),
      CONSTRAINT fk_ticket_shares_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id),
      CONSTRAINT fk_ticket_shares_user FOREIGN KEY (created_by) REFERENCES users (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS ticket_shares');
  }
}
