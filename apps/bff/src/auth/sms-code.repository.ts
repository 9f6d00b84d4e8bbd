import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface SmsCodeRow {
  readonly codeHash: string;
  readonly expiresAt: Date;
  readonly attempts: number;
  readonly sentAt: Date;
}

/** The sms_codes table (one pending sign-in code per phone). Auth's own; nothing else touches it. */
@Injectable()
export class SmsCodeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(phone: string): Promise<SmsCodeRow | null> {
    const [r] = await this.ds.query('SELECT code_hash, expires_at, attempts, sent_at FROM sms_codes WHERE phone = ?', [phone]);
    return r ? { codeHash: r.code_hash, expiresAt: new Date(r.expires_at), attempts: Number(r.attempts), sentAt: new Date(r.sent_at) } : null;
  }

  /** The phone's code from now on (a new one replaces the old one and its attempts). */
  async put(phone: string, codeHash: string, expiresAt: Date, sentAt: Date): Promise<void> {
    await this.ds.query(
      `INSERT INTO sms_codes (phone, code_hash, expires_at, attempts, sent_at) VALUES (?, ?, ?, 0, ?)
       ON DUPLICATE KEY UPDATE code_hash = VALUES(code_hash), expires_at = VALUES(expires_at), attempts = 0, sent_at = VALUES(sent_at)`,
      [phone, codeHash, expiresAt, sentAt],
    );
  }

  /** Takes one attempt of the phone's live code, atomically; false when there is none left (or no live code). */
  async takeAttempt(phone: string, maxAttempts: number, now: Date): Promise<boolean> {
    const r = await this.ds.query('UPDATE sms_codes SET attempts = attempts + 1 WHERE phone = ? AND attempts < ? AND expires_at > ?', [phone, maxAttempts, now]);
    return Number(r.affectedRows) === 1;
  }

  /** Deletes the phone's code if it is `codeHash`; true for the one caller that did. */
  async consume(phone: string, codeHash: string): Promise<boolean> {
    const r = await this.ds.query('DELETE FROM sms_codes WHERE phone = ? AND code_hash = ?', [phone, codeHash]);
    return Number(r.affectedRows) === 1;
  }

  /** Forgets the phone's code; with `codeHash`, only if it is still that one. */
  async remove(phone: string, codeHash?: string): Promise<void> {
    if (codeHash === undefined) await this.ds.query('DELETE FROM sms_codes WHERE phone = ?', [phone]);
    else await this.ds.query('DELETE FROM sms_codes WHERE phone = ? AND code_hash = ?', [phone, codeHash]);
  }
}
