/**
 * Every page of the app, in one place: app.config.ts lists its pages from here and every navigation
 * builds its URL here. A page is `/<package>/pages/<name>/index`; the main package has no prefix.
 */
export const PAGES = {
  home: '/pages/index/index',
  login: '/pages/login/index',
  report: '/report/pages/new/index',
  myTickets: '/tickets/pages/list/index',
  ticket: '/tickets/pages/detail/index',
  staffLogin: '/staff/pages/login/index',
  staffInbox: '/staff/pages/inbox/index',
  staffTicket: '/staff/pages/detail/index',
  staffAssign: '/staff/pages/assign/index',
  staffDispatch: '/staff/pages/dispatch/index',
  staffResolve: '/staff/pages/resolve/index',
  staffReason: '/staff/pages/reason/index',
  staffHotline: '/staff/pages/hotline/index',
  mediatorList: '/mediator/pages/list/index',
  mediatorRecord: '/mediator/pages/record/index',
  notifications: '/notifications/pages/list/index',
  oversightHome: '/oversight/pages/home/index',
  oversightTickets: '/oversight/pages/tickets/index',
  oversightSupervise: '/oversight/pages/supervise/index',
  disclosure: '/disclosure/pages/month/index',
  adminHome: '/admin/pages/home/index',
  staffSetPassword: '/staff/pages/set-password/index',
  reportDone: '/report/pages/done/index',
  ownerMessages: '/tickets/pages/messages/index',
  agreement: '/tickets/pages/legal/index',
  followed: '/tickets/pages/followed/index',
  staffMerge: '/staff/pages/merge/index',
  staffBulkAssign: '/staff/pages/bulk-assign/index',
  sharedTicket: '/tickets/pages/shared/index',
  staffCase: '/staff/pages/case/index',
} as const

export type PageName = keyof typeof PAGES

/** The main package: only the pages a QR code or sign-in opens (WeChat caps its size). */
export const MAIN_PAGES: readonly PageName[] = ['home', 'login']

function url(path: string, query: Record<string, string | undefined> = {}): string {
  const q = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return q ? `${path}?${q}` : path
}

export const routes = {
  home: (token?: string) => url(PAGES.home, { token }),
  /** `redirect`: the page to come back to after sign-in. */
  login: (redirect?: string) => url(PAGES.login, { redirect }),
  report: (token?: string) => url(PAGES.report, { token }),
  myTickets: () => PAGES.myTickets,
  ticket: (id: string) => url(PAGES.ticket, { id }),
  staffLogin: () => PAGES.staffLogin,
  staffInbox: () => PAGES.staffInbox,
  staffTicket: (id: string) => url(PAGES.staffTicket, { id }),
  staffAssign: (id: string) => url(PAGES.staffAssign, { id }),
  staffDispatch: (id: string) => url(PAGES.staffDispatch, { id }),
  staffResolve: (id: string, mode: 'resolve' | 'progress' | 'comment') => url(PAGES.staffResolve, { id, mode }),
  staffReason: (id: string, mode: 'refuse' | 'return' | 'unmerge') => url(PAGES.staffReason, { id, mode }),
  /** The 12345 desk: record contact with the caller, ask the hotline to take it back, ask for more time. */
  staffHotline: (id: string, mode: 'contact' | 'return' | 'extension') => url(PAGES.staffHotline, { id, mode }),
  /** Case handling: reclassify, ask the owner, ask for more time, decide an extension. */
  staffCase: (id: string, mode: 'reclassify' | 'ask' | 'extension' | 'decide') => url(PAGES.staffCase, { id, mode }),
  mediatorList: () => PAGES.mediatorList,
  mediatorRecord: (id: string) => url(PAGES.mediatorRecord, { id }),
  notifications: () => PAGES.notifications,
  /** Administrators' home: places, people, posters, import, audit. */
  adminHome: () => PAGES.adminHome,
  /** An invited or reset account sets its password with a one-time code. */
  staffSetPassword: () => PAGES.staffSetPassword,
  /** A scope's figures for a period (`period`: "MONTH:2026-03-01", "CUSTOM:2026-01-05:2026-02-03"; a legacy `month` YYYY-MM is read too); no scope: the viewer's own (their home). */
  oversightHome: (scope?: { kind: string; id: number }, period?: string) =>
    url(PAGES.oversightHome, { kind: scope?.kind, id: scope ? String(scope.id) : undefined, period }),
  /** The tickets behind a scope's period; `open`: only those still with the handling side. */
  oversightTickets: (scope: { kind: string; id: number; name?: string }, period: string, opts: { open?: boolean; category?: string } = {}) =>
    url(PAGES.oversightTickets, { kind: scope.kind, id: String(scope.id), period, open: opts.open ? '1' : undefined, category: opts.category, name: scope.name }),
  /** 督办 a ticket (note, optional deadline). */
  oversightSupervise: (id: string) => url(PAGES.oversightSupervise, { id }),
  /** 公示: the scanned complex's 12 months (public, by its QR token). */
  disclosure: (token: string) => url(PAGES.disclosure, { token }),
  /** After 提交: the ticket number and when it will be accepted (`acceptBy` ISO, `working` = working-hours calendar). */
  reportDone: (p: { id: string; number: string; acceptBy?: string | null; working?: boolean }) =>
    url(PAGES.reportDone, { id: p.id, number: p.number, acceptBy: p.acceptBy ?? undefined, working: p.working ? '1' : undefined }),
  ownerMessages: () => PAGES.ownerMessages,
  /** 用户服务协议 or 隐私政策. */
  agreement: (doc: 'terms' | 'privacy') => url(PAGES.agreement, { doc }),
  /** Another owner's report the owner follows ("me too", or theirs merged into it), as a public summary; no id: the list. */
  followed: (id?: string) => url(PAGES.followed, { id }),
  /** Merge a duplicate into another open ticket of the complex. */
  staffMerge: (id: string) => url(PAGES.staffMerge, { id }),
  /** 批量指派: several tickets, each with the version the manager saw (id.version, comma-separated), to one handler of the complex. */
  staffBulkAssign: (complexId: number, items: readonly { id: string; version: number }[]) =>
    url(PAGES.staffBulkAssign, { complex: String(complexId), items: items.map((i) => `${i.id}.${i.version}`).join(',') }),
  /** A family link: one ticket, read-only, by its share token (the BFF hands out the same path). */
  sharedTicket: (token: string) => url(PAGES.sharedTicket, { s: token }),
}

/** A page's route as a URL path: weapp says `report/pages/new/index`, H5 may say `/report/pages/new/index`. */
export function pagePath(route: string): string {
  return `/${route.replace(/^\/+/, '')}`
}

/** app.config.ts's `pages` and `subPackages`, grouped by each path's first segment. */
export function appPages(): { pages: string[]; subPackages: { root: string; pages: string[] }[] } {
  const main = MAIN_PAGES.map((n) => PAGES[n].slice(1))
  const subPackages: { root: string; pages: string[] }[] = []
  for (const [name, path] of Object.entries(PAGES) as [PageName, string][]) {
    if (MAIN_PAGES.includes(name)) continue
    const [, root, ...rest] = path.split('/')
    let pkg = subPackages.find((p) => p.root === root)
    if (!pkg) subPackages.push((pkg = { root, pages: [] }))
    pkg.pages.push(rest.join('/'))
  }
  return { pages: main, subPackages }
}
