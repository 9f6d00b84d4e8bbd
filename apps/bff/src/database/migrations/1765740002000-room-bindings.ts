import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners attached to their homes (rooms/): a binding of an account to a room (building, unit, room) of a
 * complex, PENDING until the property confirms it (or VERIFIED at once with a short-lived code staff show),
 * ENDED when unbound; at most one live binding per owner and room (`live` is 1 only while PENDING or
 * VERIFIED, so the unique key ignores ended ones). A ticket filed from a verified binding carries its room.
 */
export class RoomBindings1765740002000 implements MigrationInterface {
  name = 'RoomBindings1765740002000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await t(`CREATE TABLE room_bindings (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_id BIGINT UNSIGNED NOT NULL,
      complex_id INT UNSIGNED NOT NULL,
      building_id INT UNSIGNED NOT NULL,
      unit_label VARCHAR(8) NOT NULL DEFAULT '',
      room_label VARCHAR(16) NOT NULL,
      status VARCHAR(12) NOT NULL,
      method VARCHAR(8) NULL,
      requested_at DATETIME(3) NOT NULL,
      decided_at DATETIME(3) NULL,
      decided_by BIGINT UNSIGNED NULL,
      reason VARCHAR(100) NULL,
      ended_at DATETIME(3) NULL,
      live TINYINT AS (IF(status IN ('PENDING', 'VERIFIED'), 1, NULL)) PERSISTENT,
      UNIQUE KEY uq_room_bindings_live (user_id, building_id, unit_label, room_label, live),
      KEY ix_room_bindings_complex (complex_id, status, id),
      KEY ix_room_bindings_room (building_id, unit_label, room_label),
      CONSTRAINT fk_room_bindings_user FOREIGN KEY (user_id) REFERENCES users (id),
      CONSTRAINT fk_room_bindings_complex FOREIGN KEY (complex_id) REFERENCES complexes (id),
      CONSTRAINT fk_room_bindings_building FOREIGN KEY (building_id) REFERENCES buildings (id)
    )`);
    await t(`CREATE TABLE room_codes (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      complex_id INT UNSIGNED NOT NULL,
      building_id INT UNSIGNED NOT NULL,
      unit_label VARCHAR(8) NOT NULL DEFAULT '',
      room_label VARCHAR(16) NOT NULL,
      code_hash CHAR(64) NOT NULL,
      created_by BIGINT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      used_at DATETIME(3) NULL,
      used_by BIGINT UNSIGNED NULL,
      UNIQUE KEY uq_room_codes (complex_id, code_hash),
      CONSTRAINT fk_room_codes_complex FOREIGN KEY (complex_id) REFERENCES complexes (id),
      CONSTRAINT fk_room_codes_building FOREIGN KEY (building_id) REFERENCES buildings (id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS room_codes');
    await q.query('DROP TABLE IF EXISTS room_bindings');
  }
}
