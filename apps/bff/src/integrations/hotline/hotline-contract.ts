import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The 12345 contract (shared/domain/HOTLINE-12345.md): a JSON envelope both ways, signed with
 * `X-Hotline-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>` and
 * `X-Hotline-Timestamp` (unix seconds), refused beyond 300 s of skew.
 */
export const MAX_SKEW_SECONDS = 300;

export interface Envelope<D = Record<string, unknown>> {
  eventId: string;
  type: string;
  /** ISO 8601 with +08:00. */
  occurredAt: string;
  orderNo: string;
  seq: number;
  data: D;
}

export const INBOUND_TYPES = [
  'order.dispatched', 'order.redispatched', 'order.recalled', 'order.urged', 'order.return.decided',
  'order.extension.decided', 'order.callback', 'order.archived',
] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

export const OUTBOUND_TYPES = ['order.signed', 'order.contacted', 'order.return.requested', 'order.extension.requested', 'order.progress', 'order.finished'] as const;
export type OutboundType = (typeof OUTBOUND_TYPES)[number];

/** order.dispatched / order.redispatched data. */
export interface DispatchData {
  channel?: string;
  acceptedAt?: string;
  caller?: { name?: string; phone?: string };
  confidential?: boolean;
  requestType?: string;
  category?: { code?: string; path?: string };
  title?: string;
  content?: string;
  address?: { district?: string; street?: string; community?: string; complex?: string; text?: string };
  attachments?: { kind?: string; url?: string }[];
  urgency?: '紧急' | '较急' | '一般';
  handlingUnit?: string;
  dispatchNote?: string;
  deadlines?: { signBy?: string; contactBy?: string; resolveBy?: string };
  redoCount?: number;
  reason?: string;
}

export function sign(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** null when the signature is good and fresh; otherwise why not. */
export function verify(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string, nowMs: number): string | null {
  if (!secret) return 'intake is not configured';
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing or malformed X-Hotline-Timestamp';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return 'timestamp outside the 300 s window';
  if (!signature) return 'missing X-Hotline-Signature';
  const want = Buffer.from(sign(secret, timestamp, rawBody));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got) ? null : 'bad signature';
}

/** `2026-11-27T10:00:00+08:00`. */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export function parseIso(s: unknown): Date | null {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Hotline category code → ours: the longest mapped prefix, OTHER when none. */
export function mapCategory(map: Readonly<Record<string, string>>, code: string | undefined): string {
  if (!code) return 'OTHER';
  for (let n = code.length; n > 0; n--) {
    const hit = map[code.slice(0, n)];
    if (hit) return hit;
  }
  return 'OTHER';
}

/** 满意 5, 基本满意 3, 不满意 1 — on the owners' 1–5 scale, so the figures count them alike. */
export const SATISFACTION_SCORE: Record<string, number> = { 满意: 5, 基本满意: 3, 不满意: 1 };
