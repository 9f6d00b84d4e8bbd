import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CATEGORIES, Priority } from '@msb/shared-types';

/** Reference data every environment needs: the ten hot categories + 其他, and their emergency sub-types. */
export class Categories1764201600001 implements MigrationInterface {
  name = 'Categories1764201600001';

  async up(q: QueryRunner): Promise<void> {
    let sort = 0;
    for (const c of CATEGORIES) {
      sort += 10;
      await q.query('INSERT INTO categories (code, name, parent_code, default_priority, emergency, advice, sort) VALUES (?, ?, NULL, ?, 0, NULL, ?)', [c.code, c.name, c.defaultPriority, sort]);
      for (const [i, e] of (c.emergencies ?? []).entries()) {
        await q.query('INSERT INTO categories (code, name, parent_code, default_priority, emergency, advice, sort) VALUES (?, ?, ?, ?, 1, ?, ?)', [e.code, e.name, c.code, Priority.EMERGENCY, e.advice, sort + i + 1]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM categories');
  }
}
