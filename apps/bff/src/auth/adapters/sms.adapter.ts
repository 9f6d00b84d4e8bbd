import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { ErrorCode } from '@msb/shared-types';

/**
 * Sends login codes. With SMS_API_BASE unset (development) the code is written to the log instead.
 * The gateway contract: POST {base}/send {phone, template, params} with header X-Api-Key; 2xx = accepted.
 */
@Injectable()
export class SmsAdapter {
  private readonly log = new Logger('SMS');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async sendLoginCode(phone: string, code: string): Promise<void> {
    const { apiBase, apiKey } = this.config.sms;
    if (!apiBase) {
      if (this.config.env === 'production') throw new DomainError(ErrorCode.INTERNAL, '短信服务未配置');
      this.log.log(`login code for ${phone}: ${code}`);
      return;
    }
    const res = await fetch(`${apiBase}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ phone, template: 'LOGIN_CODE', params: { code } }),
      signal: AbortSignal.timeout(5000),
    }).catch((e) => {
      throw new DomainError(ErrorCode.INTERNAL, '短信发送失败，请稍后重试', { upstream: String(e) });
    });
    if (res.status === 429) throw new DomainError(ErrorCode.RATE_LIMITED, '短信发送过于频繁，请稍后再试');
    if (!res.ok) throw new DomainError(ErrorCode.INTERNAL, '短信发送失败，请稍后重试', { status: res.status });
  }
}
