import { SlaTarget } from '../domain/sla-target';

/** BullMQ queues. Names are Redis key segments: no ':'. */
export enum QueueName {
  SLA = 'sla',
}

/** Every job the workers run. A name without a queue, payload type or handler fails (to compile, or at start-up). */
export enum JobName {
  /** A clock's next instant came (warning, breach, an escalation step, the rating window's end). */
  SLA_WAKE = 'sla-wake',
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

export interface JobPayloads {
  [JobName.SLA_WAKE]: SlaWakePayload;
}

export const JOB_QUEUE = {
  [JobName.SLA_WAKE]: QueueName.SLA,
} as const satisfies Record<JobName, QueueName>;

/**
 * Deterministic id of a clock's wake-up: one per ticket × target × clock version, so scheduling the same
 * wake-up twice (after-commit and the reconciler) adds one job, and a rescheduled clock gets a new one.
 */
export function slaWakeJobId(p: SlaWakePayload): string {
  return `sla-${p.ticketId}-${p.target}-v${p.version}`;
}
