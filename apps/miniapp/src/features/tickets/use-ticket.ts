import { useCallback, useEffect, useRef, useState } from 'react'
import { ticket as fetchTicket, type TicketDetail } from '../../services/api/operations'
import { errorCodeOf, type ApiErrorCode } from '../../services/api/errors'

export type TicketState = { status: 'loading' } | { status: 'error'; code: ApiErrorCode } | { status: 'ready'; ticket: TicketDetail }

/** One ticket; `replace` takes the ticket an action answered with (no second round trip). */
export function useTicket(id: string) {
  const [state, setState] = useState<TicketState>({ status: 'loading' })
  const gen = useRef(0)
  const reload = useCallback(
    (quiet = false) => {
      const g = ++gen.current
      if (!quiet) setState({ status: 'loading' })
      return fetchTicket(id).then(
        (t) => g === gen.current && setState({ status: 'ready', ticket: t }),
        (e) => g === gen.current && setState((s) => (quiet && s.status === 'ready' ? s : { status: 'error', code: errorCodeOf(e) })),
      )
    },
    [id],
  )
  const replace = useCallback((t: TicketDetail) => {
    gen.current++
    setState({ status: 'ready', ticket: t })
  }, [])
  useEffect(() => {
    if (id) reload()
  }, [id, reload])
  return { state, reload, replace }
}
