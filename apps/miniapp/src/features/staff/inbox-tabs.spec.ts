import { actionPage, commonFilter, countLabel, inboxTabs, roleHome } from './inbox-tabs'

describe('staff inbox tabs', () => {
  it('property staff get five tabs, “mine” filtered to themselves', () => {
    const tabs = inboxTabs(['STAFF'], '7')
    expect(tabs.map((t) => t.key)).toEqual(['NEW', 'MINE', 'ACTIVE', 'DISPATCHED', 'RATING'])
    expect(tabs[1].filter).toEqual({ assigneeId: '7', statuses: ['ACCEPTED', 'IN_PROGRESS', 'AWAITING_OWNER'] })
  })
  it('an outside department gets receive / handling / rating', () => {
    expect(inboxTabs(['DEPT_HANDLER'], '9').map((t) => t.key)).toEqual(['RECEIVE', 'HANDLING', 'RATING'])
  })
  it('lands each role on its home and routes form actions to their pages', () => {
    expect(roleHome(['MEDIATOR'])).toBe('/mediator/pages/list/index')
    expect(roleHome(['DEPT_HANDLER'])).toBe('/staff/pages/inbox/index')
    expect(roleHome(['OVERSIGHT'])).toBe('/oversight/pages/home/index')
    expect(roleHome(['ADMIN'])).toBe('/admin/pages/home/index')
    expect(roleHome(['COMPANY_ADMIN', 'OWNER'])).toBe('/admin/pages/home/index')
    expect(roleHome(['AREA_ADMIN', 'OVERSIGHT'])).toBe('/admin/pages/home/index')
    expect(roleHome(['PROJECT_MANAGER', 'OVERSIGHT'])).toBe('/staff/pages/inbox/index')
    expect(roleHome(['OWNER'])).toBe('/pages/index/index')
    expect(actionPage('REFUSE', '3')).toBe('/staff/pages/reason/index?id=3&mode=refuse')
    expect(actionPage('START', '3')).toBeNull()
    expect(actionPage('SUPERVISE', '3')).toBe('/oversight/pages/supervise/index?id=3')
    expect(actionPage('HOTLINE_RECORD_CONTACT', '3')).toBe('/staff/pages/hotline/index?id=3&mode=contact')
    expect(actionPage('HOTLINE_REQUEST_RETURN', '3')).toBe('/staff/pages/hotline/index?id=3&mode=return')
    expect(countLabel(50)).toBe('50+')
    expect(commonFilter('ELEVATOR', 2)).toEqual({ categoryCodes: ['ELEVATOR'], complexId: 2 })
  })
})
