import { TicketStatus } from '@msb/shared-types'
import { statusView } from './status'

describe('status labels', () => {
  it('names every state in Chinese', () => {
    expect(Object.fromEntries(Object.values(TicketStatus).map((s) => [s, statusView(s).label]))).toEqual({
      REPORTED: '待受理', ACCEPTED: '已受理', IN_PROGRESS: '处理中', DISPATCHED: '已转派', RESOLVED: '待评价',
      MEDIATING: '调解中', CLOSED: '已办结', REFUSED: '不予受理', WITHDRAWN: '已撤回', MERGED: '已合并',
      AWAITING_OWNER: '待补充',
    })
  })

  it('shows an unknown state as itself instead of crashing', () => {
    expect(statusView('NEW_STATE').label).toBe('NEW_STATE')
  })
})
