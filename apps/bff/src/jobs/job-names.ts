import type { SlaTarget } from '../sla/domain/sla-target';

/**
 * BullMQ queues. Names are Redis key segments: no ':'. Each queue's keys start with `queuePrefix(name)`
 * (redis/redis.module: one hash tag per queue for Redis Cluster), applied in jobs/job-settings only.
 */
export enum QueueName {
  SLA = 'sla',
  WECHAT = 'wechat-notify',
  EXPORT = 'figure-export',
}

/** Every job the workers run. A name without a queue or payload type fails to compile; without a handler, the start. */
export enum JobName {
  /** A clock's next instant came (warning, breach, an escalation step, the rating window's end). */
  SLA_WAKE = 'sla-wake',
  /** Send one WeChat subscribe message of the outbox. */
  SEND_SUBSCRIBE_MESSAGE = 'send-subscribe-message',
  /** Make one figure export (figures/export) that was too large to make inline. */
  MAKE_EXPORT = 'make-export',
}

/** Periodic passes that restore from MySQL what Redis lost (MySQL is the truth; a job is only a wake-up). */
export enum SweepName {
  /** Re-creates missing SLA wake-ups and fires overdue clocks (sla-reconciler). */
  SLA_RECONCILE = 'sla-reconcile',
  /** Re-enqueues PENDING WeChat outbox rows whose job was lost. */
  WECHAT_OUTBOX = 'wechat-outbox',
  /** Makes exports left waiting (wake-up lost, Redis away), takes over stalled ones, deletes expired files. */
  FIGURE_EXPORTS = 'figure-exports',
}

/** Payloads carry ids, not documents: the handler re-reads the row. */
export interface SlaWakePayload {
  readonly ticketId: string;
  readonly target: SlaTarget;
  /** The clock version the wake-up was scheduled for; a handler finding another version does nothing. */
  readonly version: number;
  /** The request (or job) that scheduled it, so the worker's log lines join that request's. */
  readonly reqId?: string;
}

export interface WechatSendPayload {
  readonly outboxId: string;
  readonly reqId?: string;
}

export interface ExportPayload {
  readonly exportId: string;
  readonly reqId?: string;
}

export interface JobPayloads {
  [JobName.SLA_WAKE]: SlaWakePayload;
  [JobName.SEND_SUBSCRIBE_MESSAGE]: WechatSendPayload;
  [JobName.MAKE_EXPORT]: ExportPayload;
}

/** Which queue each job runs on. */
export const JOB_QUEUE = {
  [JobName.SLA_WAKE]: QueueName.SLA,
  [JobName.SEND_SUBSCRIBE_MESSAGE]: QueueName.WECHAT,
  [JobName.MAKE_EXPORT]: QueueName.EXPORT,
} as const satisfies Record<JobName, QueueName>;

/**
 * Deterministic id of a clock's wake-up: one per ticket × target × clock version, so scheduling the same
 * wake-up twice (after-commit and the reconciler) adds one job, and a rescheduled clock gets a new one.
 */
export function slaWakeJobId(p: SlaWakePayload): string {
  return `sla-${p.ticketId}-${p.target}-v${p.version}`;
}

/** Deterministic id of an outbox row's send (BullMQ ignores a second add with the same id; no ':' allowed). */
export const sendJobId = (outboxId: string) => `wechat-${outboxId}`;

/** Deterministic id of an export's wake-up (one per figure_exports row). */
export const exportJobId = (exportId: string) => `export-${exportId}`;
