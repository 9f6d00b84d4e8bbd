import { useCallback, useEffect, useRef, useState } from 'react'
import { ErrorCode } from '@msb/shared-types'
import { errorCodeOf, type ApiErrorCode } from '../../services/api/errors'

export type QueryState<T> = { status: 'loading' } | { status: 'error'; code: ApiErrorCode; error: unknown } | { status: 'ready'; data: T }

export interface Query<T> {
  state: QueryState<T>
  /**
   * Fetch again, keeping what is on screen while it loads (a spinner only when nothing is shown).
   * A failure that says nothing about the data (offline, rate limit, server error) keeps it on screen;
   * one that does (gone, forbidden, signed out) replaces it with the error.
   */
  reload: () => Promise<void>
  /** Show this data now (e.g. the ticket an action answered with); a fetch still in flight is dropped. */
  replace: (data: T) => void
}

/** The answers that mean the data on screen is no longer the reader's to see. */
const DEFINITIVE = new Set<ApiErrorCode>([ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED])

/** What a fetch shows while it runs: the data on screen when `keep` and there is some, else a spinner. */
export function whileLoading<T>(shown: QueryState<T>, keep: boolean): QueryState<T> {
  return keep && shown.status === 'ready' ? shown : { status: 'loading' }
}

/** What a failed fetch shows: the data on screen unless the failure says it is gone. */
export function afterFailure<T>(shown: QueryState<T>, error: unknown): QueryState<T> {
  const code = errorCodeOf(error)
  return shown.status === 'ready' && !DEFINITIVE.has(code) ? shown : { status: 'error', code, error }
}

/**
 * One page's data: loading / error(code) / ready. `load` runs again whenever `deps` change (null: wait,
 * e.g. until a token is known); only the newest fetch's answer is shown. `keepOnChange`: show the old
 * data while a changed query loads (a list being filtered) instead of a spinner.
 */
export function useQuery<T>(load: (() => Promise<T>) | null, deps: readonly unknown[], opts: { keepOnChange?: boolean } = {}): Query<T> {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' })
  const gen = useRef(0)
  const latest = useRef(load)
  latest.current = load

  const refetch = useCallback(async (keep: boolean) => {
    const run = latest.current
    if (!run) return
    const g = ++gen.current
    setState((s) => whileLoading(s, keep))
    try {
      const data = await run()
      if (g === gen.current) setState({ status: 'ready', data })
    } catch (e) {
      if (g === gen.current) setState((s) => afterFailure(s, e))
    }
  }, [])

  useEffect(() => {
    void refetch(!!opts.keepOnChange)
    return () => {
      gen.current++
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  const reload = useCallback(() => refetch(true), [refetch])
  const replace = useCallback((data: T) => {
    gen.current++
    setState({ status: 'ready', data })
  }, [])
  return { state, reload, replace }
}
