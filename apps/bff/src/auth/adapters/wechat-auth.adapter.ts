import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError, unauthenticated } from '../../common/domain-error';
import { ErrorCode } from '@msb/shared-types';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/**
 * WeChat `auth.code2Session` (GET /sns/jscode2session). The documented error codes: 40029 invalid code,
 * 40226 high-risk user, 45011 rate limit, -1 system busy. The base URL is configurable so tests can
 * run a local server that answers as WeChat does.
 */
@Injectable()
export class WechatAuthAdapter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async code2Session(code: string): Promise<WechatSession> {
    const { apiBase, appId, appSecret } = this.config.wechat;
    const url = `${apiBase}/sns/jscode2session?appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
    let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      body = (await res.json()) as typeof body;
    } catch (e) {
      throw new DomainError(ErrorCode.INTERNAL, '微信登录服务暂不可用，请稍后重试', { upstream: String(e) });
    }
    if (body.errcode === 45011) throw new DomainError(ErrorCode.RATE_LIMITED, '登录过于频繁，请稍后再试');
    if (body.errcode === -1) throw new DomainError(ErrorCode.INTERNAL, '微信系统繁忙，请稍后重试');
    if (body.errcode || !body.openid) throw unauthenticated(body.errcode === 40029 ? '微信登录凭证无效或已过期，请重试' : `微信登录失败（${body.errcode ?? '无 openid'}）`);
    return { openid: body.openid, unionid: body.unionid };
  }
}
