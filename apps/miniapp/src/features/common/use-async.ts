import { useCallback, useEffect, useRef, useState } from 'react'
import { errorCodeOf, type ApiErrorCode } from '../../services/api/errors'

export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'error'; code: ApiErrorCode; error: unknown }
  | { status: 'ready'; data: T }

/** Run a loader; expose loading / error(code) / ready, and reload. */
export function useAsync<T>(load: (() => Promise<T>) | null, deps: unknown[]): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' })
  const [tick, setTick] = useState(0)
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    if (!load) return
    setState({ status: 'loading' })
    load().then(
      (data) => alive.current && setState({ status: 'ready', data }),
      (error) => alive.current && setState({ status: 'error', code: errorCodeOf(error), error }),
    )
    return () => {
      alive.current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return [state, reload]
}
