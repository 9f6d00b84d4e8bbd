import { TicketAction } from '@msb/shared-types'
import { ownerActions, type TicketDetail } from '../../services/api/operations'
import type { ActionForm, OwnerAction } from './owner-actions'

/** One owner action on the ticket version the owner saw (a stale one is answered CONFLICT). */
export function sendOwnerAction(action: OwnerAction, t: Pick<TicketDetail, 'id' | 'version'>, f: ActionForm): Promise<TicketDetail> {
  const text = f.text.trim()
  const base = { ticketId: t.id, version: t.version }
  switch (action) {
    case TicketAction.RATE:
      return ownerActions.rate({ ...base, solved: f.solved === true, satisfaction: f.satisfaction, comment: text || null })
    case TicketAction.REQUEST_MEDIATION:
      return ownerActions.requestMediation({ ...base, reason: text })
    case TicketAction.REOPEN:
      return ownerActions.reopen({ ...base, reason: text })
    case TicketAction.COMMENT:
      return ownerActions.comment({ ticketId: t.id, text })
    case TicketAction.WITHDRAW:
      return ownerActions.withdraw({ ...base, reason: text || null })
  }
}
