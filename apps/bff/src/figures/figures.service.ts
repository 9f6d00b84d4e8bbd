import { Injectable } from '@nestjs/common';
import { AreaLevel, TicketSource, TicketStatus as S } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { badInput, forbidden, notFound } from '../common/domain-error';
import type { Viewer } from '../org/domain/viewer';
import { OrgService } from '../org/org.service';
import { dayNumberOfIso, shanghaiInstant } from '../sla/domain';
import { TicketsService } from '../tickets/tickets.service';
import { histogramQuantile } from './domain/duration-histogram';
import { percentile, rates, slaMet, type Rates } from './domain/figures';
import { lastMonths, periodOf, PeriodError, PeriodKind, previousPeriod, type Period } from './domain/period';
import { compositeScore, DEFAULT_SCHEME_ID, rank, scheme as schemeById, weightedScore, type ScoreScheme } from './domain/ranking';
import { ancestorAt, KIND_OF_LEVEL, readsFigures, resolveScope, ScopeKind, type Places, type ResolvedScope, type ScopeRef } from './domain/scope';
import { addHistograms, emptyHistograms, type Histograms } from './domain/duration-histogram';
import { addCounters, DURATIONS, shanghaiIsoDay, zeroCounters, type Counters, type Duration } from './domain/ticket-facts';
import { FiguresRepository, type RollupFilter, type Sum } from './figures.repository';

/** Up to this many tickets filed in a scope's period, medians and p90 are read ticket by ticket (exact); above, from the histograms. */
export const EXACT_TIMES_MAX = 500;

export interface PeriodInput {
  kind: PeriodKind;
  /** A day inside the period (YYYY-MM-DD, Shanghai); the custom range's first day. Default: today. */
  day?: string | null;
  /** Custom ranges only: the last day, inclusive. */
  to?: string | null;
}

export interface Spread {
  median: number | null;
  p90: number | null;
  count: number;
  /** false: from the summed histograms, within half a bucket of the exact value (docs/figures.md). */
  exact: boolean;
}

/** How to get medians and p90: by the size of the set (`auto`), or forced (the check compares both). */
export type TimesMode = 'auto' | 'exact' | 'histogram';

export interface FigureSet {
  counters: Counters;
  rates: Rates;
  slaMet: number | null;
  times: Record<Duration, Spread> | null;
}

export interface Breakdown {
  key: string;
  name: string;
  set: FigureSet;
}

export interface FiguresResult {
  scope: ResolvedScope;
  period: Period;
  previousPeriod: Period;
  current: FigureSet;
  previous: FigureSet;
  /** Still with the handling side now, whenever filed. */
  backlog: number;
  byCategory: Breakdown[];
  bySource: Breakdown[];
}

export interface RankingRow {
  scope: { kind: ScopeKind; id: number; name: string };
  filed: number;
  /** 督办 of the unit's tickets filed in the period. */
  urges: number;
  rates: Rates;
  score: number | null;
  rank: number | null;
}

/** Ranking levels and how a complex maps to its unit at that level. */
export enum RankLevel {
  COMPLEX = 'COMPLEX',
  COMPANY = 'COMPANY',
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
}

const OPEN_STATUSES = [S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED, S.MEDIATING];

/**
 * Reading the figures (docs/figures.md) within the viewer's scope: a scope's figures for a period and the
 * previous one, rankings, the tickets behind them and a complex's 公示. Kept by FiguresRollup.
 */
