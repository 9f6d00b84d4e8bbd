import { defaultExtension, hotlineDeadlines, requestedDeadline } from './hotline'

const NOW = new Date(2026, 11, 1, 10, 0).getTime()
const at = (h: number) => new Date(NOW + h * 3600_000).toISOString()

describe('the 12345 deadlines in plain words', () => {
  it('says what is to be done by when and how long is left; what was done and when; what is late and by how much', () => {
    const lines = hotlineDeadlines({ signBy: at(1.5), contactBy: at(24), resolveBy: at(5 * 24), contactedAt: null }, { acceptedAt: null, resolvedAt: null }, NOW)
    expect(lines).toEqual([
      { key: 'sign', label: '签收期限', text: '请在 12月1日 11:30 前签收，还剩 1小时30分', tone: 'soon' },
      { key: 'contact', label: '联系期限', text: '请在 12月2日 10:00 前联系来电人，还剩 1天', tone: 'running' },
      { key: 'resolve', label: '办结期限', text: '请在 12月6日 10:00 前办结，还剩 5天', tone: 'running' },
    ])
    const later = hotlineDeadlines({ signBy: at(-3), contactBy: at(-1), resolveBy: null, contactedAt: at(-0.5) }, { acceptedAt: at(-2), resolvedAt: null }, NOW)
    expect(later.map((l) => [l.tone, l.text])).toEqual([
      ['done', '已签收（12月1日 08:00）'],
      ['done', '已联系来电人（12月1日 09:30）'],
      ['none', '12345 未规定期限'],
    ])
    const late = hotlineDeadlines({ signBy: at(-27), contactBy: at(-3), resolveBy: at(2), contactedAt: null }, { acceptedAt: null, resolvedAt: null }, NOW)
    expect(late.map((l) => [l.tone, l.text])).toEqual([
      ['breached', '已超过期限 1天3小时（期限 11月30日 07:00）'],
      ['breached', '已超过期限 3小时（期限 12月1日 07:00）'],
      ['soon', '请在 12月1日 12:00 前办结，还剩 2小时'],
    ])
  })

  it('offers a week after the current resolve-by and reads the picked date as a later instant only', () => {
    expect(defaultExtension(at(5 * 24), NOW)).toEqual({ date: '2026-12-13', time: '10:00' })
    expect(defaultExtension(null, NOW)).toEqual({ date: '2026-12-08', time: '10:00' })
    expect(defaultExtension(at(5 * 24), NOW, 3)).toEqual({ date: '2026-12-09', time: '10:00' })
    expect(defaultExtension(at(-24), NOW, 3)).toEqual({ date: '2026-12-04', time: '10:00' })
    expect(requestedDeadline('2026-12-13', '10:00', NOW)).toBe(new Date(2026, 11, 13, 10, 0).toISOString())
    expect(requestedDeadline('2026-12-01', '09:59', NOW)).toBeNull()
    expect(requestedDeadline('soon', '10:00', NOW)).toBeNull()
  })
})
