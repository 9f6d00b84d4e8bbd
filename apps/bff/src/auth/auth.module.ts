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

@Module({
  imports: [OrgModule],
  providers: [AuthService, AuthResolver, RestAuth, SmsAdapter, WechatAuthAdapter, SmsCodeRepository, AttemptLimiter, RequestViewerContext],
  exports: [AuthService, RestAuth],
})
export class AuthModule {}
