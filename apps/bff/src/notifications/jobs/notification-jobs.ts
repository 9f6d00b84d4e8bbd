/** Queues and jobs of the notifications feature. Payloads carry ids, never documents. */
export enum NotificationQueue {
  WECHAT = 'wechat-notify',
}

export enum NotificationJob {
  SEND_SUBSCRIBE_MESSAGE = 'send-subscribe-message',
}

export interface NotificationJobPayload {
  [NotificationJob.SEND_SUBSCRIBE_MESSAGE]: { outboxId: string };
}

/** Deterministic job id (BullMQ ignores a second add with the same id; no ':' allowed). */
export const sendJobId = (outboxId: string) => `wechat-${outboxId}`;
