import { STAFF_TICKET_SUMMARY } from './staff'

/**
 * The oversight (监督) screens: the viewer's scopes, a scope's figures for a period (day, week, month,
 * half-year, custom) with the previous one, the ranking of the units below it, its oldest open tickets and the tickets behind a figure.
 * Figures are computed by the BFF from ticket events (docs/figures.md); nothing is summed here.
 */
export const FIGURE_SCOPES = /* GraphQL */ `
  query FigureScopes {
    figureScopes {
      kind
      id
      name
    }
  }
`

export const FIGURE_SET_FIELDS = /* GraphQL */ `
  fragment FigureSetFields on FigureSet {
    counts {
      filed
      open
      resolved
      rated
      autoClosed
      urges
    }
    rates {
      response
      resolution
      satisfaction
      resolvedOnTime
    }
    slaMet
  }
`

/** A scope's period: the figures with the previous period's, the backlog and the categories. */
export const SCOPE_FIGURES = /* GraphQL */ `
  ${FIGURE_SET_FIELDS}
  query ScopeFigures($scope: FigureScopeInput!, $period: FigurePeriodInput!) {
    figures(scope: $scope, period: $period) {
      scope {
        kind
        id
        name
      }
      complexCount
      period {
        kind
        from
        to
      }
      previousPeriod {
        from
        to
      }
      backlog
      current {
        ...FigureSetFields
      }
      previous {
        ...FigureSetFields
      }
      byCategory {
        key
        name
        figures {
          counts {
            filed
          }
        }
      }
    }
  }
`

/** The same rates for the six periods (of the chosen kind) up to the chosen one, for the trend lines. */
export const SCOPE_TREND = /* GraphQL */ `
  fragment TrendMonth on Figures {
    period {
      from
    }
    current {
      counts {
        filed
      }
      rates {
        response
        resolution
        satisfaction
      }
      slaMet
    }
  }
  query ScopeTrend(
    $scope: FigureScopeInput!
    $p0: FigurePeriodInput!
    $p1: FigurePeriodInput!
    $p2: FigurePeriodInput!
    $p3: FigurePeriodInput!
    $p4: FigurePeriodInput!
    $p5: FigurePeriodInput!
  ) {
    t0: figures(scope: $scope, period: $p0) {
      ...TrendMonth
    }
    t1: figures(scope: $scope, period: $p1) {
      ...TrendMonth
    }
    t2: figures(scope: $scope, period: $p2) {
      ...TrendMonth
    }
    t3: figures(scope: $scope, period: $p3) {
      ...TrendMonth
    }
    t4: figures(scope: $scope, period: $p4) {
      ...TrendMonth
    }
    t5: figures(scope: $scope, period: $p5) {
      ...TrendMonth
    }
  }
`

export const SCOPE_RANKING = /* GraphQL */ `
  query ScopeRanking($scope: FigureScopeInput!, $level: RankLevel!, $period: FigurePeriodInput!) {
    ranking(scope: $scope, level: $level, period: $period) {
      level
      scheme {
        id
        version
        name
        minTickets
        items {
          item
          weight
        }
      }
      rows {
        rank
        filed
        score
        unit {
          kind
          id
          name
        }
        rates {
          response
          resolution
          satisfaction
        }
      }
    }
  }
`

export const OLDEST_OPEN = /* GraphQL */ `
  ${STAFF_TICKET_SUMMARY}
  query OldestOpen($scope: FigureScopeInput!, $first: Int) {
    oldestOpenTickets(scope: $scope, first: $first) {
      ...StaffTicketSummary
    }
  }
`

export const FIGURE_TICKETS = /* GraphQL */ `
  ${STAFF_TICKET_SUMMARY}
  query FigureTickets($scope: FigureScopeInput!, $period: FigurePeriodInput!, $openOnly: Boolean, $categoryCode: String, $first: Int, $after: String) {
    figureTickets(scope: $scope, period: $period, openOnly: $openOnly, categoryCode: $categoryCode, first: $first, after: $after) {
      nodes {
        ...StaffTicketSummary
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`

/** 督办: record-only (no version), answers the ticket's new timeline length and clocks. */
export const SUPERVISE_TICKET = /* GraphQL */ `
  mutation SuperviseTicket($input: SuperviseTicketInput!) {
    superviseTicket(input: $input) {
      id
      status
      version
    }
  }
`

export const EXPORT_FIELDS = /* GraphQL */ `
  fragment ExportFields on FigureExport {
    id
    status
    progress
    rowsTotal
    url
    fileName
    expiresAt
    error
  }
`

/** 导出: ≤ 2000 tickets answer DONE at once; a larger range answers QUEUED, then poll FIGURE_EXPORT. */
export const REQUEST_EXPORT = /* GraphQL */ `
  ${EXPORT_FIELDS}
  mutation RequestExport($input: ExportInput!) {
    requestExport(input: $input) {
      ...ExportFields
    }
  }
`

export const FIGURE_EXPORT = /* GraphQL */ `
  ${EXPORT_FIELDS}
  query FigureExport($id: ID!) {
    export(id: $id) {
      ...ExportFields
    }
  }
`