@Injectable()
export class FiguresService {
  constructor(
    private readonly repo: FiguresRepository,
    private readonly tickets: TicketsService,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  // ---- reading ---------------------------------------------------------------------------------

  async places(): Promise<Places> {
    const [p, companyHistory] = await Promise.all([this.org.figurePlaces(), this.repo.companyHistory()]);
    return { ...p, companyHistory };
  }

  /** The scope as the viewer may see it: FORBIDDEN for roles that read no figures, NOT_FOUND outside their area. */
  scope(viewer: Viewer, places: Places, ref: ScopeRef): ResolvedScope {
    if (!readsFigures(viewer)) throw forbidden('仅监督、管理人员可查看统计');
    const s = resolveScope(viewer, places, ref);
    if (!s) throw notFound('统计范围');
    return s;
  }

  period(input: PeriodInput): Period {
    try {
      return periodOf(input.kind, input.day ?? shanghaiIsoDay(this.clock.now()), input.to);
    } catch (e) {
      if (e instanceof PeriodError) throw badInput(e.message, { field: 'period' });
      throw e;
    }
  }

  /** The scopes the viewer holds (where their home page starts). */
  async homeScopes(viewer: Viewer): Promise<ResolvedScope[]> {
    const places = await this.places();
    if (!readsFigures(viewer)) throw forbidden('仅监督、管理人员可查看统计');
    const refs: ScopeRef[] = [];
    for (const a of await this.org.assignmentsOf(viewer.userId)) {
      if (a.role === 'OVERSIGHT' && a.areaId != null) {
        const area = places.areas.find((x) => x.id === a.areaId);
        if (area) refs.push({ kind: KIND_OF_LEVEL[area.level], id: area.id });
      } else if (a.role === 'ADMIN') {
        const city = places.areas.find((x) => x.level === AreaLevel.CITY);
        if (city) refs.push({ kind: ScopeKind.CITY, id: city.id });
      } else if (a.role === 'PROJECT_MANAGER' && a.complexId != null) {
        refs.push({ kind: ScopeKind.COMPLEX, id: a.complexId });
      }
    }
    const out = new Map<string, ResolvedScope>();
    for (const r of refs) {
      const s = resolveScope(viewer, places, r);
      if (s) out.set(`${s.kind}:${s.id}`, s);
    }
    return [...out.values()];
  }

  async figures(viewer: Viewer, ref: ScopeRef, p: PeriodInput, f: { categoryCode?: string | null; source?: string | null } = {}): Promise<FiguresResult> {
    const places = await this.places();
    const scope = this.scope(viewer, places, ref);
    const period = this.period(p);
    const prev = previousPeriod(period);
    const filter = (q: Period): RollupFilter => ({ complexIds: scope.complexIds, from: q.from, to: q.to, categoryCode: f.categoryCode, source: f.source, companyId: scope.companyId });
    // One read per period: this one grouped by category × source (the breakdowns are sums of those rows).
    const [categories, cells, previous, backlog] = await Promise.all([
      this.org.categories(),
      this.repo.sums(filter(period), ['category_code', 'source'], true),
      this.set(filter(prev)),
      this.repo.backlog({ complexIds: scope.complexIds, categoryCode: f.categoryCode, source: f.source, companyId: scope.companyId }),
    ]);
    const total = sumOf(cells);
    const current = await this.setFrom(filter(period), total.counters, total.hist);
    const by = (i: 0 | 1, name: (k: string) => string): Breakdown[] => {
      const groups = new Map<string, Counters>();
      for (const c of cells) {
        const k = c.group!.split('|')[i];
        addCounters(groups.get(k) ?? groups.set(k, zeroCounters()).get(k)!, c.counters);
      }
      return [...groups].map(([key, counters]) => ({ key, name: name(key), set: setOf(counters, null) })).sort((a, b) => b.set.counters.filed - a.set.counters.filed);
    };
    return {
      scope, period, previousPeriod: prev, current, previous, backlog,
      byCategory: by(0, (k) => categories.find((c) => c.code === k)?.name ?? k),
      bySource: by(1, (k) => SOURCE_NAME[k as TicketSource] ?? k),
    };
  }

  /** Counts, rates and times over one filter. */
  async set(filter: RollupFilter, mode: TimesMode = 'auto'): Promise<FigureSet> {
    const [s] = await this.repo.sums(filter, [], true);
    return this.setFrom(filter, s?.counters ?? zeroCounters(), s?.hist ?? emptyHistograms(), mode);
  }

  private async setFrom(filter: RollupFilter, counters: Counters, hist: Histograms, mode: TimesMode = 'auto'): Promise<FigureSet> {
    const exact = mode === 'exact' || (mode === 'auto' && counters.filed <= EXACT_TIMES_MAX);
    const kinds = DURATIONS;
    let times: Record<Duration, Spread>;
    if (exact) {
      const values = await Promise.all(kinds.map((k) => this.repo.durations(filter, k)));
      times = Object.fromEntries(kinds.map((k, i) => [k, { median: percentile(values[i], 0.5), p90: percentile(values[i], 0.9), count: values[i].length, exact: true }])) as Record<Duration, Spread>;
    } else {
      times = Object.fromEntries(kinds.map((k) => [k, {
        median: histogramQuantile(hist[k], 0.5)?.value ?? null, p90: histogramQuantile(hist[k], 0.9)?.value ?? null,
        count: hist[k].reduce((a, b) => a + b, 0), exact: false,
      }])) as Record<Duration, Spread>;
    }
    return setOf(counters, times);
  }

  /** Units at `level` inside the scope, scored by the scheme; companies and areas by the ticket-weighted scores of their complexes. */
  async ranking(viewer: Viewer, ref: ScopeRef, level: RankLevel, p: PeriodInput, schemeId?: string | null, schemeVersion?: number | null): Promise<{ scheme: ScoreScheme; period: Period; rows: RankingRow[] }> {
    const places = await this.places();
    const scope = this.scope(viewer, places, ref);
    const period = this.period(p);
    const s = schemeById(schemeId ?? DEFAULT_SCHEME_ID, schemeVersion);
    if (!s) throw badInput('评分方案不存在', { field: 'scheme' });
    // Companies rank by the tickets filed under them: a complex that changed company counts its part with each.
    const byCompany = level === RankLevel.COMPANY;
    const sums = await this.repo.sums({ complexIds: scope.complexIds, from: period.from, to: period.to, companyId: scope.companyId }, byCompany ? ['complex_id', 'company_id'] : ['complex_id']);
    const complexOf = new Map(places.complexes.map((c) => [c.id, c]));
    const cells = byCompany
      ? sums.map((r) => ({ complexId: Number(r.group!.split('|')[0]), companyId: Number(r.group!.split('|')[1]), counters: r.counters }))
      : (() => {
        const byComplex = new Map(sums.map((r) => [Number(r.group), r.counters]));
        return scope.complexIds.map((id) => ({ complexId: id, companyId: complexOf.get(id)?.companyId ?? 0, counters: byComplex.get(id) ?? zeroCounters() }));
      })();
    const perComplex = cells.filter((c) => complexOf.has(c.complexId)).map((c) => ({ complex: complexOf.get(c.complexId)!, companyId: c.companyId, counters: c.counters, score: compositeScore(s, rates(c.counters)) }));
    const groups = new Map<string, { scope: RankingRow['scope']; members: typeof perComplex }>();
    for (const m of perComplex) {
      let unit: RankingRow['scope'] | undefined;
      if (level === RankLevel.COMPLEX) unit = { kind: ScopeKind.COMPLEX, id: m.complex.id, name: m.complex.name };
      else if (byCompany) {
        const co = places.companies.find((x) => x.id === m.companyId);
        if (co) unit = { kind: ScopeKind.COMPANY, id: co.id, name: co.name };
      } else {
        const areaId = ancestorAt(places, m.complex.communityId, level === RankLevel.STREET ? AreaLevel.STREET : AreaLevel.COMMUNITY);
        const area = places.areas.find((a) => a.id === areaId);
        if (area) unit = { kind: level === RankLevel.STREET ? ScopeKind.STREET : ScopeKind.COMMUNITY, id: area.id, name: area.name };
      }
      if (!unit) continue;
      const key = `${unit.kind}:${unit.id}`;
      (groups.get(key) ?? groups.set(key, { scope: unit, members: [] }).get(key)!).members.push(m);
    }
    const units = [...groups.values()].map((g) => {
      const counters = g.members.reduce((acc, m) => addCounters(acc, m.counters), zeroCounters());
      const score = level === RankLevel.COMPLEX ? g.members[0].score : weightedScore(g.members.map((m) => ({ score: m.score, filed: m.counters.filed })));
      return { key: g.scope, filed: counters.filed, urges: counters.urges, score, rates: rates(counters) };
    });
    const ranked = rank(s, units);
    const unitOf = new Map(units.map((u) => [u.key, u]));
    return { scheme: s, period, rows: ranked.map((r) => ({ scope: r.key, filed: r.filed, urges: unitOf.get(r.key)!.urges, score: r.score, rank: r.rank, rates: unitOf.get(r.key)!.rates })) };
  }

  /** The tickets behind a scope's figures: filed in the period, newest first. */
  async ticketsBehind(viewer: Viewer, ref: ScopeRef, p: PeriodInput, f: { categoryCode?: string | null; source?: string | null; openOnly?: boolean | null; before?: string | null }, limit: number) {
    const places = await this.places();
    const scope = this.scope(viewer, places, ref);
    const period = this.period(p);
    const open = f.openOnly ? OPEN_STATUSES : undefined;
    if (f.before != null && !/^\d{1,19}$/.test(f.before)) throw badInput('分页游标无效', { field: 'after' });
    return this.tickets.filedIn(scope.complexIds, instantOf(period.from), instantOf(period.to), { categoryCode: f.categoryCode ?? undefined, source: f.source ?? undefined, companyId: scope.companyId, statuses: open, beforeId: f.before ?? undefined }, limit);
  }

  /** The oldest tickets still with the handling side in the scope. */
  async oldestOpen(viewer: Viewer, ref: ScopeRef, limit: number) {
    const scope = this.scope(viewer, await this.places(), ref);
    return this.tickets.oldestOpen(scope.complexIds, limit, scope.companyId);
  }

  /** 公示: a complex's last `months` months (oldest first) and this month's top categories. Public. */
  async publicFigures(complexId: number, months = 12, month?: string): Promise<{ months: { month: string; set: FigureSet }[]; topCategories: Breakdown[] }> {
    const today = month ? `${month}-01` : shanghaiIsoDay(this.clock.now());
    const list = lastMonths(today, months);
    const [sets, cats, categories] = await Promise.all([
      this.repo.sums({ complexIds: [complexId], from: list[0].from, to: list[list.length - 1].to }, ['month']),
      this.repo.sums({ complexIds: [complexId], from: list[list.length - 1].from, to: list[list.length - 1].to }, ['category_code']),
      this.org.categories(),
    ]);
    const topCategories = cats
      .map((r) => ({ key: r.group!, name: categories.find((c) => c.code === r.group)?.name ?? r.group!, set: setOf(r.counters, null) }))
      .sort((a, b) => b.set.counters.filed - a.set.counters.filed || a.key.localeCompare(b.key))
      .slice(0, 5);
    const byMonth = new Map(sets.map((d) => [d.group, d.counters]));
    return { months: list.map((m) => ({ month: m.from.slice(0, 7), set: setOf(byMonth.get(m.from.slice(0, 7)) ?? zeroCounters(), null) })), topCategories };
  }
}

export const SOURCE_NAME: Record<TicketSource, string> = { QR: '扫码', HOTLINE_12345: '12345 热线', OPEN311: 'Open311' };

function sumOf(rows: readonly Sum[]): { counters: Counters; hist: Histograms } {
  const out = { counters: zeroCounters(), hist: emptyHistograms() };
  for (const r of rows) {
    addCounters(out.counters, r.counters);
    addHistograms(out.hist, r.hist);
  }
  return out;
}

function setOf(counters: Counters, times: Record<Duration, Spread> | null): FigureSet {
  return { counters, rates: rates(counters), slaMet: slaMet(counters), times };
}

/** Shanghai midnight starting a YYYY-MM-DD day. */
export function instantOf(day: string): Date {
  return shanghaiInstant(dayNumberOfIso(day));
}
