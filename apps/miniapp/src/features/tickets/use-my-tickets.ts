import { useCallback, useEffect, useRef, useState } from 'react'
import { myTickets, type TicketListItem } from '../../services/api/operations'
import { errorCodeOf, type ApiErrorCode } from '../../services/api/errors'

export type MyTicketsState =
  | { status: 'loading' }
  | { status: 'error'; code: ApiErrorCode }
  | { status: 'ready'; items: TicketListItem[]; hasMore: boolean; loadingMore: boolean; moreError: ApiErrorCode | null }

/** The owner's tickets, newest first, a page at a time (cursor pagination). */
export function useMyTickets(pageSize = 20) {
  const [state, setState] = useState<MyTicketsState>({ status: 'loading' })
  const cursor = useRef<string | null>(null)
  const gen = useRef(0)

  const reload = useCallback((quiet = false) => {
    const g = ++gen.current
    if (!quiet) setState({ status: 'loading' })
    myTickets(null, pageSize).then(
      (c) => {
        if (g !== gen.current) return
        cursor.current = c.pageInfo.endCursor
        setState({ status: 'ready', items: c.nodes, hasMore: c.pageInfo.hasNextPage, loadingMore: false, moreError: null })
      },
      (e) => g === gen.current && setState((s) => (quiet && s.status === 'ready' ? s : { status: 'error', code: errorCodeOf(e) })),
    )
  }, [pageSize])

  const loadMore = useCallback(() => {
    setState((s) => {
      if (s.status !== 'ready' || !s.hasMore || s.loadingMore) return s
      const g = gen.current
      myTickets(cursor.current, pageSize).then(
        (c) => {
          if (g !== gen.current) return
          cursor.current = c.pageInfo.endCursor
          setState((p) => (p.status === 'ready' ? { ...p, items: [...p.items, ...c.nodes], hasMore: c.pageInfo.hasNextPage, loadingMore: false } : p))
        },
        (e) => g === gen.current && setState((p) => (p.status === 'ready' ? { ...p, loadingMore: false, moreError: errorCodeOf(e) } : p)),
      )
      return { ...s, loadingMore: true, moreError: null }
    })
  }, [pageSize])

  useEffect(() => reload(), [reload])
  return { state, reload, loadMore }
}
