import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an event was written, next to when it happened. For a person's action both are the same
 * instant (applied_at stays NULL). An SLA event is dated at its due instant (the warning, breach or
 * escalation time: the timeline and the figures read that), but a scheduler that was down or behind
 * applies it later: applied_at records when, so lateness is visible (issue 9 #7).
 */
export class EventAppliedAt1765100000000 implements MigrationInterface {
  name = 'EventAppliedAt1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ticket_events ADD COLUMN applied_at DATETIME(3) NULL AFTER created_at');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ticket_events DROP COLUMN applied_at');
  }
}
