import { TicketAction } from '@msb/shared-types'
import { EMPTY_FORM, formProblems, ownerActionInput, ownerActionsOf } from './owner-actions'

describe('owner actions', () => {
  it('shows only what the server offers, never staff actions', () => {
    expect(ownerActionsOf([TicketAction.COMMENT, TicketAction.RATE, TicketAction.REQUEST_MEDIATION])).toEqual([
      TicketAction.RATE, TicketAction.REQUEST_MEDIATION, TicketAction.COMMENT,
    ])
    expect(ownerActionsOf([TicketAction.ACCEPT, TicketAction.RESOLVE])).toEqual([])
    expect(ownerActionsOf([])).toEqual([])
  })

  it('needs solved? and 1–5 stars to rate; the comment is optional', () => {
    expect(formProblems(TicketAction.RATE, EMPTY_FORM)).toEqual(['solved', 'satisfaction'])
    expect(formProblems(TicketAction.RATE, { text: '', solved: true, satisfaction: 2 })).toEqual([])
  })

  it('needs a reason to reopen or ask for mediation, and text to comment; withdrawing needs none', () => {
    for (const a of [TicketAction.REOPEN, TicketAction.REQUEST_MEDIATION, TicketAction.COMMENT] as const) {
      expect(formProblems(a, EMPTY_FORM)).toEqual(['textShort'])
      expect(formProblems(a, { ...EMPTY_FORM, text: '仍然漏水' })).toEqual([])
    }
    expect(formProblems(TicketAction.WITHDRAW, EMPTY_FORM)).toEqual([])
    expect(formProblems(TicketAction.WITHDRAW, { ...EMPTY_FORM, text: '长'.repeat(501) })).toEqual(['textLong'])
  })

  it('sends the version with a state change only; a comment is record-only', () => {
    const t = { id: '7', version: 3 }
    expect(ownerActionInput(TicketAction.RATE, t, { text: ' 很好 ', solved: false, satisfaction: 2 })).toEqual({ ticketId: '7', version: 3, solved: false, satisfaction: 2, comment: '很好' })
    expect(ownerActionInput(TicketAction.COMMENT, t, { ...EMPTY_FORM, text: '请尽快' })).toEqual({ ticketId: '7', text: '请尽快' })
    expect(ownerActionInput(TicketAction.WITHDRAW, t, EMPTY_FORM)).toEqual({ ticketId: '7', version: 3, reason: null })
    expect(ownerActionInput(TicketAction.REOPEN, t, { ...EMPTY_FORM, text: '又坏了' })).toEqual({ ticketId: '7', version: 3, reason: '又坏了' })
  })

  it('answers a question with text and photos; an urge needs nothing and sends no version', () => {
    const t = { id: '7', version: 3 }
    expect(formProblems(TicketAction.SUPPLY_INFO, EMPTY_FORM)).toEqual(['textShort'])
    expect(formProblems(TicketAction.SUPPLY_INFO, { ...EMPTY_FORM, text: '在卫生间', uploading: true })).toEqual(['uploading'])
    expect(ownerActionInput(TicketAction.SUPPLY_INFO, t, { ...EMPTY_FORM, text: ' 在卫生间 ', photoIds: ['9'] })).toEqual({ ticketId: '7', version: 3, text: '在卫生间', photoIds: ['9'] })
    expect(formProblems(TicketAction.URGE, EMPTY_FORM)).toEqual([])
    expect(ownerActionInput(TicketAction.URGE, t, EMPTY_FORM)).toEqual({ ticketId: '7', note: null })
    expect(ownerActionsOf([TicketAction.URGE, TicketAction.COMMENT, TicketAction.SUPPLY_INFO])).toEqual([TicketAction.SUPPLY_INFO, TicketAction.COMMENT, TicketAction.URGE])
  })
})
