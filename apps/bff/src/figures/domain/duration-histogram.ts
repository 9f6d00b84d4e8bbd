import { DURATIONS, type Duration } from './ticket-facts';

/**
 * Summable duration histograms (docs/figures.md "Times"): each roll-up row counts its tickets' times to
 * accept and to resolve in fixed buckets, so a median or p90 over any scope and period comes from the
 * summed buckets without reading the tickets one by one.
 */

/** Bucket lower edges in minutes: bucket b holds [EDGES[b], EDGES[b+1]); the last one is open-ended (≥ 60 days). */
export const EDGE_MINUTES = [
  0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1080,
  1440, 2160, 2880, 4320, 5760, 8640, 11520, 17280, 25920, 34560, 43200, 64800, 86400,
] as const;
export const BUCKETS = EDGE_MINUTES.length;
const EDGES_MS = EDGE_MINUTES.map((m) => m * 60_000);

/** Storage: each DECIMAL(65,0) column holds this many buckets as 9-digit fields, so one SUM adds them all at once. */
export const PER_COLUMN = 7;
const FIELD = 10n ** 9n;
export const COLUMNS_PER_DURATION = Math.ceil(BUCKETS / PER_COLUMN);

/** Counts per bucket for each duration (signed when it is a difference). */
export type Histograms = Record<Duration, number[]>;

export function emptyHistograms(): Histograms {
  return Object.fromEntries(DURATIONS.map((d) => [d, new Array<number>(BUCKETS).fill(0)])) as Histograms;
}

export function bucketOf(ms: number): number {
  let b = 0;
  while (b + 1 < BUCKETS && ms >= EDGES_MS[b + 1]) b += 1;
  return b;
}

/** The histograms of one ticket's durations (a null duration counts nowhere). */
export function histogramsOf(durations: Readonly<Record<Duration, number | null>>): Histograms {
  const h = emptyHistograms();
  for (const d of DURATIONS) if (durations[d] !== null) h[d][bucketOf(durations[d]!)] += 1;
  return h;
}

export function addHistograms(into: Histograms, x: Histograms, sign = 1): Histograms {
  for (const d of DURATIONS) for (let b = 0; b < BUCKETS; b++) into[d][b] += sign * x[d][b];
  return into;
}

export function sameHistograms(a: Histograms, b: Histograms): boolean {
  return DURATIONS.every((d) => a[d].every((n, i) => n === b[d][i]));
}

/** Column names of one duration's packed buckets: accept_wall_ms → h_accept_wall_0 … h_accept_wall_4. */
export function histogramColumns(d: Duration): string[] {
  const base = d.replace(/Ms$/, '').replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
  return Array.from({ length: COLUMNS_PER_DURATION }, (_, i) => `h_${base}_${i}`);
}
export const HISTOGRAM_COLUMNS = DURATIONS.flatMap(histogramColumns);

/** One duration's counts packed into its columns' decimal values (as strings; a difference may be negative). */
export function pack(counts: readonly number[]): string[] {
  return Array.from({ length: COLUMNS_PER_DURATION }, (_, c) => {
    let v = 0n;
    for (let i = PER_COLUMN - 1; i >= 0; i--) v = v * FIELD + BigInt(counts[c * PER_COLUMN + i] ?? 0);
    return v.toString();
  });
}

/** The counts back from summed column values (each bucket's sum stays below 10^9). */
export function unpack(values: readonly (string | number | null)[]): number[] {
  const out = new Array<number>(BUCKETS).fill(0);
  values.forEach((raw, c) => {
    let v = BigInt(raw ?? 0);
    for (let i = 0; i < PER_COLUMN && c * PER_COLUMN + i < BUCKETS; i++) {
      out[c * PER_COLUMN + i] = Number(v % FIELD);
      v /= FIELD;
    }
  });
  return out;
}

export interface HistogramQuantile {
  /** The bucket's midpoint in ms (its lower edge for the open-ended last bucket). */
  readonly value: number;
  /** The bucket [lo, hi) that holds the exact nearest-rank value (hi null: open-ended). */
  readonly lo: number;
  readonly hi: number | null;
}

/**
 * Nearest-rank quantile from bucket counts: the bucket holding the p-th value is found exactly (the counts are
 * exact); inside it the midpoint is given, so the answer is within half the bucket's width of the exact value.
 */
export function histogramQuantile(counts: readonly number[], p: number): HistogramQuantile | null {
  const n = counts.reduce((s, x) => s + x, 0);
  if (n <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let b = 0; b < BUCKETS; b++) {
    seen += counts[b];
    if (seen >= rank) {
      const lo = EDGES_MS[b];
      const hi = b + 1 < BUCKETS ? EDGES_MS[b + 1] : null;
      return { value: hi === null ? lo : (lo + hi) / 2, lo, hi };
    }
  }
  return null;
}

/** The documented bound: |histogram quantile − exact| ≤ half the width of the bucket holding the exact value. */
export function errorBoundMs(exactMs: number): number {
  const b = bucketOf(exactMs);
  return b + 1 < BUCKETS ? (EDGES_MS[b + 1] - EDGES_MS[b]) / 2 : Infinity;
}
