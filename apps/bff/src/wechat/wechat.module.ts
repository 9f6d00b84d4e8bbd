import { Module } from '@nestjs/common';
import { WechatApiClient } from './wechat-api.client';
import { WechatTokenStore } from './wechat-token-store';

/**
 * WeChat's server API for the mini-program (one access token for all processes, shared through Redis, shared by whoever calls it:
 * subscribe messages for notifications, the phone-number exchange for auth). Plumbing: no tables, no rules.
 */
@Module({ providers: [WechatApiClient, WechatTokenStore], exports: [WechatApiClient] })
export class WechatModule {}
