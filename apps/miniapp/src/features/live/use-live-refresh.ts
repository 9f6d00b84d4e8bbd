import { useEffect, useRef, useState } from 'react'
import { live, TICKET_CHANGED, type LiveStatus } from './live-client'

const POLL_MS = 15_000

/**
 * Calls `refresh` when a visible ticket changes (live), when the socket comes back (catch-up), and
 * every 15 s while the socket is down (polling fallback).
 */
export function useLiveRefresh(refresh: () => void, filter: Record<string, unknown> = {}, query = TICKET_CHANGED): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(live.status)
  const latest = useRef(refresh)
  latest.current = refresh
  const key = JSON.stringify(filter)
  useEffect(() => {
    const offStatus = live.onStatus((s, reconnected) => {
      setStatus(s)
      if (reconnected) latest.current()
    })
    const unsubscribe = live.subscribe(query, { filter }, () => latest.current())
    return () => {
      offStatus()
      unsubscribe()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, query])
  useEffect(() => {
    if (status === 'live') return
    const t = setInterval(() => latest.current(), POLL_MS)
    return () => clearInterval(t)
  }, [status])
  return status
}
