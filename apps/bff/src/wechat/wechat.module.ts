import { Module } from '@nestjs/common';
import { WechatApiClient } from './wechat-api.client';

/**
 * WeChat's server API for the mini-program (one access token per process, shared by whoever calls it:
 * subscribe messages for notifications, the phone-number exchange for auth). Plumbing: no tables, no rules.
 */
@Module({ providers: [WechatApiClient], exports: [WechatApiClient] })
export class WechatModule {}
