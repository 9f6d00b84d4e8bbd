import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Canned replies staff pick when they comment on or resolve a ticket: everyone's (company_id NULL) or one company's (admin/). */
export class ReplyTemplates1765740001000 implements MigrationInterface {
  name = 'ReplyTemplates1765740001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reply_templates (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      company_id INT UNSIGNED NULL,
      title VARCHAR(32) NOT NULL,
      body VARCHAR(500) NOT NULL,
      active TINYINT(1) NOT NULL DEFAULT 1,
      sort INT NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY ix_reply_templates_company (company_id, active, sort),
      CONSTRAINT fk_reply_templates_company FOREIGN KEY (company_id) REFERENCES companies (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS reply_templates');
  }
}
