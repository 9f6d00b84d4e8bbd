import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA engine: policy versions (on top of the built-in defaults in sla/domain), one clock per
 * ticket × target, one row per escalation step taken (its unique key makes a step happen once),
 * notifications for people, and the ticket's urgency (denormalised from its clocks) for the inbox order.
 */
export class SlaEngine1764300000000 implements MigrationInterface {
  name = 'SlaEngine1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await t(`CREATE TABLE sla_policies (
      id VARCHAR(64) NOT NULL,
      version INT UNSIGNED NOT NULL,
      name VARCHAR(128) NOT NULL,
      scope_kind VARCHAR(16) NOT NULL,
      scope_id INT UNSIGNED NULL,
      category_code VARCHAR(32) NULL,
      priority VARCHAR(16) NULL,
      targets JSON NOT NULL,
      effective_from DATETIME(3) NOT NULL,
      retired_at DATETIME(3) NULL,
      created_by BIGINT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id, version)
    )`);
    await t(`CREATE TABLE sla_clocks (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      ticket_id BIGINT UNSIGNED NOT NULL,
      target VARCHAR(24) NOT NULL,
      state VARCHAR(16) NOT NULL,
      warned TINYINT(1) NOT NULL DEFAULT 0,
      policy_id VARCHAR(64) NULL,
      policy_version INT UNSIGNED NULL,
      minutes DOUBLE NOT NULL,
      calendar VARCHAR(32) NOT NULL,
      warn_share DOUBLE NULL,
      category_code VARCHAR(32) NOT NULL,
      priority VARCHAR(16) NOT NULL,
      cycle INT UNSIGNED NOT NULL,
      started_at DATETIME(3) NOT NULL,
      used_ms BIGINT NOT NULL,
      running_since DATETIME(3) NULL,
      paused_at DATETIME(3) NULL,
      paused_total_ms BIGINT NOT NULL,
      due_at DATETIME(3) NULL,
      warn_at DATETIME(3) NULL,
      breached_at DATETIME(3) NULL,
      stopped_at DATETIME(3) NULL,
      escalation_steps INT UNSIGNED NOT NULL DEFAULT 0,
      next_wake_at DATETIME(3) NULL,
      version INT UNSIGNED NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_sla_clocks_ticket_target (ticket_id, target),
      KEY ix_sla_clocks_wake (next_wake_at),
      CONSTRAINT fk_sla_clocks_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    )`);
    await t(`CREATE TABLE sla_escalations (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      ticket_id BIGINT UNSIGNED NOT NULL,
      target VARCHAR(24) NOT NULL,
      cycle INT UNSIGNED NOT NULL,
      step INT UNSIGNED NOT NULL,
      level VARCHAR(24) NOT NULL,
      due_at DATETIME(3) NOT NULL,
      applied_at DATETIME(3) NOT NULL,
      recipients INT UNSIGNED NOT NULL,
      UNIQUE KEY uq_sla_escalations_step (ticket_id, target, cycle, step),
      CONSTRAINT fk_sla_escalations_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    )`);
    // Inbox order: breached first (longest overdue), then running by nearest due, then paused by least
    // time left, then the rest newest first. Kept by the SLA engine in the clocks' transactions.
    await q.query(`ALTER TABLE tickets
      ADD COLUMN urgency_bucket TINYINT UNSIGNED NOT NULL DEFAULT 3,
      ADD COLUMN urgency_sort BIGINT NOT NULL DEFAULT 0,
      ADD KEY ix_tickets_complex_urgency (complex_id, urgency_bucket, urgency_sort, id),
      ADD KEY ix_tickets_unit_urgency (handling_unit_id, urgency_bucket, urgency_sort, id),
      ADD KEY ix_tickets_urgency (urgency_bucket, urgency_sort, id)`);
    await q.query('UPDATE tickets SET urgency_sort = -id');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets
      DROP KEY ix_tickets_urgency, DROP KEY ix_tickets_unit_urgency, DROP KEY ix_tickets_complex_urgency,
      DROP COLUMN urgency_sort, DROP COLUMN urgency_bucket`);
    for (const table of ['sla_escalations', 'sla_clocks', 'sla_policies']) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
