import {
  barLengths, canGoForward, countTrend, lastMonths, monthFromParam, monthLabel, pct, rankLevels, schemeTerms, scopeFromParams,
  shanghaiToday, shiftMonth, splitRanking, textParam, trend, waited,
} from './figures-view'

describe('oversight figures view', () => {
  it('prints shares as percentages with at most one decimal, “—” without a base', () => {
    expect(pct(0.875)).toBe('87.5%')
    expect(pct(1)).toBe('100%')
    expect(pct(0)).toBe('0%')
    expect(pct(2 / 3)).toBe('66.7%')
    expect(pct(null)).toBe('—')
  })

  it('says the change against last month in percentage points', () => {
    expect(trend(0.8, 0.75)).toEqual({ dir: 'up', points: 5, text: '较上月 ↑5 个百分点' })
    expect(trend(0.5, 2 / 3)).toEqual({ dir: 'down', points: -16.7, text: '较上月 ↓16.7 个百分点' })
    expect(trend(0.5, 0.5).dir).toBe('flat')
    expect(trend(0.5, null)).toEqual({ dir: 'none', points: null, text: '上月无数据' })
    expect(trend(null, 0.5).text).toBe('本月无数据')
    expect(countTrend(7, 4).text).toBe('较上月 +3')
    expect(countTrend(1, 4).text).toBe('较上月 −3')
  })

  it('ranks the next level down first, nothing below a complex', () => {
    expect(rankLevels('CITY')[0]).toBe('STREET')
    expect(rankLevels('STREET')).toEqual(['COMMUNITY', 'COMPLEX', 'COMPANY'])
    expect(rankLevels('COMPANY')).toEqual(['COMPLEX'])
    expect(rankLevels('COMPLEX')).toEqual([])
  })

  it('counts months in Shanghai time, across years', () => {
    expect(shanghaiToday(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01')
    expect(shiftMonth('2026-01-15', -1)).toBe('2025-12-01')
    expect(shiftMonth('2026-12-31', 1)).toBe('2027-01-01')
    expect(lastMonths('2026-03-09', 6)).toEqual(['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01'])
    expect(monthLabel('2026-03-01')).toBe('2026年3月')
    expect(canGoForward('2026-11-01', '2026-12-01')).toBe(true)
    expect(canGoForward('2026-12-01', '2026-12-20')).toBe(false)
  })

  it('draws bars against the largest value or a given maximum, keeps gaps', () => {
    expect(barLengths([2, 4, 0])).toEqual([50, 100, 0])
    expect(barLengths([0.5, null], 1)).toEqual([50, null])
    expect(barLengths([0, 0])).toEqual([0, 0])
  })

  it('lists ranked units first and those under the minimum after, by tickets filed', () => {
    const rows = [{ rank: 1, filed: 9 }, { rank: null, filed: 1 }, { rank: 2, filed: 6 }, { rank: null, filed: 3 }]
    expect(splitRanking(rows)).toEqual({ ranked: [rows[0], rows[2]], unranked: [rows[3], rows[1]] })
    expect(schemeTerms([{ item: 'response', weight: 0.3 }, { item: 'resolution', weight: 0.35 }, { item: 'satisfaction', weight: 0.35 }])).toBe('响应 30% · 解决 35% · 满意 35%')
  })

  it('reads the scope and month from page params, refusing anything else', () => {
    expect(scopeFromParams({ kind: 'STREET', id: '3' })).toEqual({ kind: 'STREET', id: 3 })
    expect(scopeFromParams({ kind: 'PLANET', id: '3' })).toBeNull()
    expect(scopeFromParams({ kind: 'STREET', id: 'x' })).toBeNull()
    expect(monthFromParam('2026-12')).toBe('2026-12-01')
    expect(monthFromParam('2026-13')).toBeNull()
    expect(monthFromParam(undefined)).toBeNull()
  })

  it('decodes a text param once, leaving a malformed one alone', () => {
    expect(textParam('%E6%98%8E%E6%B9%96')).toBe('明湖')
    expect(textParam('明湖')).toBe('明湖')
    expect(textParam('100%')).toBe('100%')
    expect(textParam(undefined)).toBe('')
  })

  it('says how long a ticket has waited', () => {
    const now = Date.parse('2026-12-01T10:00:00Z')
    expect(waited('2026-12-01T09:48:00Z', now)).toBe('12 分钟')
    expect(waited('2026-11-30T10:00:00Z', now)).toBe('24 小时')
    expect(waited('2026-11-26T10:00:00Z', now)).toBe('5 天')
  })
})
