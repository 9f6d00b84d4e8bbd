import { Injectable } from '@nestjs/common';
import { Role } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { badInput, forbidden, rateLimited } from '../common/domain-error';
import type { Viewer } from '../org/domain/viewer';
import { AttemptLimiter } from './attempt-limiter';
import { WechatPhoneAdapter } from './adapters/wechat-phone.adapter';

/** Per owner: the button is tapped once per report; a few retries are plenty, a loop is not. */
export const WECHAT_PHONE_LIMIT = { hits: 10, windowMs: 60 * 60_000 } as const;

/**
 * 使用微信手机号 (issue 12 §9): on weapp the contact phone comes from WeChat's phone-number button instead of
 * typing. Owners only (the mini-program signs owners in with wx.login), after the privacy consent of sign-in;
 * the number is handed back to fill the field, not stored here. Mainland numbers only, as the field requires.
 */
@Injectable()
export class WechatPhoneService {
  constructor(private readonly adapter: WechatPhoneAdapter, private readonly limiter: AttemptLimiter, private readonly clock: Clock) {}

  async phoneFromButton(viewer: Viewer, code: string): Promise<{ phone: string }> {
    if (!viewer.roles.has(Role.OWNER)) throw forbidden('仅业主可使用微信手机号');
    // The button's codes are printable ASCII (a 32–64 character token); anything else never reaches WeChat.
    if (!code || code.length > 128 || !/^[\x21-\x7e]+$/.test(code)) throw badInput('缺少微信手机号凭证', { field: 'code' });
    const hit = await this.limiter.hit(`wx-phone:${viewer.userId}`, WECHAT_PHONE_LIMIT.windowMs, this.clock.now());
    if (hit.hits > WECHAT_PHONE_LIMIT.hits) throw rateLimited('获取手机号过于频繁，请稍后再试，或直接填写手机号');
    const { phone, countryCode } = await this.adapter.phoneOf(code);
    if ((countryCode && countryCode !== '86') || !/^1\d{10}$/.test(phone)) throw badInput('仅支持中国大陆手机号，请直接填写', { field: 'code', reason: 'NOT_MAINLAND' });
    return { phone };
  }
}
