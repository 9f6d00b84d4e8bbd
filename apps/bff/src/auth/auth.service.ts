import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { badInput, rateLimited, unauthenticated } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import { phone as validPhone } from '../tickets/domain/ticket-input';
import { verifyPassword } from './domain/password';
import { SmsAdapter } from './adapters/sms.adapter';
import { WechatAuthAdapter } from './adapters/wechat-auth.adapter';
import { SmsCodeRepository } from './sms-code.repository';

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
    private readonly org: OrgService,
    private readonly codes: SmsCodeRepository,
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
    const user = await this.org.passwordAccount(phone);
    if (user?.lockedUntil && user.lockedUntil > now) {
      throw rateLimited('密码错误次数过多，账号已暂时锁定，请稍后再试', { lockedUntil: user.lockedUntil.toISOString() });
    }
    const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
    if (!ok) {
      if (user) {
        const { maxFailures, lockMinutes } = this.config.login;
        await this.org.recordLoginFailure(user.id, maxFailures, new Date(now.getTime() + lockMinutes * 60_000));
      }
      throw unauthenticated('手机号或密码错误');
    }
    await this.org.clearLoginFailures(user!.id);
    return this.issue(user!.id);
  }

  /** H5 owners: sends a 6-digit code (at most one a minute per phone). */
  async requestSmsCode(phoneRaw: string): Promise<{ resendAfterSeconds: number }> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone) throw badInput('请输入手机号', { field: 'phone' });
    const now = this.clock.now();
    const prev = await this.codes.find(phone);
    if (prev && now.getTime() - prev.sentAt.getTime() < SMS_RESEND_MS) throw rateLimited('验证码发送过于频繁，请1分钟后再试');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.codes.put(phone, codeHash(phone, code), new Date(now.getTime() + SMS_TTL_MS), now);
    try {
      await this.sms.sendLoginCode(phone, code);
    } catch (e) {
      // Nothing went out: forget this code so the owner may ask again at once, not after the resend wait.
      await this.codes.remove(phone, codeHash(phone, code));
      throw e;
    }
    return { resendAfterSeconds: SMS_RESEND_MS / 1000 };
  }

  async loginWithSms(phoneRaw: string, code: string): Promise<Session> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone) throw badInput('请输入手机号', { field: 'phone' });
    const now = this.clock.now();
    const row = await this.codes.find(phone);
    if (!row || row.expiresAt < now) throw unauthenticated('验证码已过期，请重新获取');
    if (row.attempts >= SMS_MAX_ATTEMPTS) throw rateLimited('验证码错误次数过多，请重新获取');
    if (row.codeHash !== codeHash(phone, String(code ?? '').trim())) {
      await this.codes.countAttempt(phone);
      throw unauthenticated('验证码错误');
    }
    await this.codes.remove(phone);
    const userId = await this.org.ensureOwner({ phone }, `业主${phone.slice(-4)}`);
    return this.issue(userId);
  }

  /** WeChat mini-program owners: the `wx.login` code is exchanged through code2Session. */
  async loginWithWechat(code: string): Promise<Session> {
    if (!code || code.length > 128) throw badInput('缺少微信登录凭证', { field: 'code' });
    const { openid } = await this.wechat.code2Session(code);
    const userId = await this.org.ensureOwner({ wxOpenid: openid }, '微信用户');
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
}

function codeHash(phone: string, code: string): string {
  return createHash('sha256').update(`${phone}:${code}`).digest('hex');
}
