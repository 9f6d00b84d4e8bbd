import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A ticket filed from an owner's verified room binding carries that room (楼栋 单元 房号), so staff see a verified room. */
export class TicketRoom1765740003000 implements MigrationInterface {
  name = 'TicketRoom1765740003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets ADD COLUMN room VARCHAR(64) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets DROP COLUMN room');
  }
}
