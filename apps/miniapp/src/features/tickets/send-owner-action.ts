import { TICKET_ACTIONS } from '@msb/shared-types'
import { ownerActions, type TicketDetail } from '../../services/api/operations'
import { ownerActionInput, type ActionForm, type OwnerAction } from './owner-actions'

/** One owner action, through the mutation the lifecycle table names for it. */
export function sendOwnerAction(action: OwnerAction, t: Pick<TicketDetail, 'id' | 'version'>, f: ActionForm): Promise<TicketDetail> {
  const send = ownerActions[TICKET_ACTIONS[action].mutation] as (input: Record<string, unknown>) => Promise<TicketDetail>
  return send(ownerActionInput(action, t, f))
}
