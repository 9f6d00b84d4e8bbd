import { clockOf, deadlineText, formatDuration, nextDeadline, OWNER_SKIP, ownerDeadlineText, type Clock } from './deadline'

const now = Date.parse('2026-07-01T08:00:00Z')
const clock = (c: Partial<Clock>): Clock => ({
  target: 'RESOLVE', state: 'RUNNING', calendar: '24x7', dueAt: null, warnAt: null,
  remainingWorkingMinutes: 600, paused: false, stopped: false, ...c,
})

describe('next deadline', () => {
  it('is absent without live clocks', () => {
    expect(nextDeadline(null, now)).toBeNull()
    expect(nextDeadline([], now)).toBeNull()
    expect(nextDeadline([clock({ state: 'MET', stopped: true }), clock({ state: 'CANCELLED', stopped: true })], now)).toBeNull()
  })

  it('puts breached clocks first, then the earliest running one, then paused ones', () => {
    const running = clock({ target: 'ACCEPT', dueAt: '2026-07-01T09:00:00Z', remainingWorkingMinutes: 60 })
    const later = clock({ target: 'RESOLVE', dueAt: '2026-07-03T08:00:00Z', remainingWorkingMinutes: 2880 })
    const paused = clock({ target: 'DISPATCH_RESPONSE', state: 'PAUSED', paused: true, remainingWorkingMinutes: 10 })
    expect(nextDeadline([later, paused, running], now)).toMatchObject({ target: 'ACCEPT', overdue: false, paused: false })
    expect(nextDeadline([paused], now)).toMatchObject({ target: 'DISPATCH_RESPONSE', dueAt: null, paused: true })
    const breached = clock({ target: 'RESOLVE', state: 'BREACHED', dueAt: '2026-07-01T07:00:00Z', remainingWorkingMinutes: -60 })
    expect(nextDeadline([running, breached], now)).toMatchObject({ target: 'RESOLVE', overdue: true })
  })

  it('can leave a target out (the owner’s rating window on staff screens) and find one target’s clock', () => {
    const rating = clock({ target: 'RATING', dueAt: '2026-07-01T09:00:00Z' })
    expect(nextDeadline([rating], now, ['RATING'])).toBeNull()
    expect(clockOf([rating, clock({ target: 'MEDIATION', state: 'MET', stopped: true })], 'MEDIATION')?.state).toBe('MET')
  })

  it('says when it has passed or is near', () => {
    expect(nextDeadline([clock({ dueAt: '2026-07-01T07:59:00Z', remainingWorkingMinutes: 0 })], now)?.overdue).toBe(true)
    expect(nextDeadline([clock({ dueAt: '2026-07-01T09:00:00Z', warnAt: '2026-07-01T07:00:00Z', remainingWorkingMinutes: 60 })], now)?.soon).toBe(true)
  })

  it('reads in Chinese with the time left', () => {
    expect(formatDuration(95, '24x7')).toBe('1小时35分')
    expect(formatDuration(-3000, '24x7')).toBe('2天2小时')
    expect(formatDuration(3000, 'WORKING_HOURS')).toBe('50小时')
    expect(formatDuration(0.4, '24x7')).toBe('1分钟')
    const d = nextDeadline([clock({ target: 'ACCEPT', state: 'BREACHED', dueAt: '2026-07-01T07:00:00Z', remainingWorkingMinutes: -60, calendar: 'WORKING_HOURS' })], now)!
    expect(deadlineText(d)).toEqual({ label: '受理时限', value: '已超时 1小时（工时）' })
    const p = nextDeadline([clock({ state: 'PAUSED', paused: true, remainingWorkingMinutes: 30 })], now)!
    expect(deadlineText(p)).toEqual({ label: '办结时限', value: '已暂停计时 · 剩余 30分钟' })
    const r = nextDeadline([clock({ dueAt: '2026-07-01T09:00:00Z', remainingWorkingMinutes: 60 })], now)!
    expect(deadlineText(r).value).toMatch(/^.+前 · 剩余 1小时$/)
    const w = nextDeadline([clock({ calendar: 'WORKING_HOURS', dueAt: '2026-07-03T01:00:00Z', remainingWorkingMinutes: 30 })], now)!
    expect(deadlineText(w).value).toMatch(/^.+前 · 剩余工时 30分钟$/)
  })
})

describe('the owner’s deadline line (issue 12 §3)', () => {
  const at = new Date(now)
  it('says when, in plain words, and that working days count — not the working time left', () => {
    const d = nextDeadline([clock({ target: 'RESOLVE', calendar: 'WORKING_HOURS', dueAt: '2026-07-02T09:30:00Z', remainingWorkingMinutes: 2700 })], now)!
    const line = ownerDeadlineText(d, at)
    expect(line).toMatch(/^预计 7月2日 \d\d:30 前办结（按工作日计算）$/)
    expect(line).not.toMatch(/工时|剩余|时限/)
    const accept = nextDeadline([clock({ target: 'ACCEPT', dueAt: '2026-07-01T10:00:00Z' })], now)!
    expect(ownerDeadlineText(accept, at)).toMatch(/^预计 7月1日 \d\d:00 前受理$/)
  })

  it('never names an internal clock: the dispatch response is skipped for owners', () => {
    const dispatch = clock({ target: 'DISPATCH_RESPONSE', dueAt: '2026-07-01T09:00:00Z' })
    const resolve = clock({ target: 'RESOLVE', dueAt: '2026-07-05T09:00:00Z' })
    expect(nextDeadline([dispatch, resolve], now, OWNER_SKIP)?.target).toBe('RESOLVE')
    expect(nextDeadline([dispatch], now, OWNER_SKIP)).toBeNull()
  })

  it('says overdue and paused without figures', () => {
    const late = nextDeadline([clock({ target: 'ACCEPT', state: 'BREACHED', dueAt: '2026-07-01T07:00:00Z', remainingWorkingMinutes: -60 })], now)!
    expect(ownerDeadlineText(late, at)).toBe('已超过预计受理时间，已提醒物业尽快处理')
    const paused = nextDeadline([clock({ state: 'PAUSED', paused: true })], now)!
    expect(ownerDeadlineText(paused, at)).toContain('暂停计时')
  })
})
