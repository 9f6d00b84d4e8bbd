import { appPages, pagePath, routes } from './routes'

describe('routes', () => {
  it('give app.config.ts a main package of entry pages and one subpackage per flow', () => {
    expect(appPages()).toEqual({
      pages: ['pages/index/index', 'pages/login/index'],
      subPackages: [
        { root: 'report', pages: ['pages/new/index', 'pages/done/index'] },
        { root: 'tickets', pages: ['pages/list/index', 'pages/detail/index', 'pages/messages/index', 'pages/legal/index', 'pages/followed/index', 'pages/shared/index'] },
        { root: 'staff', pages: ['pages/login/index', 'pages/inbox/index', 'pages/detail/index', 'pages/assign/index', 'pages/dispatch/index', 'pages/resolve/index', 'pages/reason/index', 'pages/hotline/index', 'pages/set-password/index', 'pages/merge/index', 'pages/bulk-assign/index', 'pages/case/index'] },
        { root: 'mediator', pages: ['pages/list/index', 'pages/record/index'] },
        { root: 'notifications', pages: ['pages/list/index'] },
        { root: 'oversight', pages: ['pages/home/index', 'pages/tickets/index', 'pages/supervise/index'] },
        { root: 'disclosure', pages: ['pages/month/index'] },
        { root: 'admin', pages: ['pages/home/index'] },
      ],
    })
  })

  it('build URLs with encoded query values and no empty ones', () => {
    expect(routes.home()).toBe('/pages/index/index')
    expect(routes.home('a b/c')).toBe('/pages/index/index?token=a%20b%2Fc')
    expect(routes.login('/report/pages/new/index?token=x')).toBe('/pages/login/index?redirect=%2Freport%2Fpages%2Fnew%2Findex%3Ftoken%3Dx')
    expect(routes.staffReason('7', 'return')).toBe('/staff/pages/reason/index?id=7&mode=return')
    expect(routes.report('')).toBe('/report/pages/new/index')
    expect(routes.staffHotline('7', 'extension')).toBe('/staff/pages/hotline/index?id=7&mode=extension')
    expect(routes.staffCase('7', 'decide')).toBe('/staff/pages/case/index?id=7&mode=decide')
    expect(routes.oversightHome()).toBe('/oversight/pages/home/index')
    expect(routes.oversightHome({ kind: 'COMPLEX', id: 3 }, 'MONTH:2026-12-01')).toBe('/oversight/pages/home/index?kind=COMPLEX&id=3&period=MONTH%3A2026-12-01')
    expect(routes.oversightTickets({ kind: 'STREET', id: 2 }, 'WEEK:2026-11-30', { open: true })).toBe('/oversight/pages/tickets/index?kind=STREET&id=2&period=WEEK%3A2026-11-30&open=1')
    expect(routes.reportDone({ id: '9', number: 'MSB-1', acceptBy: '2026-12-02T09:30:00.000Z', working: true })).toBe(
      '/report/pages/done/index?id=9&number=MSB-1&acceptBy=2026-12-02T09%3A30%3A00.000Z&working=1',
    )
  })

  it('turn a platform route into a URL path', () => {
    expect(pagePath('report/pages/new/index')).toBe('/report/pages/new/index')
    expect(pagePath('/report/pages/new/index')).toBe('/report/pages/new/index')
  })
})
