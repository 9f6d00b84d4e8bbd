import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administration of the catalogue: outside departments and teams are retired, never deleted (tickets were
 * handled by them); categories are added per property company or area (null: everyone's), renamed and
 * retired without touching the tickets filed under them (their code stays), and carry an icon name.
 */
export class Catalog1765740000000 implements MigrationInterface {
  name = 'Catalog1765740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE units ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1');
    await q.query(`ALTER TABLE categories
      ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1,
      ADD COLUMN icon VARCHAR(32) NULL,
      ADD COLUMN company_id INT UNSIGNED NULL,
      ADD COLUMN area_id INT UNSIGNED NULL,
      ADD CONSTRAINT fk_categories_company FOREIGN KEY (company_id) REFERENCES companies (id),
      ADD CONSTRAINT fk_categories_area FOREIGN KEY (area_id) REFERENCES areas (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE categories DROP FOREIGN KEY fk_categories_company, DROP FOREIGN KEY fk_categories_area');
    await q.query('ALTER TABLE categories DROP COLUMN active, DROP COLUMN icon, DROP COLUMN company_id, DROP COLUMN area_id');
    await q.query('ALTER TABLE units DROP COLUMN active');
  }
}
