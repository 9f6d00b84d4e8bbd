import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Places, organisations, users with scoped roles, categories, tickets with their append-only events, attachments. */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await t(`CREATE TABLE areas (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      level VARCHAR(16) NOT NULL,
      name VARCHAR(64) NOT NULL,
      parent_id INT UNSIGNED NULL,
      KEY ix_areas_parent (parent_id),
      CONSTRAINT fk_areas_parent FOREIGN KEY (parent_id) REFERENCES areas (id)
    )`);
    await t(`CREATE TABLE companies (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(128) NOT NULL,
      UNIQUE KEY uq_companies_name (name)
    )`);
    await t(`CREATE TABLE complexes (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(128) NOT NULL,
      address VARCHAR(255) NOT NULL DEFAULT '',
      community_id INT UNSIGNED NOT NULL,
      company_id INT UNSIGNED NULL,
      KEY ix_complexes_community (community_id),
      KEY ix_complexes_company (company_id),
      CONSTRAINT fk_complexes_community FOREIGN KEY (community_id) REFERENCES areas (id),
      CONSTRAINT fk_complexes_company FOREIGN KEY (company_id) REFERENCES companies (id)
    )`);
    await t(`CREATE TABLE buildings (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      complex_id INT UNSIGNED NOT NULL,
      name VARCHAR(64) NOT NULL,
      UNIQUE KEY uq_buildings_name (complex_id, name),
      CONSTRAINT fk_buildings_complex FOREIGN KEY (complex_id) REFERENCES complexes (id)
    )`);
    await t(`CREATE TABLE spots (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      complex_id INT UNSIGNED NOT NULL,
      building_id INT UNSIGNED NULL,
      kind VARCHAR(16) NOT NULL,
      name VARCHAR(64) NOT NULL,
      qr_serial INT UNSIGNED NOT NULL DEFAULT 1,
      KEY ix_spots_complex (complex_id),
      CONSTRAINT fk_spots_complex FOREIGN KEY (complex_id) REFERENCES complexes (id),
      CONSTRAINT fk_spots_building FOREIGN KEY (building_id) REFERENCES buildings (id)
    )`);
    await t(`CREATE TABLE units (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      kind VARCHAR(16) NOT NULL,
      name VARCHAR(128) NOT NULL,
      company_id INT UNSIGNED NULL,
      area_id INT UNSIGNED NULL,
      CONSTRAINT fk_units_company FOREIGN KEY (company_id) REFERENCES companies (id),
      CONSTRAINT fk_units_area FOREIGN KEY (area_id) REFERENCES areas (id)
    )`);
    await t(`CREATE TABLE users (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(64) NOT NULL,
      phone VARCHAR(20) NULL,
      password_hash VARCHAR(255) NULL,
      wx_openid VARCHAR(64) NULL,
      failed_logins INT UNSIGNED NOT NULL DEFAULT 0,
      locked_until DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_users_phone (phone),
      UNIQUE KEY uq_users_openid (wx_openid)
    )`);
    await t(`CREATE TABLE role_assignments (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_id BIGINT UNSIGNED NOT NULL,
      role VARCHAR(24) NOT NULL,
      company_id INT UNSIGNED NULL,
      complex_id INT UNSIGNED NULL,
      unit_id INT UNSIGNED NULL,
      area_id INT UNSIGNED NULL,
      room VARCHAR(64) NULL,
      KEY ix_roles_user (user_id),
      KEY ix_roles_complex (complex_id, role),
      KEY ix_roles_unit (unit_id),
      CONSTRAINT fk_roles_user FOREIGN KEY (user_id) REFERENCES users (id),
      CONSTRAINT fk_roles_company FOREIGN KEY (company_id) REFERENCES companies (id),
      CONSTRAINT fk_roles_complex FOREIGN KEY (complex_id) REFERENCES complexes (id),
      CONSTRAINT fk_roles_unit FOREIGN KEY (unit_id) REFERENCES units (id),
      CONSTRAINT fk_roles_area FOREIGN KEY (area_id) REFERENCES areas (id)
    )`);
    await t(`CREATE TABLE sms_codes (
      phone VARCHAR(20) NOT NULL PRIMARY KEY,
      code_hash CHAR(64) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      attempts INT UNSIGNED NOT NULL DEFAULT 0,
      sent_at DATETIME(3) NOT NULL
    )`);
    await t(`CREATE TABLE categories (
      code VARCHAR(32) NOT NULL PRIMARY KEY,
      name VARCHAR(64) NOT NULL,
      parent_code VARCHAR(32) NULL,
      default_priority VARCHAR(16) NOT NULL,
      emergency TINYINT(1) NOT NULL DEFAULT 0,
      advice VARCHAR(255) NULL,
      sort INT NOT NULL DEFAULT 0
    )`);
    await t(`CREATE TABLE ticket_number_seq (
      day CHAR(8) NOT NULL PRIMARY KEY,
      last INT UNSIGNED NOT NULL
    )`);
    await t(`CREATE TABLE tickets (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      number VARCHAR(24) NOT NULL,
      complex_id INT UNSIGNED NOT NULL,
      community_id INT UNSIGNED NOT NULL,
      company_id INT UNSIGNED NULL,
      spot_id INT UNSIGNED NULL,
      building_id INT UNSIGNED NULL,
      location_text VARCHAR(128) NOT NULL DEFAULT '',
      category_code VARCHAR(32) NOT NULL,
      priority VARCHAR(16) NOT NULL,
      text TEXT NOT NULL,
      reporter_id BIGINT UNSIGNED NOT NULL,
      contact_name VARCHAR(64) NOT NULL DEFAULT '',
      contact_phone VARCHAR(20) NOT NULL DEFAULT '',
      assignee_id BIGINT UNSIGNED NULL,
      handling_unit_id INT UNSIGNED NULL,
      dispatch_target_unit_id INT UNSIGNED NULL,
      status VARCHAR(16) NOT NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      idempotency_key VARCHAR(64) NOT NULL,
      rating_solved TINYINT(1) NULL,
      rating_score TINYINT UNSIGNED NULL,
      rated_at DATETIME(3) NULL,
      accepted_at DATETIME(3) NULL,
      resolved_at DATETIME(3) NULL,
      closed_at DATETIME(3) NULL,
      mediation_requested_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_tickets_number (number),
      UNIQUE KEY uq_tickets_idempotency (reporter_id, idempotency_key),
      KEY ix_tickets_reporter (reporter_id, id),
      KEY ix_tickets_complex_status (complex_id, status, id),
      KEY ix_tickets_complex (complex_id, id),
      KEY ix_tickets_assignee (assignee_id, status, id),
      KEY ix_tickets_unit (handling_unit_id, status, id),
      KEY ix_tickets_dispatch (dispatch_target_unit_id, id),
      KEY ix_tickets_mediation (community_id, mediation_requested_at, id),
      CONSTRAINT fk_tickets_complex FOREIGN KEY (complex_id) REFERENCES complexes (id),
      CONSTRAINT fk_tickets_category FOREIGN KEY (category_code) REFERENCES categories (code),
      CONSTRAINT fk_tickets_reporter FOREIGN KEY (reporter_id) REFERENCES users (id),
      CONSTRAINT fk_tickets_assignee FOREIGN KEY (assignee_id) REFERENCES users (id)
    )`);
    await t(`CREATE TABLE ticket_events (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      ticket_id BIGINT UNSIGNED NOT NULL,
      actor_id BIGINT UNSIGNED NULL,
      actor_role VARCHAR(24) NOT NULL,
      action VARCHAR(32) NOT NULL,
      from_status VARCHAR(16) NULL,
      to_status VARCHAR(16) NOT NULL,
      note TEXT NULL,
      data JSON NULL,
      created_at DATETIME(3) NOT NULL,
      KEY ix_events_ticket (ticket_id, id),
      CONSTRAINT fk_events_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    )`);
    await t(`CREATE TABLE attachments (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      sha256 CHAR(64) NOT NULL,
      mime VARCHAR(32) NOT NULL,
      size INT UNSIGNED NOT NULL,
      uploader_id BIGINT UNSIGNED NOT NULL,
      ticket_id BIGINT UNSIGNED NULL,
      event_id BIGINT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      KEY ix_attachments_ticket (ticket_id),
      KEY ix_attachments_event (event_id),
      KEY ix_attachments_uploader (uploader_id),
      KEY ix_attachments_sha (sha256)
    )`);
    // Append-only: the database itself refuses to rewrite history.
    await q.query(`CREATE TRIGGER trg_ticket_events_no_update BEFORE UPDATE ON ticket_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events is append-only'`);
    await q.query(`CREATE TRIGGER trg_ticket_events_no_delete BEFORE DELETE ON ticket_events FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket_events is append-only'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS trg_ticket_events_no_delete');
    await q.query('DROP TRIGGER IF EXISTS trg_ticket_events_no_update');
    for (const table of [
      'attachments', 'ticket_events', 'tickets', 'ticket_number_seq', 'categories', 'sms_codes',
      'role_assignments', 'users', 'units', 'spots', 'buildings', 'complexes', 'companies', 'areas',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
