import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures (docs/figures.md): each ticket's contribution as computed from its events, and their sums per
 * complex × filing day × category × source. Both are kept in the ticket's transaction; the roll-up check
 * recomputes them from the events.
 */
export class Figures1764600000000 implements MigrationInterface {
  name = 'Figures1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // One column per counter of figures/domain/ticket-facts.ts COUNTERS (a test holds them in step).
    const counters = `filed INT NOT NULL DEFAULT 0,
      open INT NOT NULL DEFAULT 0,
      accepted INT NOT NULL DEFAULT 0,
      refused INT NOT NULL DEFAULT 0,
      withdrawn INT NOT NULL DEFAULT 0,
      accept_base INT NOT NULL DEFAULT 0,
      accept_met INT NOT NULL DEFAULT 0,
      resolve_base INT NOT NULL DEFAULT 0,
      resolve_met INT NOT NULL DEFAULT 0,
      dispatch_base INT NOT NULL DEFAULT 0,
      dispatch_met INT NOT NULL DEFAULT 0,
      mediation_base INT NOT NULL DEFAULT 0,
      mediation_met INT NOT NULL DEFAULT 0,
      resolved INT NOT NULL DEFAULT 0,
      rated INT NOT NULL DEFAULT 0,
      solved INT NOT NULL DEFAULT 0,
      satisfied INT NOT NULL DEFAULT 0,
      auto_closed INT NOT NULL DEFAULT 0,
      dispatches INT NOT NULL DEFAULT 0,
      returns INT NOT NULL DEFAULT 0,
      redone INT NOT NULL DEFAULT 0,
      urges INT NOT NULL DEFAULT 0,
      deadline_urges INT NOT NULL DEFAULT 0,
      mediation_requested INT NOT NULL DEFAULT 0,
      mediation_agreed INT NOT NULL DEFAULT 0,
      mediation_sent_back INT NOT NULL DEFAULT 0`;
    await t(`CREATE TABLE figure_ticket_facts (
      ticket_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
      complex_id INT UNSIGNED NOT NULL,
      day DATE NOT NULL,
      category_code VARCHAR(32) NOT NULL,
      source VARCHAR(16) NOT NULL,
      ${counters},
      accept_wall_ms BIGINT NULL,
      accept_work_ms BIGINT NULL,
      resolve_wall_ms BIGINT NULL,
      resolve_work_ms BIGINT NULL,
      last_event_id BIGINT UNSIGNED NOT NULL,
      KEY ix_figure_facts_scope (complex_id, day, category_code)
    )`);
    await t(`CREATE TABLE figure_rollups (
      complex_id INT UNSIGNED NOT NULL,
      day DATE NOT NULL,
      category_code VARCHAR(32) NOT NULL,
      source VARCHAR(16) NOT NULL,
      ${counters},
      PRIMARY KEY (complex_id, day, category_code, source),
      KEY ix_figure_rollups_day (day, complex_id)
    )`);
    await t(`CREATE TABLE figure_watermarks (
      name VARCHAR(32) NOT NULL PRIMARY KEY,
      event_id BIGINT UNSIGNED NOT NULL,
      updated_at DATETIME(3) NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['figure_watermarks', 'figure_rollups', 'figure_ticket_facts']) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
