import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { badInput, DomainError, rateLimited } from '../../common/domain-error';
import { WechatApiClient, WechatApiError } from '../../wechat/wechat-api.client';

/**
 * The WeChat phone-number button's code → the owner's phone, through WeChat's getuserphonenumber (the
 * access token and its refresh are WechatApiClient's). WeChat's documented answers become domain errors:
 * 40029 (a code that is wrong, used or older than 5 minutes) is the owner's to retry; 45011 (minute quota)
 * is RATE_LIMITED; -1 (busy), 40013 (our appid), a transport failure and any other code are ours (INTERNAL),
 * never blamed on the owner. The answer must carry our own appid in its watermark.
 */
@Injectable()
export class WechatPhoneAdapter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly api: WechatApiClient) {}

  async phoneOf(code: string): Promise<{ phone: string; countryCode: string }> {
    let info;
    try {
      info = await this.api.getUserPhoneNumber(code);
    } catch (e) {
      if (!(e instanceof WechatApiError)) throw e;
      if (e.errcode === 40029) throw badInput('微信手机号授权已失效，请再点一次“使用微信手机号”', { field: 'code', wechat: 40029 });
      if (e.errcode === 45011) throw rateLimited('获取手机号过于频繁，请稍后再试');
      if (e.errcode === -1) throw new DomainError(ErrorCode.INTERNAL, '微信系统繁忙，请稍后重试，或直接填写手机号', { wechat: -1 });
      throw new DomainError(ErrorCode.INTERNAL, '暂时无法获取微信手机号，请直接填写手机号', { wechat: e.errcode });
    }
    if (info.watermark.appid && info.watermark.appid !== this.config.wechat.appId) {
      throw new DomainError(ErrorCode.INTERNAL, '暂时无法获取微信手机号，请直接填写手机号', { wechat: 'watermark' });
    }
    return { phone: info.purePhoneNumber, countryCode: info.countryCode };
  }
}
