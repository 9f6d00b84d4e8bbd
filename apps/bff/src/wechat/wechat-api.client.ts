import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { WechatTokenStore, type SharedToken } from './wechat-token-store';

/** An answer from WeChat that is not `errcode 0`, or a transport failure (errcode -2). */
export class WechatApiError extends Error {
  constructor(readonly errcode: number, message: string) {
    super(`wechat ${errcode}: ${message}`);
  }
}

/** 40001 invalid credential, 40014 invalid token, 42001 token expired: fetch a new token and try again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** The owner has not (or no longer) subscribed to this template: sending again will not help. */
export const WECHAT_USER_REFUSED = 43101;

/** What getuserphonenumber answers as `phone_info`. */
export interface WechatPhoneInfo {
  /** With the country code for numbers outside mainland China. */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  watermark: { timestamp: number; appid: string };
}

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: 'formal' | 'trial' | 'developer';
  lang?: 'zh_CN';
}

/**
 * Adapter for WeChat's documented server API (base URL configurable so tests run a local stand-in):
 * GET /cgi-bin/token (client_credential) → access_token, cached until shortly before it expires;
 * POST /cgi-bin/message/subscribe/send → errcode 0 on success; POST /wxa/business/getuserphonenumber → phone_info.
 * The token is shared by every process through Redis (WechatTokenStore: a fetch invalidates the previous
 * token after 5 minutes, so per-process tokens would knock each other out) and cached here until it expires.
 */
@Injectable()
export class WechatApiClient {
  private readonly log = new Logger(WechatApiClient.name);
  private token: SharedToken | null = null;
  private fetching: Promise<string> | null = null;
  private readonly me = randomUUID();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly shared: WechatTokenStore) {}

  /** The token; `rejected` names one WeChat refused: a different shared one is taken, else a new one fetched. */
  async accessToken(rejected?: string): Promise<string> {
    if (!rejected && this.token && Date.now() < this.token.expiresAt) return this.token.value;
    this.fetching ??= this.sharedToken(rejected).finally(() => (this.fetching = null));
    return this.fetching;
  }

  private async sharedToken(rejected?: string): Promise<string> {
    for (let waited = 0; ; waited += 200) {
      const t = await this.shared.get();
      if (t && t.value !== rejected) return (this.token = t).value;
      if (waited >= 3000 || (await this.shared.lock(this.me))) break;
      // Another process is fetching: its token will be in Redis in a moment.
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      const value = await this.fetchToken();
      await this.shared.put(this.token!);
      return value;
    } finally {
      await this.shared.unlock(this.me);
    }
  }

  private async fetchToken(): Promise<string> {
    const { apiBase, appId, appSecret } = this.config.wechat;
    const url = `${apiBase}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}`;
    const body = await this.call(url, { method: 'GET' });
    if (typeof body.access_token !== 'string' || !body.access_token) throw new WechatApiError(Number(body.errcode ?? -1), String(body.errmsg ?? 'no access_token'));
    const ttl = Number(body.expires_in ?? 7200);
    // Renew five minutes early (or halfway through a short ttl).
    this.token = { value: body.access_token, expiresAt: Date.now() + Math.max(ttl - 300, ttl / 2) * 1000 };
    return this.token.value;
  }

  /** Sends one subscribe message; an expired token is refreshed and the send retried once. Throws WechatApiError. */
  async sendSubscribeMessage(msg: SubscribeMessage): Promise<void> {
    await this.postWithToken('/cgi-bin/message/subscribe/send', { lang: 'zh_CN', ...msg });
  }

  /**
   * 手机号快速验证 (phonenumber.getPhoneNumber): POST /wxa/business/getuserphonenumber?access_token=… {code}, the
   * code from the mini-program's `open-type="getPhoneNumber"` button (single use, valid 5 minutes) →
   * phone_info {phoneNumber, purePhoneNumber, countryCode, watermark {timestamp, appid}}. Throws WechatApiError
   * (40029 invalid code, 45011 minute quota, -1 busy, 40013 invalid appid; -2 transport).
   */
  async getUserPhoneNumber(code: string): Promise<WechatPhoneInfo> {
    const body = await this.postWithToken('/wxa/business/getuserphonenumber', { code });
    const info = body.phone_info as Partial<WechatPhoneInfo> | undefined;
    if (!info || typeof info.purePhoneNumber !== 'string') throw new WechatApiError(-2, 'no phone_info in the answer');
    return {
      phoneNumber: String(info.phoneNumber ?? info.purePhoneNumber),
      purePhoneNumber: info.purePhoneNumber,
      countryCode: String(info.countryCode ?? ''),
      watermark: { timestamp: Number(info.watermark?.timestamp ?? 0), appid: String(info.watermark?.appid ?? '') },
    };
  }

  /**
   * POST {apiBase}{path}?access_token=… with a JSON body; answers the body when errcode is 0 (or absent). A
   * rejected token (40001, 40014, 42001) is dropped, a new one fetched and the call made once more.
   */
  private async postWithToken(path: string, payload: Record<string, unknown>): Promise<Record<string, any>> {
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(rejected);
      const body = await this.call(`${this.config.wechat.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      const code = Number(body.errcode ?? 0);
      if (code === 0) return body;
      if (TOKEN_ERRORS.has(code) && attempt === 0) {
        this.log.warn(`access token rejected (${code}); refreshing`);
        this.token = null;
        rejected = token;
        continue;
      }
      throw new WechatApiError(code, String(body.errmsg ?? ''));
    }
  }

  private async call(url: string, init: RequestInit): Promise<Record<string, any>> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      throw new WechatApiError(-2, `network: ${(e as Error).message}`);
    }
    if (!res.ok) throw new WechatApiError(-2, `http ${res.status}`);
    try {
      return (await res.json()) as Record<string, any>;
    } catch {
      throw new WechatApiError(-2, 'response is not JSON');
    }
  }
}
