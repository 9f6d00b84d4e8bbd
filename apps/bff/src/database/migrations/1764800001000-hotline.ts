import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 12345 hotline link: its reporter account, one row per work order (unique order number, the last
 * applied seq, the caller kept apart when confidential, the hotline's deadlines), every event received
 * (unique eventId: a repeat is acknowledged and ignored; early ones wait for the gap) and the outbox of our
 * events back to the hotline (written in the ticket's transaction, unique per ticket event).
 */
export class Hotline1764800001000 implements MigrationInterface {
  name = 'Hotline1764800001000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await t(`CREATE TABLE hotline_account (
      id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
      user_id BIGINT UNSIGNED NOT NULL,
      CONSTRAINT fk_hotline_account_user FOREIGN KEY (user_id) REFERENCES users (id)
    )`);
    await t(`CREATE TABLE hotline_orders (
      order_no VARCHAR(40) NOT NULL PRIMARY KEY,
      ticket_id BIGINT UNSIGNED NULL,
      state VARCHAR(16) NOT NULL,
      last_seq INT UNSIGNED NOT NULL,
      out_seq INT UNSIGNED NOT NULL DEFAULT 0,
      confidential TINYINT(1) NOT NULL,
      caller_name VARCHAR(64) NOT NULL,
      caller_phone VARCHAR(20) NOT NULL,
      hotline_category VARCHAR(64) NOT NULL,
      street VARCHAR(64) NOT NULL,
      address VARCHAR(255) NOT NULL,
      sign_by DATETIME(3) NULL,
      contact_by DATETIME(3) NULL,
      resolve_by DATETIME(3) NULL,
      redo_count INT UNSIGNED NOT NULL DEFAULT 0,
      dispatch JSON NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_hotline_orders_ticket (ticket_id),
      KEY ix_hotline_orders_state (state, street),
      CONSTRAINT fk_hotline_orders_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    )`);
    await t(`CREATE TABLE hotline_events (
      event_id VARCHAR(64) NOT NULL PRIMARY KEY,
      order_no VARCHAR(40) NOT NULL,
      seq INT UNSIGNED NOT NULL,
      type VARCHAR(32) NOT NULL,
      occurred_at DATETIME(3) NOT NULL,
      data JSON NOT NULL,
      state VARCHAR(12) NOT NULL,
      note VARCHAR(255) NULL,
      received_at DATETIME(3) NOT NULL,
      applied_at DATETIME(3) NULL,
      KEY ix_hotline_events_order (order_no, state, seq)
    )`);
    await t(`CREATE TABLE hotline_outbox (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      event_id VARCHAR(64) NOT NULL,
      order_no VARCHAR(40) NOT NULL,
      seq INT UNSIGNED NOT NULL,
      type VARCHAR(40) NOT NULL,
      payload JSON NOT NULL,
      state VARCHAR(12) NOT NULL,
      attempts INT UNSIGNED NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL,
      sent_at DATETIME(3) NULL,
      last_error VARCHAR(255) NULL,
      created_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_hotline_outbox_event (event_id),
      UNIQUE KEY uq_hotline_outbox_order_seq (order_no, seq),
      KEY ix_hotline_outbox_due (state, next_attempt_at)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['hotline_outbox', 'hotline_events', 'hotline_orders', 'hotline_account']) await q.query(`DROP TABLE ${table}`);
  }
}
