import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners who follow a ticket they did not file (tickets/): by "me too" (SUPPORT), or because their own
 * report was merged into it (MERGE, with the merged ticket in from_ticket_id so an unmerge takes exactly
 * those rows away). One row per ticket and person.
 */
export class TicketFollowers1765720000000 implements MigrationInterface {
  name = 'TicketFollowers1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ticket_followers (
      ticket_id BIGINT UNSIGNED NOT NULL,
      user_id BIGINT UNSIGNED NOT NULL,
      via VARCHAR(16) NOT NULL,
      from_ticket_id BIGINT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (ticket_id, user_id),
      KEY ix_ticket_followers_user (user_id, ticket_id),
      KEY ix_ticket_followers_from (from_ticket_id),
      CONSTRAINT fk_ticket_followers_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id),
      CONSTRAINT fk_ticket_followers_user FOREIGN KEY (user_id) REFERENCES users (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ticket_followers');
  }
}
