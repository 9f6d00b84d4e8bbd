import { TicketStatus as S } from '@msb/shared-types'
import type { InboxFilter, Tab } from '../../services/api/staff-operations'
import { routes } from '../../routes'

/** The inbox tabs a worker sees: property staff and managers, or an outside department. */
export function inboxTabs(roles: readonly string[], userId: string): Tab[] {
  const property = roles.includes('STAFF') || roles.includes('PROJECT_MANAGER')
  if (!property && (roles.includes('DEPT_HANDLER') || roles.includes('DEPT_HEAD'))) {
    return [
      { key: 'RECEIVE', filter: { statuses: [S.DISPATCHED] } },
      { key: 'HANDLING', filter: { statuses: [S.IN_PROGRESS, S.AWAITING_OWNER] } },
      { key: 'RATING', filter: { statuses: [S.RESOLVED] } },
    ]
  }
  return [
    { key: 'NEW', filter: { statuses: [S.REPORTED] } },
    // Waiting for the owner's answer stays in the handler's lists (its clock is paused, not done).
    { key: 'MINE', filter: { assigneeId: userId, statuses: [S.ACCEPTED, S.IN_PROGRESS, S.AWAITING_OWNER] } },
    { key: 'ACTIVE', filter: { statuses: [S.ACCEPTED, S.IN_PROGRESS, S.AWAITING_OWNER] } },
    { key: 'DISPATCHED', filter: { statuses: [S.DISPATCHED] } },
    { key: 'RATING', filter: { statuses: [S.RESOLVED] } },
  ]
}

/** Where a signed-in worker lands. */
export function roleHome(roles: readonly string[]): string {
  // Administrators land on their own home (places, people, posters), never on the owner's scan page.
  if (roles.includes('ADMIN') || roles.includes('COMPANY_ADMIN') || roles.includes('AREA_ADMIN')) return routes.adminHome()
  if (['STAFF', 'PROJECT_MANAGER', 'DEPT_HANDLER', 'DEPT_HEAD'].some((r) => roles.includes(r))) return routes.staffInbox()
  if (roles.includes('MEDIATOR')) return routes.mediatorList()
  // Oversight and admins read figures: their home is the scope they oversee, not the owner's landing.
  if (roles.includes('OVERSIGHT')) return routes.oversightHome()
  return routes.home()
}

export const countLabel = (n: number) => (n >= 50 ? '50+' : String(n))

export function commonFilter(categoryCode: string | null, complexId: number | null): InboxFilter {
  return { ...(categoryCode ? { categoryCodes: [categoryCode] } : {}), ...(complexId ? { complexId } : {}) }
}

/** Which form page an action opens (the rest run from the detail page directly). */
export function actionPage(action: string, ticketId: string): string | null {
  switch (action) {
    case 'ASSIGN': return routes.staffAssign(ticketId)
    case 'DISPATCH': return routes.staffDispatch(ticketId)
    case 'RESOLVE': return routes.staffResolve(ticketId, 'resolve')
    case 'ADD_PROGRESS': return routes.staffResolve(ticketId, 'progress')
    case 'REFUSE': return routes.staffReason(ticketId, 'refuse')
    case 'RETURN_DISPATCH': return routes.staffReason(ticketId, 'return')
    case 'MERGE': return routes.staffMerge(ticketId)
    case 'UNMERGE': return routes.staffReason(ticketId, 'unmerge')
    case 'COMMENT': return routes.staffResolve(ticketId, 'comment')
    case 'RECORD_MEDIATION': return routes.mediatorRecord(ticketId)
    case 'SUPERVISE': return routes.oversightSupervise(ticketId)
    case 'HOTLINE_RECORD_CONTACT': return routes.staffHotline(ticketId, 'contact')
    case 'HOTLINE_REQUEST_RETURN': return routes.staffHotline(ticketId, 'return')
    case 'HOTLINE_REQUEST_EXTENSION': return routes.staffHotline(ticketId, 'extension')
    case 'RECLASSIFY': return routes.staffCase(ticketId, 'reclassify')
    case 'REQUEST_INFO': return routes.staffCase(ticketId, 'ask')
    case 'REQUEST_EXTENSION': return routes.staffCase(ticketId, 'extension')
    case 'DECIDE_EXTENSION': return routes.staffCase(ticketId, 'decide')
    default: return null
  }
}
