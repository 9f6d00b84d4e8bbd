import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request (or job) a piece of work belongs to, carried through its async calls: every log line
 * written while serving it names its id, and jobs it enqueues carry the id on to their own lines.
 */
interface RequestContext {
  readonly reqId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.reqId;
}

export function runWithRequestId<T>(reqId: string, work: () => T): T {
  return storage.run({ reqId }, work);
}

/** A client's X-Request-Id if it is a sane token (kept so a proxy's id joins the lines up), else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && /^[A-Za-z0-9._:-]{8,64}$/.test(v) ? v : randomUUID();
}
