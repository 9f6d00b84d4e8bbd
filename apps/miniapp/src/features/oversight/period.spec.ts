import {
  canGoForward, customPeriod, lastPeriods, periodContaining, periodFromParams, periodInput, periodLabel, periodParam, shiftPeriod, shortLabel, switchKind,
} from './period'

describe('oversight periods', () => {
  it('finds the day, the week (Monday first), the month and the half-year around a day', () => {
    expect(periodContaining('DAY', '2026-03-04')).toEqual({ kind: 'DAY', from: '2026-03-04', to: '2026-03-04' })
    expect(periodContaining('WEEK', '2026-03-04')).toEqual({ kind: 'WEEK', from: '2026-03-02', to: '2026-03-08' })
    expect(periodContaining('WEEK', '2026-03-08')).toEqual({ kind: 'WEEK', from: '2026-03-02', to: '2026-03-08' })
    expect(periodContaining('MONTH', '2024-02-10')).toEqual({ kind: 'MONTH', from: '2024-02-01', to: '2024-02-29' })
    expect(periodContaining('HALF_YEAR', '2026-07-01')).toEqual({ kind: 'HALF_YEAR', from: '2026-07-01', to: '2026-12-31' })
    expect(periodContaining('HALF_YEAR', '2026-06-30')).toEqual({ kind: 'HALF_YEAR', from: '2026-01-01', to: '2026-06-30' })
  })

  it('steps to the period before and after, as the BFF compares them (a custom range by its own length)', () => {
    expect(shiftPeriod(periodContaining('DAY', '2026-03-01'), -1).from).toBe('2026-02-28')
    expect(shiftPeriod(periodContaining('WEEK', '2026-01-01'), -1)).toEqual({ kind: 'WEEK', from: '2025-12-22', to: '2025-12-28' })
    expect(shiftPeriod(periodContaining('MONTH', '2026-01-15'), -1)).toEqual({ kind: 'MONTH', from: '2025-12-01', to: '2025-12-31' })
    expect(shiftPeriod(periodContaining('HALF_YEAR', '2026-03-15'), -1)).toEqual({ kind: 'HALF_YEAR', from: '2025-07-01', to: '2025-12-31' })
    expect(shiftPeriod(customPeriod('2026-03-10', '2026-03-19'), -1)).toEqual({ kind: 'CUSTOM', from: '2026-02-28', to: '2026-03-09' })
    expect(lastPeriods(periodContaining('MONTH', '2026-03-09'), 6).map((p) => p.from)).toEqual(['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01'])
    expect(canGoForward(periodContaining('DAY', '2026-12-01'), '2026-12-01')).toBe(false)
    expect(canGoForward(periodContaining('WEEK', '2026-11-25'), '2026-12-01')).toBe(true)
  })

  it('names them in Chinese, and asks the API for exactly them', () => {
    expect(periodLabel(periodContaining('DAY', '2026-03-02'))).toBe('2026年3月2日')
    expect(periodLabel(periodContaining('WEEK', '2026-03-04'))).toBe('2026年3月2日–3月8日')
    expect(periodLabel(periodContaining('MONTH', '2026-03-04'))).toBe('2026年3月')
    expect(periodLabel(periodContaining('HALF_YEAR', '2026-09-04'))).toBe('2026年下半年')
    expect(periodLabel(customPeriod('2025-12-20', '2026-01-05'))).toBe('2025年12月20日–2026年1月5日')
    expect(shortLabel(periodContaining('HALF_YEAR', '2026-01-04'))).toBe('26上')
    expect(periodInput(periodContaining('WEEK', '2026-03-04'))).toEqual({ kind: 'WEEK', day: '2026-03-02' })
    expect(periodInput(customPeriod('2026-03-19', '2026-03-10'))).toEqual({ kind: 'CUSTOM', day: '2026-03-10', to: '2026-03-19' })
  })

  it('round-trips through a page param; a legacy month param and junk are read sensibly', () => {
    for (const p of [periodContaining('WEEK', '2026-03-04'), customPeriod('2026-01-05', '2026-02-03')]) expect(periodFromParams({ period: periodParam(p) }, '2026-12-01')).toEqual(p)
    expect(periodFromParams({ period: encodeURIComponent('DAY:2026-03-04') }, '2026-12-01')).toEqual(periodContaining('DAY', '2026-03-04'))
    expect(periodFromParams({ month: '2026-03' }, '2026-12-01')).toEqual(periodContaining('MONTH', '2026-03-01'))
    expect(periodFromParams({ period: 'WEEK:2026-02-30' }, '2026-12-01')).toEqual(periodContaining('MONTH', '2026-12-01'))
    expect(switchKind(periodContaining('MONTH', '2026-03-01'), 'WEEK', '2026-12-01')).toEqual(periodContaining('WEEK', '2026-03-31'))
    expect(switchKind(periodContaining('MONTH', '2026-12-01'), 'CUSTOM', '2026-12-01')).toEqual(customPeriod('2026-11-02', '2026-12-01'))
  })
});
