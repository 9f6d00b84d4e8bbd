import { ApiError } from '../../services/api/errors'
import type { ReportTicketInput } from '@msb/shared-types'

/**
 * Send a report, retrying what is safe to retry. Every attempt sends the same input,
 * idempotency key included, so the server files at most one ticket however often the
 * network drops the answer. Errors with a code (bad input, forged QR …) are not retried.
 */
export interface SubmitOptions {
  attempts?: number
  /** Delay before retry n (1-based). */
  backoffMs?: (attempt: number) => number
  sleep?: (ms: number) => Promise<void>
}

export async function submitWithRetry<T>(
  input: ReportTicketInput,
  send: (input: ReportTicketInput) => Promise<T>,
  opts: SubmitOptions = {},
): Promise<T> {
  const attempts = opts.attempts ?? 3
  const backoff = opts.backoffMs ?? ((n) => 800 * 2 ** (n - 1))
  const sleep = opts.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)))
  let last: unknown
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await send(input)
    } catch (e) {
      last = e
      const retryable = e instanceof ApiError && e.retryable
      if (!retryable || attempt === attempts) throw e
      await sleep(backoff(attempt))
    }
  }
  throw last
}
