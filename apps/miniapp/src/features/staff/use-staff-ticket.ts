import { useCallback, useEffect, useState } from 'react'
import { errorCodeOf, type ApiErrorCode } from '../../services/api/errors'
import { ticket as loadTicket, type StaffTicketDetail } from '../../services/api/staff-operations'

export type TicketState = { status: 'loading' } | { status: 'error'; code: ApiErrorCode } | { status: 'ready'; t: StaffTicketDetail }

/** A ticket for a handling screen; reload keeps the old data on screen while fetching. */
export function useStaffTicket(id: string): [TicketState, () => Promise<void>, (t: StaffTicketDetail) => void] {
  const [state, setState] = useState<TicketState>({ status: 'loading' })
  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', t: await loadTicket(id) })
    } catch (e) {
      setState({ status: 'error', code: errorCodeOf(e) })
    }
  }, [id])
  useEffect(() => {
    reload()
  }, [reload])
  return [state, reload, (t) => setState({ status: 'ready', t })]
}
