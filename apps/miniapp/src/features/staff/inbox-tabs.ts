import { TicketStatus as S } from '@msb/shared-types'
import type { InboxFilter, Tab } from '../../services/api/staff-operations'

/** The inbox tabs a worker sees: property staff and managers, or an outside department. */
export function inboxTabs(roles: readonly string[], userId: string): Tab[] {
  const property = roles.includes('STAFF') || roles.includes('PROJECT_MANAGER')
  if (!property && roles.includes('DEPT_HANDLER')) {
    return [
      { key: 'RECEIVE', filter: { statuses: [S.DISPATCHED] } },
      { key: 'HANDLING', filter: { statuses: [S.IN_PROGRESS] } },
      { key: 'RATING', filter: { statuses: [S.RESOLVED] } },
    ]
  }
  return [
    { key: 'NEW', filter: { statuses: [S.REPORTED] } },
    { key: 'MINE', filter: { assigneeId: userId, statuses: [S.ACCEPTED, S.IN_PROGRESS] } },
    { key: 'ACTIVE', filter: { statuses: [S.ACCEPTED, S.IN_PROGRESS] } },
    { key: 'DISPATCHED', filter: { statuses: [S.DISPATCHED] } },
    { key: 'RATING', filter: { statuses: [S.RESOLVED] } },
  ]
}

/** Where a signed-in worker lands. */
export function roleHome(roles: readonly string[]): string {
  if (roles.includes('STAFF') || roles.includes('PROJECT_MANAGER') || roles.includes('DEPT_HANDLER')) return '/staff/pages/inbox/index'
  if (roles.includes('MEDIATOR')) return '/mediator/pages/list/index'
  return '/pages/index/index'
}

export const countLabel = (n: number) => (n >= 50 ? '50+' : String(n))

export function commonFilter(categoryCode: string | null, complexId: number | null): InboxFilter {
  return { ...(categoryCode ? { categoryCodes: [categoryCode] } : {}), ...(complexId ? { complexId } : {}) }
}

/** Which form page an action opens (the rest run from the detail page directly). */
export function actionPage(action: string, ticketId: string): string | null {
  const q = `?id=${ticketId}`
  switch (action) {
    case 'ASSIGN': return `/staff/pages/assign/index${q}`
    case 'DISPATCH': return `/staff/pages/dispatch/index${q}`
    case 'RESOLVE': return `/staff/pages/resolve/index${q}&mode=resolve`
    case 'ADD_PROGRESS': return `/staff/pages/resolve/index${q}&mode=progress`
    case 'REFUSE': return `/staff/pages/reason/index${q}&mode=refuse`
    case 'RETURN_DISPATCH': return `/staff/pages/reason/index${q}&mode=return`
    case 'RECORD_MEDIATION': return `/mediator/pages/record/index${q}`
    default: return null
  }
}
