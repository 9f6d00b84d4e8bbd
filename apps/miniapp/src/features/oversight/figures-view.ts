/**
 * How the oversight screens show the BFF's figures: rates as percentages, the change against last
 * month, which units rank below a scope, months, bar lengths. Pure: no Taro, no API (specs test it).
 * The figures themselves are never computed here — they come from the BFF (docs/figures.md).
 */
import type { FigureScopeKind, RankLevel } from '@msb/shared-types'

/** A share 0–1 as the pages print it: one decimal when it has one, "—" when there is no base. */
export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  return `${Math.round(rate * 1000) / 10}%`
}

export type TrendDir = 'up' | 'down' | 'flat' | 'none'

/** Names of the two periods compared ("上月" / "本月", "上周" / "本周" …). */
export interface Compared {
  readonly prev: string
  readonly cur: string
}
const MONTHS: Compared = { prev: '上月', cur: '本月' }

/** This period against the one before: the change in percentage points, or `none` when either has no base. */
export function trend(current: number | null, previous: number | null, names: Compared = MONTHS): { dir: TrendDir; points: number | null; text: string } {
  if (current === null || previous === null) return { dir: 'none', points: null, text: previous === null ? `${names.prev}无数据` : `${names.cur}无数据` }
  const points = Math.round((current - previous) * 1000) / 10
  if (points === 0) return { dir: 'flat', points: 0, text: `与${names.prev}持平` }
  return { dir: points > 0 ? 'up' : 'down', points, text: `较${names.prev} ${points > 0 ? '↑' : '↓'}${Math.abs(points)} 个百分点` }
}

/** A count's change against the period before ("较上月 +3"). */
export function countTrend(current: number, previous: number, names: Compared = MONTHS): { dir: TrendDir; text: string } {
  const d = current - previous
  if (d === 0) return { dir: 'flat', text: `与${names.prev}持平` }
  return { dir: d > 0 ? 'up' : 'down', text: `较${names.prev} ${d > 0 ? '+' : '−'}${Math.abs(d)}` }
}

export const KIND_NAME: Record<FigureScopeKind, string> = {
  CITY: '市', DISTRICT: '区', STREET: '街道', COMMUNITY: '社区', COMPANY: '物业企业', COMPLEX: '小区',
}

export const LEVEL_NAME: Record<RankLevel, string> = { STREET: '街道', COMMUNITY: '社区', COMPANY: '物业企业', COMPLEX: '小区' }

/** The levels a scope's ranking can list, the first being its natural next step down. */
export function rankLevels(kind: FigureScopeKind): RankLevel[] {
  switch (kind) {
    case 'CITY':
    case 'DISTRICT':
      return ['STREET', 'COMPANY', 'COMPLEX']
    case 'STREET':
      return ['COMMUNITY', 'COMPLEX', 'COMPANY']
    case 'COMMUNITY':
      return ['COMPLEX', 'COMPANY']
    case 'COMPANY':
      return ['COMPLEX']
    case 'COMPLEX':
      return []
  }
}

/** Today in Asia/Shanghai (the figures' calendar), YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

const MONTH_RE = /^(\d{4})-(\d{2})/

/** The first day of the month `delta` months from the one containing `day`. */
export function shiftMonth(day: string, delta: number): string {
  const m = MONTH_RE.exec(day)
  if (!m) throw new Error(`not a day: ${day}`)
  const n = Number(m[1]) * 12 + (Number(m[2]) - 1) + delta
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`
}

/** The `n` months up to the one containing `day`, oldest first, each as its first day. */
export function lastMonths(day: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => shiftMonth(day, i - n + 1))
}

/** "2026年12月" */
export function monthLabel(day: string): string {
  const m = MONTH_RE.exec(day)
  return m ? `${m[1]}年${Number(m[2])}月` : day
}

/** "12月" */
export function shortMonth(day: string): string {
  const m = MONTH_RE.exec(day)
  return m ? `${Number(m[2])}月` : day
}

/** A month later than today's is not offered. */
export function canGoForward(day: string, today: string): boolean {
  return shiftMonth(day, 0) < shiftMonth(today, 0)
}

/** Bar lengths in % of the largest value (a zero list draws nothing); null stays null (no bar). */
export function barLengths(values: readonly (number | null)[], max?: number): (number | null)[] {
  const top = max ?? Math.max(0, ...values.map((v) => v ?? 0))
  return values.map((v) => (v === null ? null : top <= 0 ? 0 : Math.round((Math.max(0, v) / top) * 1000) / 10))
}

/** Ranked rows first (by rank, as the BFF gives them), then units under the minimum, by tickets filed. */
export function splitRanking<R extends { rank: number | null; filed: number }>(rows: readonly R[]): { ranked: R[]; unranked: R[] } {
  const ranked = rows.filter((r) => r.rank !== null)
  const unranked = rows.filter((r) => r.rank === null).sort((a, b) => b.filed - a.filed)
  return { ranked, unranked }
}

/** The scheme's weights as people read them: "响应 30% · 解决 35% · 满意 35%". */
export function schemeTerms(items: readonly { item: string; weight: number }[]): string {
  const names: Record<string, string> = { response: '响应', resolution: '解决', satisfaction: '满意' }
  const total = items.reduce((s, i) => s + i.weight, 0) || 1
  return items.map((i) => `${names[i.item] ?? i.item} ${Math.round((i.weight / total) * 100)}%`).join(' · ')
}

/** How long an open ticket has waited: "3 天", "5 小时", "12 分钟". */
export function waited(createdAt: string, now: number = Date.now()): string {
  const ms = Math.max(0, now - Date.parse(createdAt))
  const min = Math.floor(ms / 60_000)
  if (min < 60) return `${min} 分钟`
  const h = Math.floor(min / 60)
  if (h < 48) return `${h} 小时`
  return `${Math.floor(h / 24)} 天`
}

/** A scope from page params, or null when they do not name one. */
export function scopeFromParams(p: Record<string, string | undefined>): { kind: FigureScopeKind; id: number } | null {
  const kind = p.kind as FigureScopeKind | undefined
  const id = Number(p.id)
  if (!kind || !(kind in KIND_NAME) || !Number.isInteger(id) || id <= 0) return null
  return { kind, id }
}

/** A month param (YYYY-MM or a day inside it) as its first day, or null. */
export function monthFromParam(raw: string | undefined): string | null {
  if (!raw || !/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/.test(raw)) return null
  return `${raw.slice(0, 7)}-01`
}

/** A text page param: H5 may hand it over still percent-encoded, weapp decoded; a malformed one as it is. */
export function textParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
