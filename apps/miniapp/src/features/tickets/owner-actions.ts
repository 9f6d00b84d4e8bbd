import { TICKET_ACTIONS, TicketAction } from '@msb/shared-types'

/**
 * The owner's buttons on a ticket, in the order they matter to the owner. Only what the server
 * offers in `availableActions` is shown (the lifecycle table and policy decide; the app never guesses).
 */
export const OWNER_ACTIONS = [
  TicketAction.SUPPLY_INFO,
  TicketAction.RATE,
  TicketAction.REQUEST_MEDIATION,
  TicketAction.REOPEN,
  TicketAction.COMMENT,
  TicketAction.URGE,
  TicketAction.WITHDRAW,
] as const

export type OwnerAction = (typeof OWNER_ACTIONS)[number]

export function ownerActionsOf(available: readonly string[]): OwnerAction[] {
  return OWNER_ACTIONS.filter((a) => available.includes(a))
}

/** What each action's form needs before it can be sent. */
export interface ActionForm {
  readonly text: string
  readonly solved: boolean | null
  readonly satisfaction: number
  /** Uploaded photo ids (the answer to a question may carry photos). */
  readonly photoIds?: readonly string[]
  /** Photos still uploading: the form waits for them. */
  readonly uploading?: boolean
}

export const EMPTY_FORM: ActionForm = { text: '', solved: null, satisfaction: 0 }

/** Actions whose form takes photos. */
export const WITH_PHOTOS: readonly OwnerAction[] = [TicketAction.COMMENT, TicketAction.SUPPLY_INFO]

export type FormProblem = 'solved' | 'satisfaction' | 'textShort' | 'textLong' | 'uploading'

export const ACTION_TEXT_MAX = 500

/** Reopen and mediation need a reason, a comment needs text; withdraw and rating text are optional. */
export function formProblems(action: OwnerAction, f: ActionForm): FormProblem[] {
  const p: FormProblem[] = []
  const len = f.text.trim().length
  if (action === TicketAction.RATE) {
    if (f.solved === null) p.push('solved')
    if (!(f.satisfaction >= 1 && f.satisfaction <= 5)) p.push('satisfaction')
  }
  const textRequired = action === TicketAction.REOPEN || action === TicketAction.REQUEST_MEDIATION || action === TicketAction.COMMENT || action === TicketAction.SUPPLY_INFO
  if (textRequired && len < 2) p.push('textShort')
  if (len > ACTION_TEXT_MAX) p.push('textLong')
  if (f.uploading) p.push('uploading')
  return p
}

/** Each action's own input fields, from the form's trimmed text and choices. */
const FIELDS = {
  [TicketAction.RATE]: (text: string, f: ActionForm) => ({ solved: f.solved === true, satisfaction: f.satisfaction, comment: text || null }),
  [TicketAction.REQUEST_MEDIATION]: (text: string) => ({ reason: text }),
  [TicketAction.REOPEN]: (text: string) => ({ reason: text }),
  [TicketAction.COMMENT]: (text: string, f: ActionForm) => ({ text, ...(f.photoIds?.length ? { photoIds: [...f.photoIds] } : {}) }),
  [TicketAction.WITHDRAW]: (text: string) => ({ reason: text || null }),
  [TicketAction.SUPPLY_INFO]: (text: string, f: ActionForm) => ({ text, photoIds: [...(f.photoIds ?? [])] }),
  [TicketAction.URGE]: (text: string) => ({ note: text || null }),
} satisfies Record<OwnerAction, (text: string, f: ActionForm) => object>

/** The input an owner action sends: a state change carries the version the owner saw (a stale one is answered CONFLICT). */
export function ownerActionInput(action: OwnerAction, t: { id: string; version: number }, f: ActionForm): Record<string, unknown> {
  return { ticketId: t.id, ...(TICKET_ACTIONS[action].changesState ? { version: t.version } : {}), ...FIELDS[action](f.text.trim(), f) }
}
