/** GeoReport v2 parameters: reading them, their limits, the date window, and ticket errors in GeoReport's terms. */
import { ErrorCode } from '@msb/shared-types';
import { DomainError } from '../../common/domain-error';
import { Open311Error, parseDatetime } from './open311-format';

/** Query or form parameters; an empty value counts as absent. Repeated keys arrive as arrays. */
export type Params = Record<string, string | string[] | undefined>;

export const DESCRIPTION_MAX = 4000;
export const MAX_ROWS = 1000;
export const DAY_MS = 24 * 3600_000;
export const WINDOW_DAYS = 90;
export const UPDATES_DEFAULT_MS = 2 * 3600_000;

/** First non-empty value of a parameter, trimmed; undefined when absent or empty. */
export function param(p: Params, name: string): string | undefined {
  const raw = p[name];
  const v = (Array.isArray(raw) ? raw.find((x) => x.trim() !== '') : raw)?.trim();
  return v ? v : undefined;
}

export function list(p: Params, name: string): string[] | undefined {
  const v = param(p, name);
  if (!v) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

export function positiveInt(p: Params, name: string, dflt: number, max: number): number {
  const v = param(p, name);
  if (v === undefined) return dflt;
  if (!/^\d{1,7}$/.test(v) || Number(v) < 1) throw new Open311Error(400, `${name} must be a positive integer`);
  return Math.min(Number(v), max);
}

/** A DomainError from the ticket feature, in GeoReport's terms. */
export function fromDomain(e: unknown): never {
  if (e instanceof DomainError) {
    const status = e.code === ErrorCode.NOT_FOUND ? 404 : e.code === ErrorCode.FORBIDDEN ? 403 : e.code === ErrorCode.RATE_LIMITED ? 429 : 400;
    throw new Open311Error(status, e.message);
  }
  throw e;
}

/** [start_date, end_date] at most 90 days apart; missing ends default to `dflt` before the other end (or now). */
export function windowOf(p: Params, now: Date, dflt: number): { from: Date; to: Date } {
  const s = param(p, 'start_date');
  const e = param(p, 'end_date');
  const start = s ? parseDatetime('start_date', s) : undefined;
  const end = e ? parseDatetime('end_date', e) : undefined;
  const to = end ?? (start ? new Date(Math.min(start.getTime() + WINDOW_DAYS * DAY_MS, Math.max(now.getTime(), start.getTime()))) : now);
  const from = start ?? new Date(to.getTime() - dflt);
  if (from > to) throw new Open311Error(400, 'start_date must be before end_date');
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw new Open311Error(400, 'start_date and end_date may be at most 90 days apart');
  return { from, to };
}
