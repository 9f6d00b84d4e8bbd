import { useEffect, useRef, useState } from 'react'
import type { TicketChangedFilter, TicketChangedSubscription, TicketChangedSubscriptionVariables } from '@msb/shared-types'
import { TICKET_CHANGED } from '../../services/api/documents/live'
import { live, type LiveStatus } from './live-client'

const POLL_MS = 15_000

/**
 * Calls `refresh` when a visible ticket changes (live), when the socket comes back (catch-up), and
 * every 15 s while the socket is down (polling fallback).
 */
export function useLiveRefresh(refresh: () => void, filter: TicketChangedFilter = {}): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(live.status)
  const latest = useRef(refresh)
  latest.current = refresh
  const key = JSON.stringify(filter)
  useEffect(() => {
    const offStatus = live.onStatus((s, reconnected) => {
      setStatus(s)
      if (reconnected) latest.current()
    })
    const unsubscribe = live.subscribe<TicketChangedSubscription, TicketChangedSubscriptionVariables>(TICKET_CHANGED, { filter }, () => latest.current())
    return () => {
      offStatus()
      unsubscribe()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  useEffect(() => {
    if (status === 'live') return
    const t = setInterval(() => latest.current(), POLL_MS)
    return () => clearInterval(t)
  }, [status])
  return status
}
