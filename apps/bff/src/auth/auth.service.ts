import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { Role } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { badInput, rateLimited, unauthenticated } from '../common/domain-error';
import { phone as validPhone } from '../tickets/domain/ticket-input';
import { verifyPassword } from './domain/password';
import { SmsAdapter } from './adapters/sms.adapter';
import { WechatAuthAdapter } from './adapters/wechat-auth.adapter';

export interface Session {
  token: string;
  userId: string;
  expiresAt: Date;
}

const SMS_TTL_MS = 5 * 60_000;
const SMS_RESEND_MS = 60_000;
const SMS_MAX_ATTEMPTS = 5;

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly sms: SmsAdapter,
    private readonly wechat: WechatAuthAdapter,
  ) {}

  /** Staff, department handlers, mediators, oversight, admins. Locks the account after repeated failures. */
  async loginWithPassword(phoneRaw: string, password: string): Promise<Session> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone || !password) throw badInput('请输入手机号和密码', { field: 'phone' });
    const now = this.clock.now();
    const [user] = await this.ds.query('SELECT id, password_hash, failed_logins, locked_until FROM users WHERE phone = ?', [phone]);
    if (user?.locked_until && new Date(user.locked_until) > now) {
      throw rateLimited('密码错误次数过多，账号已暂时锁定，请稍后再试', { lockedUntil: new Date(user.locked_until).toISOString() });
    }
    const ok = user?.password_hash ? await verifyPassword(password, user.password_hash) : false;
    if (!ok) {
      if (user) {
        const { maxFailures, lockMinutes } = this.config.login;
        await this.ds.query(
          `UPDATE users SET failed_logins = failed_logins + 1,
             locked_until = IF(failed_logins >= ?, ?, locked_until),
             failed_logins = IF(failed_logins >= ?, 0, failed_logins) WHERE id = ?`,
          [maxFailures, new Date(now.getTime() + lockMinutes * 60_000), maxFailures, user.id],
        );
      }
      throw unauthenticated('手机号或密码错误');
    }
    await this.ds.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?', [user.id]);
    return this.issue(String(user.id));
  }

  /** H5 owners: sends a 6-digit code (at most one a minute per phone). */
  async requestSmsCode(phoneRaw: string): Promise<{ resendAfterSeconds: number }> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone) throw badInput('请输入手机号', { field: 'phone' });
    const now = this.clock.now();
    const [prev] = await this.ds.query('SELECT sent_at FROM sms_codes WHERE phone = ?', [phone]);
    if (prev && now.getTime() - new Date(prev.sent_at).getTime() < SMS_RESEND_MS) throw rateLimited('验证码发送过于频繁，请1分钟后再试');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.ds.query(
      `INSERT INTO sms_codes (phone, code_hash, expires_at, attempts, sent_at) VALUES (?, ?, ?, 0, ?)
       ON DUPLICATE KEY UPDATE code_hash = VALUES(code_hash), expires_at = VALUES(expires_at), attempts = 0, sent_at = VALUES(sent_at)`,
      [phone, codeHash(phone, code), new Date(now.getTime() + SMS_TTL_MS), now],
    );
    try {
      await this.sms.sendLoginCode(phone, code);
    } catch (e) {
      // Nothing went out: forget this code so the owner may ask again at once, not after the resend wait.
      await this.ds.query('DELETE FROM sms_codes WHERE phone = ? AND code_hash = ?', [phone, codeHash(phone, code)]);
      throw e;
    }
    return { resendAfterSeconds: SMS_RESEND_MS / 1000 };
  }

  async loginWithSms(phoneRaw: string, code: string): Promise<Session> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone) throw badInput('请输入手机号', { field: 'phone' });
    const now = this.clock.now();
    const [row] = await this.ds.query('SELECT code_hash, expires_at, attempts FROM sms_codes WHERE phone = ?', [phone]);
    if (!row || new Date(row.expires_at) < now) throw unauthenticated('验证码已过期，请重新获取');
    if (row.attempts >= SMS_MAX_ATTEMPTS) throw rateLimited('验证码错误次数过多，请重新获取');
    if (row.code_hash !== codeHash(phone, String(code ?? '').trim())) {
      await this.ds.query('UPDATE sms_codes SET attempts = attempts + 1 WHERE phone = ?', [phone]);
      throw unauthenticated('验证码错误');
    }
    await this.ds.query('DELETE FROM sms_codes WHERE phone = ?', [phone]);
    const userId = await this.ensureOwner({ phone }, `业主${phone.slice(-4)}`);
    return this.issue(userId);
  }

  /** WeChat mini-program owners: the `wx.login` code is exchanged through code2Session. */
  async loginWithWechat(code: string): Promise<Session> {
    if (!code || code.length > 128) throw badInput('缺少微信登录凭证', { field: 'code' });
    const { openid } = await this.wechat.code2Session(code);
    const userId = await this.ensureOwner({ wxOpenid: openid }, '微信用户');
    return this.issue(userId);
  }

  /**
   * Verifies a bearer token; returns the user id or throws UNAUTHENTICATED. Verified tokens are remembered
   * until they expire (HMAC verification builds a key object per call and was the top cost per request).
   */
  verify(token: string): string {
    const now = this.clock.now().getTime();
    const hit = this.verified.get(token);
    if (hit && hit.exp > now) return hit.sub;
    try {
      const payload = this.jwt.verify<{ sub: string; exp: number }>(token);
      if (this.verified.size >= 10_000) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { sub: payload.sub, exp: payload.exp * 1000 });
      return payload.sub;
    } catch {
      throw unauthenticated('登录已过期，请重新登录');
    }
  }

  private readonly verified = new Map<string, { sub: string; exp: number }>();

  private issue(userId: string): Session {
    const token = this.jwt.sign({ sub: userId });
    return { token, userId, expiresAt: new Date(this.clock.now().getTime() + this.config.jwt.ttlSeconds * 1000) };
  }

  private async ensureOwner(by: { phone?: string; wxOpenid?: string }, name: string): Promise<string> {
    const col = by.phone ? 'phone' : 'wx_openid';
    const val = by.phone ?? by.wxOpenid;
    await this.ds.query(`INSERT IGNORE INTO users (name, ${col}) VALUES (?, ?)`, [name, val]);
    const [u] = await this.ds.query(`SELECT id FROM users WHERE ${col} = ?`, [val]);
    const userId = String(u.id);
    await this.ds.query(
      `INSERT INTO role_assignments (user_id, role) SELECT ?, ? FROM DUAL
       WHERE NOT EXISTS (SELECT 1 FROM role_assignments WHERE user_id = ? AND role = ?)`,
      [userId, Role.OWNER, userId, Role.OWNER],
    );
    return userId;
  }
}

function codeHash(phone: string, code: string): string {
  return createHash('sha256').update(`${phone}:${code}`).digest('hex');
}
