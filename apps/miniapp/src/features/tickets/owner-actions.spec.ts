import { TicketAction } from '@msb/shared-types'
import { EMPTY_FORM, formProblems, ownerActionsOf } from './owner-actions'

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
})
