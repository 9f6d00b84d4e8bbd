/**
 * The oversight API: each document (./documents/oversight.ts) with its generated types from
 * @msb/shared-types. Kept apart from ./operations so the main package does not carry it.
 */
import type {
  FigurePeriodInput, FigureScopeInput, FigureScopeKind, FigureScopesQuery, FigureTicketsQuery, FigureTicketsQueryVariables, OldestOpenQuery,
  OldestOpenQueryVariables, RankLevel, ScopeFiguresQuery, ScopeFiguresQueryVariables, ScopeRankingQuery, ScopeRankingQueryVariables,
  ScopeTrendQuery, ScopeTrendQueryVariables, SuperviseTicketInput, SuperviseTicketMutation, ExportFormat, ExportInput,
  RequestExportMutation, FigureExportQuery, FigureExportQueryVariables,
} from '@msb/shared-types'
import { api } from './client'
import { FIGURE_SCOPES, FIGURE_TICKETS, OLDEST_OPEN, SCOPE_FIGURES, SCOPE_RANKING, SCOPE_TREND, SUPERVISE_TICKET, REQUEST_EXPORT, FIGURE_EXPORT } from './documents/oversight'

export type { FigureScopeKind, RankLevel, ExportFormat }
export type ScopeRef = FigureScopeInput
export type FigureScope = FigureScopesQuery['figureScopes'][number]
export type ScopeFigures = ScopeFiguresQuery['figures']
export type FigureSetView = ScopeFigures['current']
export type Ranking = ScopeRankingQuery['ranking']
export type RankingRow = Ranking['rows'][number]
export type TrendMonth = ScopeTrendQuery['t0']
export type FigureTicketPage = FigureTicketsQuery['figureTickets']

export const figureScopes = () => api.request<FigureScopesQuery>(FIGURE_SCOPES).then((d) => d.figureScopes)

/** A period's figures with the period before. */
export const scopeFigures = (scope: ScopeRef, period: FigurePeriodInput) =>
  api.request<ScopeFiguresQuery, ScopeFiguresQueryVariables>(SCOPE_FIGURES, { scope, period }).then((d) => d.figures)

/** Six periods, oldest first. */
export const scopeTrend = (scope: ScopeRef, periods: readonly FigurePeriodInput[]): Promise<TrendMonth[]> => {
  if (periods.length !== 6) throw new Error('scopeTrend: six periods')
  const [p0, p1, p2, p3, p4, p5] = periods
  return api.request<ScopeTrendQuery, ScopeTrendQueryVariables>(SCOPE_TREND, { scope, p0, p1, p2, p3, p4, p5 }).then((d) => [d.t0, d.t1, d.t2, d.t3, d.t4, d.t5])
}

export const scopeRanking = (scope: ScopeRef, level: RankLevel, period: FigurePeriodInput) =>
  api.request<ScopeRankingQuery, ScopeRankingQueryVariables>(SCOPE_RANKING, { scope, level, period }).then((d) => d.ranking)

export const oldestOpen = (scope: ScopeRef, first = 5) =>
  api.request<OldestOpenQuery, OldestOpenQueryVariables>(OLDEST_OPEN, { scope, first }).then((d) => d.oldestOpenTickets)

export const figureTickets = (v: { scope: ScopeRef; period: FigurePeriodInput; openOnly?: boolean; categoryCode?: string | null; after?: string | null; first?: number }) =>
  api
    .request<FigureTicketsQuery, FigureTicketsQueryVariables>(FIGURE_TICKETS, {
      scope: v.scope, period: v.period, openOnly: v.openOnly ?? null, categoryCode: v.categoryCode ?? null, after: v.after ?? null, first: v.first ?? 20,
    })
    .then((d) => d.figureTickets)

/** 督办: a note (2–500) and an optional deadline (ISO, later than now, ≤ 90 days). */
export const superviseTicket = (input: SuperviseTicketInput) =>
  api.request<SuperviseTicketMutation, { input: SuperviseTicketInput }>(SUPERVISE_TICKET, { input }).then((d) => d.superviseTicket)

export type FigureExportJob = RequestExportMutation['requestExport']

/** 导出 a scope's period as XLSX (figures + tickets) or CSV (tickets); answers DONE at once for small ranges. */
export const requestExport = (input: ExportInput): Promise<FigureExportJob> =>
  api.request<RequestExportMutation, { input: ExportInput }>(REQUEST_EXPORT, { input }).then((d) => d.requestExport)

/** The job's state while it runs (poll). */
export const figureExport = (id: string): Promise<FigureExportJob> =>
  api.request<FigureExportQuery, FigureExportQueryVariables>(FIGURE_EXPORT, { id }).then((d) => d.export)
