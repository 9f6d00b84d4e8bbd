import type { Rates } from './figures';

/** The rates a composite score can weigh (三率). */
export const SCORE_ITEMS = ['response', 'resolution', 'satisfaction'] as const;
export type ScoreItem = (typeof SCORE_ITEMS)[number];

/**
 * A scoring scheme: score = Σ weight × itemScore(rate) over the items that have a rate, divided by the
 * weights of those items (a unit nobody rated yet is scored on what it has). itemScore = 100 × rate,
 * or 0 when the rate is under the item's floor. Schemes are versioned: a published ranking names
 * the scheme and version it used, and a change is a new version, never an edit.
 */
export interface ScoreScheme {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly weights: Readonly<Record<ScoreItem, number>>;
  readonly floors: Readonly<Partial<Record<ScoreItem, number>>>;
  /** Units with fewer tickets filed in the period are listed, unranked. */
  readonly minTickets: number;
}

export const SCORE_SCHEMES: readonly ScoreScheme[] = [
  {
    id: 'WEIGHTED_30_35_35', version: 1, name: '三率加权 30/35/35',
    weights: { response: 0.3, resolution: 0.35, satisfaction: 0.35 }, floors: {}, minTickets: 5,
  },
  {
    id: 'PIECEWISE_FLOOR', version: 1, name: '三率分段计分（低于下限记 0 分）',
    weights: { response: 0.3, resolution: 0.35, satisfaction: 0.35 }, floors: { response: 0.8, resolution: 0.6, satisfaction: 0.6 }, minTickets: 5,
  },
];

export const DEFAULT_SCHEME_ID = 'WEIGHTED_30_35_35';

/** The scheme by id (latest version unless one is given). */
export function scheme(id: string, version?: number | null): ScoreScheme | undefined {
  const all = SCORE_SCHEMES.filter((s) => s.id === id && (version == null || s.version === version));
  return all.sort((a, b) => b.version - a.version)[0];
}

export function itemScore(s: ScoreScheme, item: ScoreItem, rate: number): number {
  const floor = s.floors[item];
  return floor !== undefined && rate < floor ? 0 : 100 * rate;
}

/** Composite score 0–100, or null when the unit has none of the rates yet. */
export function compositeScore(s: ScoreScheme, r: Pick<Rates, ScoreItem>): number | null {
  let sum = 0;
  let weight = 0;
  for (const item of SCORE_ITEMS) {
    const rate = r[item];
    if (rate === null) continue;
    sum += s.weights[item] * itemScore(s, item, rate);
    weight += s.weights[item];
  }
  return weight > 0 ? sum / weight : null;
}

/** A group's score: its members' scores weighted by the tickets each had filed (members without a score left out). */
export function weightedScore(members: readonly { score: number | null; filed: number }[]): number | null {
  let sum = 0;
  let n = 0;
  for (const m of members) {
    if (m.score === null || m.filed === 0) continue;
    sum += m.score * m.filed;
    n += m.filed;
  }
  return n > 0 ? sum / n : null;
}

export interface RankEntry<K> {
  readonly key: K;
  readonly filed: number;
  readonly score: number | null;
  /** 1-based, ties share a rank; null when below the minimum or without a score. */
  readonly rank: number | null;
}

/** Ranks by score (high first); equal scores share a rank; units under the minimum come last, unranked. */
export function rank<K>(s: ScoreScheme, units: readonly { key: K; filed: number; score: number | null }[]): RankEntry<K>[] {
  const eligible = units.filter((u) => u.filed >= s.minTickets && u.score !== null).sort((a, b) => b.score! - a.score!);
  const rest = units.filter((u) => !(u.filed >= s.minTickets && u.score !== null)).sort((a, b) => b.filed - a.filed);
  const out: RankEntry<K>[] = [];
  eligible.forEach((u, i) => {
    const prev = out[i - 1];
    const r = prev && Math.abs(prev.score! - u.score!) < 1e-9 ? prev.rank : i + 1;
    out.push({ ...u, rank: r });
  });
  for (const u of rest) out.push({ ...u, rank: null });
  return out;
}
