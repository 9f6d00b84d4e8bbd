import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures count extension requests (延期申请) per ticket: a counter column after the others in the facts
 * and the roll-up (figures/domain/ticket-facts.ts COUNTERS keeps the same order). Existing rows start at 0;
 * `figures:check --repair` recomputes any ticket whose timeline already holds one.
 */
export class FigureExtensions1765300000000 implements MigrationInterface {
  name = 'FigureExtensions1765300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['figure_ticket_facts', 'figure_rollups']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN extensions INT NOT NULL DEFAULT 0 AFTER mediation_sent_back`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['figure_ticket_facts', 'figure_rollups']) await q.query(`ALTER TABLE ${table} DROP COLUMN extensions`);
  }
}
