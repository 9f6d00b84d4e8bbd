import { deadlineInput, superviseRounds } from './supervise-form'

describe('督办 form', () => {
  const now = Date.parse('2026-12-01T02:00:00Z') // 10:00 in Shanghai
  it('turns a Shanghai date and time into the instant, refusing the past and more than 90 days ahead', () => {
    expect(deadlineInput('2026-12-01', '17:30', now)).toBe('2026-12-01T09:30:00.000Z')
    expect(deadlineInput('2026-12-01', '09:59', now)).toBeNull()
    expect(deadlineInput('2027-02-28', '10:00', now)).toBe('2027-02-28T02:00:00.000Z')
    expect(deadlineInput('2027-03-02', '10:00', now)).toBeNull()
    expect(deadlineInput('2026-12-1', '17:30', now)).toBeNull()
  })
  it('counts the rounds on the timeline', () => {
    expect(superviseRounds([{ action: 'REPORT' }, { action: 'SUPERVISE' }, { action: 'ACCEPT' }, { action: 'SUPERVISE' }])).toBe(2)
    expect(superviseRounds([])).toBe(0)
  })
})
