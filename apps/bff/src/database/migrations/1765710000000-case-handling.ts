import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case handling on the ticket row: the resolve-by an extension request asks for while it waits for a decision
 * (null: none pending), and when the owner last urged it (催办 is once per URGE_INTERVAL_HOURS, claimed by a
 * conditional update of this column). Figures count owner urges and granted extensions after the other counters
 * (figures/domain/ticket-facts.ts COUNTERS keeps the same order); `figures:check --repair` recomputes old tickets.
 */
export class CaseHandling1765710000000 implements MigrationInterface {
  name = 'CaseHandling1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets
      ADD COLUMN extension_requested_until DATETIME(3) NULL AFTER mediation_requested_at,
      ADD COLUMN last_urged_at DATETIME(3) NULL AFTER extension_requested_until`);
    for (const table of ['figure_ticket_facts', 'figure_rollups']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN owner_urges INT NOT NULL DEFAULT 0 AFTER extensions, ADD COLUMN extensions_granted INT NOT NULL DEFAULT 0 AFTER owner_urges`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['figure_ticket_facts', 'figure_rollups']) await q.query(`ALTER TABLE ${table} DROP COLUMN extensions_granted, DROP COLUMN owner_urges`);
    await q.query('ALTER TABLE tickets DROP COLUMN last_urged_at, DROP COLUMN extension_requested_until');
  }
}
