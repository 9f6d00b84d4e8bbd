import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { AuthService } from './auth.service';
import { AuthResolver } from './auth.resolver';
import { RestAuth } from './rest-auth';
import { SmsAdapter } from './adapters/sms.adapter';
import { WechatAuthAdapter } from './adapters/wechat-auth.adapter';

@Module({
  imports: [OrgModule],
  providers: [AuthService, AuthResolver, RestAuth, SmsAdapter, WechatAuthAdapter],
  exports: [AuthService, RestAuth],
})
export class AuthModule {}
