import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { AuthService } from './auth.service';
import { SmsCodeRepository } from './sms-code.repository';
import { AuthResolver } from './auth.resolver';
import { AttemptLimiter } from './attempt-limiter';
import { RestAuth } from './rest-auth';
import { RequestViewerContext } from './request-viewer';
import { SmsAdapter } from './adapters/sms.adapter';
import { WechatAuthAdapter } from './adapters/wechat-auth.adapter';
import { WechatPhoneAdapter } from './adapters/wechat-phone.adapter';
import { WechatPhoneService } from './wechat-phone.service';
import { WechatModule } from '../wechat/wechat.module';

@Module({
  imports: [OrgModule, WechatModule],
  providers: [AuthService, AuthResolver, RestAuth, SmsAdapter, WechatAuthAdapter, WechatPhoneAdapter, WechatPhoneService, SmsCodeRepository, AttemptLimiter, RequestViewerContext],
  exports: [AuthService, RestAuth, AttemptLimiter],
})
export class AuthModule {}
