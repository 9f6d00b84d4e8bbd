import { createHash, randomBytes } from 'node:crypto';
import { ACTION_LABEL, TicketAction as A, type TicketStatus } from '@msb/shared-types';

/** How long a family link lives; sharing again gives a new one. */
export const SHARE_TTL_DAYS = 7;
/** New links per ticket a day (an owner taps 分享 a few times; not a link factory). */
export const SHARES_PER_TICKET_PER_DAY = 10;
/**
 * Look-ups of a shared ticket per address: any (a family reloading often) and misses (someone guessing: a
 * token is 256 random bits, so a guess never lands; the cap only keeps guessing from costing us).
 */
export const SHARED_LOOKUP_LIMITS = {
  perAddress: { hits: 120, windowMs: 10 * 60_000 },
  missesPerAddress: { hits: 20, windowMs: 10 * 60_000 },
} as const;

/** A new link token: 32 random bytes, base64url (43 characters). Only its hash is stored. */
export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

export function shareTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Could this be one of our tokens at all (anything else is a miss without a look-up)? */
export function looksLikeShareToken(s: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(s);
}

/** Mobile numbers typed into free text (“请打139…”) are masked for the family view: 139****1234. */
export function maskPhones(text: string): string {
  return text.replace(/(?<!\d)(1\d{2})[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g, '$1****$2');
}

export interface SharedEventSource {
  readonly action: string;
  readonly toStatus: TicketStatus;
  readonly note: string | null;
  readonly data: Record<string, unknown> | null;
  readonly createdAt: Date;
}

export interface SharedEvent {
  readonly action: string;
  readonly label: string;
  readonly toStatus: TicketStatus;
  readonly at: Date;
  /** Only what was written for the owner to read (progress, result, refusal, rating), phones masked. */
  readonly note: string | null;
}

/** The steps a family member sees: the ticket's course, not its internals (no comments, looks at the phone, SLA notes, reasons between units). */
const SHOWN: readonly string[] = [
  A.REPORT, A.ACCEPT, A.START, A.ADD_PROGRESS, A.DISPATCH, A.ACCEPT_DISPATCH, A.RESOLVE, A.RATE, A.REOPEN,
  A.REQUEST_MEDIATION, A.RECORD_MEDIATION, A.WITHDRAW, A.AUTO_CLOSE, A.REFUSE,
];
/** Notes written for the owner to read. */
const OWNER_NOTES: readonly string[] = [A.ADD_PROGRESS, A.RESOLVE, A.REFUSE];

export function sharedTimeline(events: readonly SharedEventSource[]): SharedEvent[] {
  return events.filter((e) => SHOWN.includes(e.action)).map((e) => ({
    action: e.action,
    label: ACTION_LABEL[e.action as A] ?? e.action,
    toStatus: e.toStatus,
    at: e.createdAt,
    note: noteOf(e),
  }));
}

function noteOf(e: SharedEventSource): string | null {
  if (e.action === A.RATE && e.data) {
    const n = Math.max(0, Math.min(5, Number(e.data.satisfaction) || 0));
    return `${e.data.solved === true ? '已解决' : '未解决'} · ${'★'.repeat(n)}${'☆'.repeat(5 - n)}`;
  }
  if (e.action === A.DISPATCH && typeof e.data?.targetUnitName === 'string') return `转派至 ${e.data.targetUnitName}`;
  if (OWNER_NOTES.includes(e.action) && e.note) return maskPhones(e.note);
  return null;
}
