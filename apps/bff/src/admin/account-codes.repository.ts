import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** account_codes: at most one live one-time code per account (an invitation or a password reset); only its sha256 is kept. */
@Injectable()
export class AccountCodesRepository {
  async put(em: EntityManager, userId: string, codeHash: string, purpose: string, expiresAt: Date): Promise<void> {
    await em.query(
      `INSERT INTO account_codes (user_id, code_hash, purpose, expires_at, attempts) VALUES (?, ?, ?, ?, 0)
       ON DUPLICATE KEY UPDATE code_hash = VALUES(code_hash), purpose = VALUES(purpose), expires_at = VALUES(expires_at), attempts = 0`,
      [userId, codeHash, purpose, expiresAt],
    );
  }

  async lock(em: EntityManager, userId: string): Promise<{ codeHash: string; purpose: string; expiresAt: Date; attempts: number } | null> {
    const [r] = await em.query('SELECT code_hash, purpose, expires_at, attempts FROM account_codes WHERE user_id = ? FOR UPDATE', [userId]);
    return r ? { codeHash: r.code_hash, purpose: r.purpose, expiresAt: new Date(r.expires_at), attempts: Number(r.attempts) } : null;
  }

  async countAttempt(em: EntityManager, userId: string): Promise<void> {
    await em.query('UPDATE account_codes SET attempts = attempts + 1 WHERE user_id = ?', [userId]);
  }

  async remove(em: EntityManager, userId: string): Promise<void> {
    await em.query('DELETE FROM account_codes WHERE user_id = ?', [userId]);
  }
}
