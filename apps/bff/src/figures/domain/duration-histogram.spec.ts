import {
  addHistograms, BUCKETS, bucketOf, EDGE_MINUTES, emptyHistograms, errorBoundMs, histogramQuantile, histogramsOf, pack, unpack,
} from './duration-histogram';
import { percentile } from './figures';

const MIN = 60_000;

describe('duration histograms', () => {
  it('put a time in the bucket whose edges hold it (lower edge inclusive)', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(59_999)).toBe(0);
    expect(bucketOf(MIN)).toBe(1);
    expect(bucketOf(10 * MIN)).toBe(EDGE_MINUTES.indexOf(10));
    expect(bucketOf(14 * MIN + 59_999)).toBe(EDGE_MINUTES.indexOf(10));
    expect(bucketOf(400 * 86_400_000)).toBe(BUCKETS - 1);
    expect(bucketOf(-5)).toBe(0);
  });

  it('edges grow by at most 1.5× from 10 minutes on, so half a bucket is at most 25 % of the value', () => {
    for (let b = EDGE_MINUTES.indexOf(10); b + 1 < BUCKETS; b++) expect(EDGE_MINUTES[b + 1] / EDGE_MINUTES[b]).toBeLessThanOrEqual(1.5);
    for (const m of [10, 37, 600, 5000, 80_000]) expect(errorBoundMs(m * MIN)).toBeLessThanOrEqual(0.25 * m * MIN);
    for (const m of [0, 1, 4, 9.9]) expect(errorBoundMs(m * MIN)).toBeLessThanOrEqual(1.5 * MIN);
  });

  it('pack into 9-digit decimal fields that add column by column, differences included', () => {
    const counts = Array.from({ length: BUCKETS }, (_, i) => (i * 7919) % 1000);
    expect(unpack(pack(counts))).toEqual(counts);
    const a = pack(counts).map(BigInt);
    const b = pack(counts.map((c) => c * 2)).map(BigInt);
    const minus = pack(counts.map((c) => -c)).map(BigInt);
    expect(unpack(a.map((x, i) => (x + b[i]).toString()))).toEqual(counts.map((c) => c * 3));
    expect(unpack(b.map((x, i) => (x + minus[i]).toString()))).toEqual(counts);
  });

  it('give the median and p90 within the bound of the exact nearest-rank values, over random sets', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rnd() * 300);
      const values = Array.from({ length: n }, () => Math.floor(Math.exp(rnd() * Math.log(90 * 1440)) * MIN * rnd()));
      const h = emptyHistograms();
      for (const v of values) addHistograms(h, histogramsOf({ acceptWallMs: v, acceptWorkMs: null, resolveWallMs: null, resolveWorkMs: null }));
      expect(h.acceptWorkMs.every((x) => x === 0)).toBe(true);
      for (const p of [0.5, 0.9]) {
        const exact = percentile(values, p)!;
        const q = histogramQuantile(h.acceptWallMs, p)!;
        expect(exact).toBeGreaterThanOrEqual(q.lo);
        if (q.hi !== null) expect(exact).toBeLessThan(q.hi);
        expect(Math.abs(q.value - exact)).toBeLessThanOrEqual(errorBoundMs(exact));
      }
    }
  });

  it('have no quantile when empty', () => {
    expect(histogramQuantile(emptyHistograms().resolveWallMs, 0.5)).toBeNull();
  });
});
