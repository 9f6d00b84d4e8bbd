import { useCallback, useState } from 'react'
import { act, assignees, type Handler, type StaffTicketDetail } from '../../services/api/staff-operations'
import { useStaffAction } from './use-staff-action'

type Target = { id: string; number: string; version: number }

/**
 * 受理, from the inbox card or the ticket page. The server says whom the caller may choose: with someone to
 * choose (a manager), the 受理并指派 sheet opens and one tap on a name accepts and assigns; with nobody (staff,
 * who take it themselves), the tap accepts at once.
 */
export function useAccept(after: (t: StaffTicketDetail) => void, onError?: () => void) {
  const sending = useStaffAction()
  const [sheet, setSheet] = useState<{ ticket: Target; people: Handler[] } | null>(null)

  const send = useCallback(
    (t: Target, assigneeId: string | null) =>
      sending.run(() => act('acceptTicket', { ticketId: t.id, version: t.version, ...(assigneeId ? { assigneeId } : {}) }), {
        after: (r) => {
          setSheet(null)
          after(r)
        },
        onError,
      }),
    [sending.run, after, onError],
  )

  const start = useCallback(
    async (t: Target) => {
      if (sending.busy) return
      const people = await assignees(t.id).catch(() => [] as Handler[])
      if (people.length) setSheet({ ticket: t, people })
      else await send(t, null)
    },
    [send, sending.busy],
  )

  return {
    busy: sending.busy,
    sheet,
    start,
    choose: (assigneeId: string | null) => (sheet ? send(sheet.ticket, assigneeId) : undefined),
    close: () => setSheet(null),
  }
}
