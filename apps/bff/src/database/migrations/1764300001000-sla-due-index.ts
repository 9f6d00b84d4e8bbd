import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA engine fires due clocks in batches: each wake-up reads the tickets with a clock due now
 * (`next_wake_at <= ? AND target <> 'RATING' ORDER BY next_wake_at`). With (next_wake_at) alone every
 * candidate cost a row lookup for its target and ticket; (next_wake_at, target, ticket_id) answers it
 * from the index. It has the old key's column as its prefix, so it replaces it (reconciler reads too).
 */
export class SlaDueIndex1764300001000 implements MigrationInterface {
  name = 'SlaDueIndex1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sla_clocks ADD KEY ix_sla_clocks_due (next_wake_at, target, ticket_id), DROP KEY ix_sla_clocks_wake');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sla_clocks ADD KEY ix_sla_clocks_wake (next_wake_at), DROP KEY ix_sla_clocks_due');
  }
}
