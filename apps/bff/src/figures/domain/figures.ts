import type { Counters } from './ticket-facts';

/** A share, or null when nothing is in its base (shown as "—", never as 0 % or 100 %). */
export function ratio(n: number, base: number): number | null {
  return base > 0 ? n / base : null;
}

/** The rates of docs/figures.md from summed counters. */
export interface Rates {
  /** 响应率: accepted or refused within the ACCEPT limit / tickets whose response is due or done. */
  readonly response: number | null;
  /** 解决率: latest rating "solved" / rated tickets. */
  readonly resolution: number | null;
  /** 满意率: latest rating ≥ 4 of 5 / rated tickets. */
  readonly satisfaction: number | null;
  /** 按时办结率: resolved within every RESOLVE limit / tickets resolved or overdue. */
  readonly resolvedOnTime: number | null;
  readonly dispatchOnTime: number | null;
  readonly mediationOnTime: number | null;
  /** 回退率: dispatches returned / dispatches. */
  readonly returnRate: number | null;
  /** 重办率: reopened or rated unsolved / resolved tickets. */
  readonly redoRate: number | null;
}

export function rates(c: Counters): Rates {
  return {
    response: ratio(c.acceptMet, c.acceptBase),
    resolution: ratio(c.solved, c.rated),
    satisfaction: ratio(c.satisfied, c.rated),
    resolvedOnTime: ratio(c.resolveMet, c.resolveBase),
    dispatchOnTime: ratio(c.dispatchMet, c.dispatchBase),
    mediationOnTime: ratio(c.mediationMet, c.mediationBase),
    returnRate: ratio(c.returns, c.dispatches),
    redoRate: ratio(c.redone, c.resolved),
  };
}

/** SLA met %: every timed target's met / base, pooled. */
export function slaMet(c: Counters): number | null {
  return ratio(c.acceptMet + c.resolveMet + c.dispatchMet + c.mediationMet, c.acceptBase + c.resolveBase + c.dispatchBase + c.mediationBase);
}

/** Nearest-rank percentile (p in (0, 1]): the smallest value with at least p of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
