import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '../graphql/graphql-context';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { badInput } from '../common/domain-error';
import { MonthlyFigures, QrPlace } from '../org/models/org.models';
import { OrgService } from '../org/org.service';
import { Ticket, TicketConnection } from '../tickets/models/ticket.models';
import { toTicketModel } from '../tickets/tickets.resolver';
import type { Rates } from './domain/figures';
import { SCORE_ITEMS, SCORE_SCHEMES, type ScoreScheme as Scheme } from './domain/ranking';
import { FiguresService, RankLevel, type FigureSet as Set_, type FiguresResult } from './figures.service';
import {
  FigurePeriodInput, FigureRates, Figures, FigureScope, FigureScopeInput, FigureSet, PublicFigures, Ranking, ScoreScheme,
} from './models/figures.models';

const MAX_PAGE = 50;

function schemeModel(s: Scheme): ScoreScheme {
  return {
    id: s.id, version: s.version, name: s.name, minTickets: s.minTickets,
    items: SCORE_ITEMS.map((item) => ({ item, weight: s.weights[item], floor: s.floors[item] ?? null })),
  };
}

const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);

function setModel(s: Set_): FigureSet {
  const spread = (k: keyof NonNullable<Set_['times']>) => ({ medianMinutes: minutes(s.times![k].median), p90Minutes: minutes(s.times![k].p90), count: s.times![k].count, exact: s.times![k].exact });
  return {
    counts: s.counters, rates: s.rates as FigureRates, slaMet: s.slaMet,
    times: s.times ? { acceptWall: spread('acceptWallMs'), acceptWork: spread('acceptWorkMs'), resolveWall: spread('resolveWallMs'), resolveWork: spread('resolveWorkMs') } : null,
  };
}

function figuresModel(r: FiguresResult): Figures {
  return {
    scope: { kind: r.scope.kind, id: r.scope.id, name: r.scope.name }, complexCount: r.scope.complexIds.length,
    period: r.period, previousPeriod: r.previousPeriod, current: setModel(r.current), previous: setModel(r.previous), backlog: r.backlog,
    byCategory: r.byCategory.map((b) => ({ key: b.key, name: b.name, figures: setModel(b.set) })),
    bySource: r.bySource.map((b) => ({ key: b.key, name: b.name, figures: setModel(b.set) })),
  };
}

@Resolver()
export class FiguresResolver {
  constructor(private readonly svc: FiguresService, private readonly org: OrgService) {}

  @Query(() => [FigureScope], { description: 'The scopes the caller oversees (their figures home)' })
  async figureScopes(@CurrentViewer() viewer: Viewer): Promise<FigureScope[]> {
    return (await this.svc.homeScopes(viewer)).map((s) => ({ kind: s.kind, id: s.id, name: s.name }));
  }

  @Query(() => Figures, { description: 'Figures of a scope the caller may see (NOT_FOUND otherwise) for a period, with the previous period and breakdowns' })
  async figures(
    @CurrentViewer() viewer: Viewer,
    @Args('scope') scope: FigureScopeInput,
    @Args('period') period: FigurePeriodInput,
    @Args('categoryCode', { type: () => String, nullable: true }) categoryCode?: string | null,
    @Args('source', { type: () => String, nullable: true }) source?: string | null,
  ): Promise<Figures> {
    return figuresModel(await this.svc.figures(viewer, scope, period, { categoryCode, source }));
  }

  @Query(() => [ScoreScheme], { description: 'Named, versioned scoring schemes for rankings' })
  scoreSchemes(): ScoreScheme[] {
    return SCORE_SCHEMES.map(schemeModel);
  }

  @Query(() => Ranking, { description: 'Units at a level inside a scope, by composite score' })
  async ranking(
    @CurrentViewer() viewer: Viewer,
    @Args('scope') scope: FigureScopeInput,
    @Args('level', { type: () => RankLevel }) level: RankLevel,
    @Args('period') period: FigurePeriodInput,
    @Args('scheme', { type: () => String, nullable: true }) scheme?: string | null,
    @Args('schemeVersion', { type: () => Int, nullable: true }) schemeVersion?: number | null,
  ): Promise<Ranking> {
    const r = await this.svc.ranking(viewer, scope, level, period, scheme, schemeVersion);
    return {
      scheme: schemeModel(r.scheme), period: r.period, level,
      rows: r.rows.map((x) => ({ rank: x.rank, unit: x.scope, filed: x.filed, urges: x.urges, score: x.score, rates: x.rates as Rates as FigureRates })),
    };
  }

  @Query(() => TicketConnection, { description: 'The tickets behind a scope’s figures: filed in the period, newest first' })
  async figureTickets(
    @CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext,
    @Args('scope') scope: FigureScopeInput,
    @Args('period') period: FigurePeriodInput,
    @Args('categoryCode', { type: () => String, nullable: true }) categoryCode?: string | null,
    @Args('openOnly', { type: () => Boolean, nullable: true }) openOnly?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<TicketConnection> {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput(`first 须在 1–${MAX_PAGE} 之间`, { field: 'first' });
    const [rows, look] = await Promise.all([this.svc.ticketsBehind(viewer, scope, period, { categoryCode, openOnly, before: after }, n + 1), this.org.lookups()]);
    const nodes = rows.slice(0, n).map((t) => toTicketModel(t, look, ctx.loaders)) as unknown as Ticket[];
    return { nodes, pageInfo: { hasNextPage: rows.length > n, endCursor: nodes.length ? rows[nodes.length - 1].id : null } };
  }

  @Query(() => [Ticket], { description: 'The oldest tickets still with the handling side in a scope' })
  async oldestOpenTickets(
    @CurrentViewer() viewer: Viewer, @Context() ctx: GqlContext,
    @Args('scope') scope: FigureScopeInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ): Promise<Ticket[]> {
    const n = first ?? 10;
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput(`first 须在 1–${MAX_PAGE} 之间`, { field: 'first' });
    const [rows, look] = await Promise.all([this.svc.oldestOpen(viewer, scope, n), this.org.lookups()]);
    return rows.map((t) => toTicketModel(t, look, ctx.loaders)) as unknown as Ticket[];
  }
}

/** 公示 on the QR landing: the same figures as the oversight view, for the scanned complex. */
@Resolver(() => QrPlace)
export class PublicFiguresResolver {
  constructor(private readonly svc: FiguresService) {}

  @ResolveField(() => PublicFigures)
  async publicFigures(@Parent() place: QrPlace): Promise<PublicFigures> {
    const r = await this.svc.publicFigures(place.complex.id);
    return { months: r.months.map((m) => ({ month: m.month, figures: setModel(m.set) })), topCategories: r.topCategories.map((b) => ({ key: b.key, name: b.name, figures: setModel(b.set) })) };
  }

  @ResolveField(() => MonthlyFigures, { description: '公示: this month so far' })
  async figures(@Parent() place: QrPlace): Promise<MonthlyFigures> {
    const r = await this.svc.publicFigures(place.complex.id, 1);
    const m = r.months[0];
    return { month: m.month, filed: m.set.counters.filed, resolved: m.set.counters.resolved, rated: m.set.counters.rated, satisfactionRate: m.set.rates.satisfaction };
  }
}
