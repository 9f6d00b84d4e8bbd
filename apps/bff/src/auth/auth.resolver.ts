import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { OrgService } from '../org/org.service';
import { AuthSession, SmsCodeSent } from '../org/models/org.models';
import { AuthService, type Session } from './auth.service';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { WechatPhone } from './wechat-phone.model';
import { WechatPhoneService } from './wechat-phone.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService, private readonly org: OrgService, private readonly wechatPhone: WechatPhoneService) {}

  private async session(s: Session): Promise<AuthSession> {
    const v = await this.org.loadViewer(s.userId);
    return { token: s.token, expiresAt: s.expiresAt, me: { id: s.userId, name: v!.name, roles: [...v!.roles], assignments: await this.org.assignmentsOf(s.userId) } };
  }

  @Mutation(() => AuthSession, { description: 'Staff, departments, mediators, oversight, admins' })
  async loginWithPassword(@Args('phone') phone: string, @Args('password') password: string, @Context('req') req: FastifyRequest) {
    return this.session(await this.auth.loginWithPassword(phone, password, req.ip));
  }

  @Mutation(() => SmsCodeSent, { description: 'H5 owners: send a login code' })
  requestSmsCode(@Args('phone') phone: string, @Context('req') req: FastifyRequest) {
    return this.auth.requestSmsCode(phone, req.ip);
  }

  @Mutation(() => AuthSession)
  async loginWithSms(@Args('phone') phone: string, @Args('code') code: string, @Context('req') req: FastifyRequest) {
    return this.session(await this.auth.loginWithSms(phone, code, req.ip));
  }

  @Mutation(() => AuthSession, { description: 'WeChat owners: the code from wx.login' })
  async loginWithWechat(@Args('code') code: string) {
    return this.session(await this.auth.loginWithWechat(code));
  }

  @Mutation(() => WechatPhone, { description: 'WeChat owners: the code from the phone-number button (open-type="getPhoneNumber") → their phone, to fill the contact field' })
  wechatPhoneNumber(@CurrentViewer() viewer: Viewer, @Args('code') code: string) {
    return this.wechatPhone.phoneFromButton(viewer, code);
  }
}
