import { Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Inject } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { WechatApiClient, WechatApiError, WECHAT_USER_REFUSED } from '../../wechat/wechat-api.client';
import { OutboxStatus, WechatOutboxRepository } from './wechat-outbox.repository';

/** How long a SENDING claim protects a row; after that its worker is presumed dead and the row is sent again. */
export const SENDING_LEASE_MS = 60_000;

export type DeliveryOutcome = 'SENT' | 'REFUSED' | 'ALREADY_DONE';

/** Thrown to make the queue retry later (with backoff). */
export class RetryLater extends Error {}

/**
 * Delivers one outbox row. Idempotent by construction:
 * 1. claim — compare-and-set PENDING → SENDING in MySQL (a row already SENT, REFUSED or FAILED is skipped:
 *    this is the check that makes a re-run job after a crash harmless);
 * 2. send — one HTTP call to WeChat;
 * 3. record — SENT / REFUSED / back to PENDING (or FAILED on the last attempt) in MySQL.
 * The one window left is a crash between 2 and 3: the row stays SENDING, and once the lease expires the
 * message is sent again (at-least-once there, never silently lost). Everywhere else it is exactly once.
 */
@Injectable()
export class WechatOutboxSender {
  private readonly log = new Logger(WechatOutboxSender.name);

  constructor(
    private readonly repo: WechatOutboxRepository,
    private readonly api: WechatApiClient,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(outboxId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const now = this.clock.now();
    if (!(await this.repo.claim(outboxId, now, new Date(now.getTime() - SENDING_LEASE_MS)))) {
      const row = await this.repo.find(outboxId);
      if (!row || row.status !== OutboxStatus.SENDING) return 'ALREADY_DONE';
      throw new RetryLater(`outbox ${outboxId} is being sent by another worker`);
    }
    const row = (await this.repo.find(outboxId))!;
    try {
      await this.api.sendSubscribeMessage({
        touser: row.openid, template_id: row.templateId, page: row.page, data: row.data,
        miniprogram_state: this.config.wechatNotify.miniprogramState,
      });
    } catch (e) {
      const err = e instanceof WechatApiError ? e : new WechatApiError(-1, String(e));
      if (err.errcode === WECHAT_USER_REFUSED) {
        await this.repo.finish(outboxId, OutboxStatus.REFUSED, this.clock.now(), err.message);
        return 'REFUSED';
      }
      await this.repo.finish(outboxId, lastAttempt ? OutboxStatus.FAILED : OutboxStatus.PENDING, this.clock.now(), err.message);
      if (lastAttempt) this.log.error(`outbox ${outboxId} failed for good: ${err.message}`);
      throw err;
    }
    await this.repo.finish(outboxId, OutboxStatus.SENT, this.clock.now(), null);
    return 'SENT';
  }
}
