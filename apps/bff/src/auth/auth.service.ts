import { LRUCache } from 'lru-cache';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { badInput, rateLimited, unauthenticated } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import { phone as validPhone } from '../common/phone';
import { hashPassword, verifyPassword } from './domain/password';
import { AttemptLimiter } from './attempt-limiter';
import { SmsAdapter } from './adapters/sms.adapter';
import { WechatAuthAdapter } from './adapters/wechat-auth.adapter';
import { SmsCodeRepository } from './sms-code.repository';

export interface Session {
  token: string;
  userId: string;
  expiresAt: Date;
}

const SMS_TTL_MS = 5 * 60_000;
const SMS_MAX_ATTEMPTS = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Limits, all counted before anything is checked (see AttemptLimiter). Password: per phone × address
 * (LOGIN_MAX_FAILURES attempts since the last success, for LOGIN_LOCK_MINUTES), per address across
 * phones, and per phone from addresses that never signed in to it — so someone elsewhere can lock an
 * account out only for addresses it has not used, never for the places its owner signs in from.
 */
export const AUTH_LIMITS = {
  passwordPerPhoneFromNewAddresses: { hits: 50, windowMs: HOUR },
  passwordPerAddress: { hits: 100, windowMs: HOUR },
  trustedAddressMs: 30 * 24 * HOUR,
  smsLoginPerAddress: { hits: 30, windowMs: 15 * MINUTE },
  smsPerPhone: { hits: 5, windowMs: HOUR },
  smsPerAddress: { hits: 20, windowMs: HOUR },
  /** Tries of an admin's one-time code (first or reset password) from one address, across accounts. */
  accountCodePerAddress: { hits: 20, windowMs: HOUR },
} as const;

