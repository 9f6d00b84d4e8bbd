import { nextDeadline } from './deadline'

const now = Date.parse('2026-07-01T08:00:00Z')

describe('next deadline', () => {
  it('is absent while the API has no clocks', () => {
    expect(nextDeadline({}, now)).toBeNull()
    expect(nextDeadline({ clocks: null }, now)).toBeNull()
    expect(nextDeadline({ clocks: [] }, now)).toBeNull()
  })

  it('is the earliest due time among clocks that still run', () => {
    const t = {
      clocks: [
        { target: 'ACCEPT', dueAt: '2026-07-01T07:00:00Z', stoppedAt: '2026-07-01T06:00:00Z' },
        { target: 'RESPOND', dueAt: '2026-07-01T07:30:00Z', stopped: true, state: 'MET' },
        { target: 'RESOLVE', dueAt: '2026-07-03T08:00:00Z' },
        { target: 'RESPOND', dueAt: '2026-07-02T08:00:00Z', paused: true },
      ],
    }
    expect(nextDeadline(t, now)).toEqual({ target: 'RESPOND', dueAt: '2026-07-02T08:00:00Z', overdue: false, paused: true })
  })

  it('says when it has passed', () => {
    expect(nextDeadline({ clocks: [{ dueAt: '2026-07-01T07:59:00Z' }] }, now)?.overdue).toBe(true)
    expect(nextDeadline({ clocks: [{ dueAt: '2026-07-01T09:00:00Z', state: 'BREACHED' }] }, now)?.overdue).toBe(true)
  })
})
