import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-app notification centre and the WeChat subscribe-message outbox.
 * The SLA engine writes its warning, breach and escalation notices into `notifications` too.
 */
export class Notifications1764300000500 implements MigrationInterface {
  name = 'Notifications1764300000500';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await t(`CREATE TABLE notifications (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_id BIGINT UNSIGNED NOT NULL,
      ticket_id BIGINT UNSIGNED NULL,
      kind VARCHAR(32) NOT NULL,
      title VARCHAR(128) NOT NULL,
      body VARCHAR(500) NOT NULL DEFAULT '',
      read_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      KEY ix_notifications_user (user_id, id),
      KEY ix_notifications_unread (user_id, read_at)
    )`);
    // One row per message to send; the unique key makes writing it twice for one event impossible.
    await t(`CREATE TABLE wechat_outbox (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      ticket_id BIGINT UNSIGNED NOT NULL,
      event_id BIGINT UNSIGNED NOT NULL,
      user_id BIGINT UNSIGNED NOT NULL,
      openid VARCHAR(64) NOT NULL,
      template_key VARCHAR(16) NOT NULL,
      template_id VARCHAR(64) NOT NULL,
      page VARCHAR(255) NOT NULL,
      data JSON NOT NULL,
      status VARCHAR(12) NOT NULL,
      attempts INT UNSIGNED NOT NULL DEFAULT 0,
      last_error VARCHAR(255) NULL,
      claimed_at DATETIME(3) NULL,
      sent_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_wechat_outbox_event (event_id, user_id, template_key),
      KEY ix_wechat_outbox_status (status, id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE wechat_outbox');
    await q.query('DROP TABLE notifications');
  }
}