/** A real scrypt hash of nothing anyone knows: unknown phones cost the same work as known ones. */
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly org: OrgService,
    private readonly codes: SmsCodeRepository,
    private readonly limiter: AttemptLimiter,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly sms: SmsAdapter,
    private readonly wechat: WechatAuthAdapter,
  ) {}

  /**
   * Staff, department handlers, mediators, oversight, admins. `from` is the client address. A known and
   * an unknown phone take the same work (one scrypt) and get the same answers, lock included.
   */
  async loginWithPassword(phoneRaw: string, password: string, from = 'unknown'): Promise<Session> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone || !password) throw badInput('请输入手机号和密码', { field: 'phone' });
    if (password.length > 256) throw unauthenticated('手机号或密码错误');
    const now = this.clock.now();
    const { maxFailures, lockMinutes } = this.config.login;
    const here = `pw:${phone}|${from}`;
    const mine = await this.limiter.hit(here, lockMinutes * MINUTE, now);
    if (mine.hits > maxFailures) {
      throw rateLimited('密码错误次数过多，账号已暂时锁定，请稍后再试', { lockedUntil: mine.windowEnds.toISOString() });
    }
    const fromAddress = await this.limiter.hit(`pw-addr:${from}`, AUTH_LIMITS.passwordPerAddress.windowMs, now);
    if (fromAddress.hits > AUTH_LIMITS.passwordPerAddress.hits) throw rateLimited('尝试次数过多，请稍后再试', { lockedUntil: fromAddress.windowEnds.toISOString() });
    if (!(await this.limiter.peek(`pw-trusted:${phone}|${from}`, now))) {
      const anywhere = await this.limiter.hit(`pw-phone:${phone}`, AUTH_LIMITS.passwordPerPhoneFromNewAddresses.windowMs, now);
      if (anywhere.hits > AUTH_LIMITS.passwordPerPhoneFromNewAddresses.hits) {
        throw rateLimited('密码错误次数过多，账号已暂时锁定，请稍后再试', { lockedUntil: anywhere.windowEnds.toISOString() });
      }
    }
    const user = await this.org.passwordAccount(phone);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
    if (!ok || !user?.passwordHash) throw unauthenticated('手机号或密码错误');
    await this.limiter.reset(here);
    await this.limiter.mark(`pw-trusted:${phone}|${from}`, AUTH_LIMITS.trustedAddressMs, now);
    return this.issue(user.id);
  }

  /**
   * H5 owners: sends a 6-digit code. One per phone a minute (counted atomically, so parallel requests
   * send one SMS), and hourly caps per phone, per address and for everyone (SMS_HOURLY_CAP).
   */
  async requestSmsCode(phoneRaw: string, from = 'unknown'): Promise<{ resendAfterSeconds: number }> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone) throw badInput('请输入手机号', { field: 'phone' });
    const now = this.clock.now();
    const minute = `sms:${phone}`;
    const resendMs = this.config.smsResendSeconds * 1000;
    if ((await this.limiter.hit(minute, resendMs, now)).hits > 1) throw rateLimited(`验证码发送过于频繁，请${this.config.smsResendSeconds}秒后再试`);
    const caps: [string, { hits: number; windowMs: number }][] = [
      [`sms-hour:${phone}`, AUTH_LIMITS.smsPerPhone],
      [`sms-addr:${from}`, AUTH_LIMITS.smsPerAddress],
      ['sms-all', { hits: this.config.smsHourlyCap, windowMs: HOUR }],
    ];
    for (const [bucket, cap] of caps) {
      if ((await this.limiter.hit(bucket, cap.windowMs, now)).hits > cap.hits) throw rateLimited('验证码发送过于频繁，请稍后再试');
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.codes.put(phone, codeHash(phone, code), new Date(now.getTime() + SMS_TTL_MS), now);
    try {
      await this.sms.sendLoginCode(phone, code);
    } catch (e) {
      // Nothing went out: forget this code so the owner may ask again at once, not after the resend wait.
      await this.codes.remove(phone, codeHash(phone, code));
      await this.limiter.undo(minute);
      throw e;
    }
    return { resendAfterSeconds: this.config.smsResendSeconds };
  }

  /** Each try takes one of the code's attempts before it is compared, so parallel tries get no more than five. */
  async loginWithSms(phoneRaw: string, code: string, from = 'unknown'): Promise<Session> {
    const phone = validPhone(phoneRaw, 'phone');
    if (!phone) throw badInput('请输入手机号', { field: 'phone' });
    const now = this.clock.now();
    const fromAddress = await this.limiter.hit(`sms-login:${from}`, AUTH_LIMITS.smsLoginPerAddress.windowMs, now);
    if (fromAddress.hits > AUTH_LIMITS.smsLoginPerAddress.hits) throw rateLimited('尝试次数过多，请稍后再试');
    if (!(await this.codes.takeAttempt(phone, SMS_MAX_ATTEMPTS, now))) {
      const row = await this.codes.find(phone);
      if (!row || row.expiresAt <= now) throw unauthenticated('验证码已过期，请重新获取');
      throw rateLimited('验证码错误次数过多，请重新获取');
    }
    const hash = codeHash(phone, String(code ?? '').trim());
    if ((await this.codes.find(phone))?.codeHash !== hash) throw unauthenticated('验证码错误');
    // The account first, the code after: a sign-in that fails creating the account leaves the code usable.
    const userId = await this.org.ensureOwner({ phone }, `业主${phone.slice(-4)}`);
    // Only the try that deletes the code signs in (two right tries at once: one wins).
    if (!(await this.codes.consume(phone, hash))) throw unauthenticated('验证码错误');
    return this.issue(userId);
  }

  /**
   * Counts one try of an administrator's one-time code from `from` before it is checked (each code also
   * burns after five wrong tries): one address cannot walk through many accounts' codes.
   */
  async countAccountCodeTry(from = 'unknown'): Promise<void> {
    const hit = await this.limiter.hit(`acct-code:${from}`, AUTH_LIMITS.accountCodePerAddress.windowMs, this.clock.now());
    if (hit.hits > AUTH_LIMITS.accountCodePerAddress.hits) throw rateLimited('尝试次数过多，请稍后再试', { lockedUntil: hit.windowEnds.toISOString() });
  }

  /** Counts one try of some short code (`kind`, e.g. a room code) by `who` before it is checked; RATE_LIMITED past `cap`. */
  async countCodeTry(kind: string, who: string, cap: { hits: number; windowMs: number }): Promise<void> {
    const hit = await this.limiter.hit(`${kind}:${who}`, cap.windowMs, this.clock.now());
    if (hit.hits > cap.hits) throw rateLimited('尝试次数过多，请稍后再试', { lockedUntil: hit.windowEnds.toISOString() });
  }

  /** WeChat mini-program owners: the `wx.login` code is exchanged through code2Session. */
  async loginWithWechat(code: string): Promise<Session> {
    // wx.login codes are printable ASCII; anything else (a lone surrogate broke URL encoding) is bad input.
    if (!code || code.length > 128 || !/^[\x21-\x7e]+$/.test(code)) throw badInput('缺少微信登录凭证', { field: 'code' });
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
      this.verified.set(token, { sub: payload.sub, exp: payload.exp * 1000 });
      return payload.sub;
    } catch {
      throw unauthenticated('登录已过期，请重新登录');
    }
  }

  /** Bounded in bytes (a token is ~200 characters, but a caller chooses its length): ~4 MB. */
  private readonly verified = new LRUCache<string, { sub: string; exp: number }>({
    maxSize: 4 * 1024 * 1024,
    sizeCalculation: (v, token) => 100 + token.length * 2 + v.sub.length * 2,
  });

  private issue(userId: string): Session {
    const token = this.jwt.sign({ sub: userId });
    return { token, userId, expiresAt: new Date(this.clock.now().getTime() + this.config.jwt.ttlSeconds * 1000) };
  }
}

function codeHash(phone: string, code: string): string {
  return createHash('sha256').update(`${phone}:${code}`).digest('hex');
}
