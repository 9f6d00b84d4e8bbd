import { eventActor, eventDetails, eventTitle } from './timeline'
import { formatTime } from './format'

describe('timeline entries', () => {
  it('names actions and SLA events in Chinese, unknown ones as themselves', () => {
    expect(eventTitle({ action: 'REPORT' })).toBe('反映问题')
    expect(eventTitle({ action: 'REQUEST_MEDIATION' })).toBe('申请调解')
    expect(eventTitle({ action: 'SLA_BREACH' })).toBe('已超时')
    expect(eventTitle({ action: 'SOMETHING_NEW' })).toBe('SOMETHING_NEW')
  })

  it('says who acted and in which role', () => {
    expect(eventActor({ actorName: '张师傅', actorRole: 'STAFF' })).toBe('张师傅 · 物业员工')
    expect(eventActor({ actorName: null, actorRole: 'SYSTEM' })).toBe('系统')
  })

  it('spells out a rating, a refusal, a dispatch and a mediation', () => {
    expect(eventDetails({ action: 'RATE', data: '{"solved":true,"satisfaction":2}' })).toEqual(['已解决 · ★★☆☆☆'])
    expect(eventDetails({ action: 'REFUSE', data: '{"refuseReason":"DUPLICATE","duplicateOfNumber":"MSB-20260701-0001"}' })).toEqual(['重复反映（MSB-20260701-0001）'])
    expect(eventDetails({ action: 'DISPATCH', data: '{"targetUnitName":"历下区城市管理局"}' })).toEqual(['转派至 历下区城市管理局'])
    expect(eventDetails({ action: 'RECORD_MEDIATION', data: '{"outcome":"AGREEMENT","place":"社区议事厅"}' })).toEqual(['达成调解协议', '地点：社区议事厅'])
    expect(eventDetails({ action: 'COMMENT', data: null })).toEqual([])
    expect(eventDetails({ action: 'SUPERVISE', data: '{"round":1}' })).toEqual([])
    expect(eventDetails({ action: 'SUPERVISE', data: '{"round":2,"deadline":"2026-12-01T09:30:00.000Z"}' })).toEqual(['第 2 次督办', `限 ${formatTime('2026-12-01T09:30:00.000Z')} 前办结`])
    expect(eventDetails({ action: 'HOTLINE_RECORD_CONTACT', data: '{"method":"visit"}' })).toEqual(['上门联系'])
    expect(eventDetails({ action: 'HOTLINE_REQUEST_RETURN', data: '{"basis":"《物业管理条例》第三十五条","suggestedUnit":null}' })).toEqual(['依据：《物业管理条例》第三十五条'])
    expect(eventDetails({ action: 'HOTLINE_REQUEST_EXTENSION', data: `{"requestedDeadline":"${new Date(new Date().getFullYear(), 11, 11, 16, 0).toISOString()}"}` })).toEqual(['申请延期至 12月11日 16:00'])
    expect(eventTitle({ action: 'HOTLINE_CALLER_REVEALED' })).toBe('查看了12345来电人')
    expect(eventTitle({ action: 'HOTLINE_REQUEST_RETURN' })).toBe('申请退回12345')
    expect(eventDetails({ action: 'RATE', data: '{oops' })).toEqual([])
  })

  it('says whom an assignment went to, where a duplicate was merged, and where a refusal points the owner', () => {
    expect(eventDetails({ action: 'ASSIGN', data: '{"assigneeId":"7"}', assigneeName: '张师傅' })).toEqual(['指派给 张师傅'])
    expect(eventDetails({ action: 'ACCEPT', data: null, assigneeName: '刘师傅' })).toEqual(['指派给 刘师傅'])
    expect(eventDetails({ action: 'MERGE', data: '{"intoTicketId":"9","intoNumber":"MSB-20261201-0002"}' })).toEqual(['并入工单 MSB-20261201-0002'])
    expect(eventDetails({ action: 'MERGED_IN', data: '{"fromNumber":"MSB-20261201-0003"}' })).toEqual(['工单 MSB-20261201-0003 并入本单'])
    expect(eventTitle({ action: 'MERGED_IN' })).toBe('并入重复工单')
    expect(eventTitle({ action: 'SUPPORT' })).toBe('我也遇到了')
    expect(eventDetails({ action: 'REFUSE', data: '{"refuseReason":"NOT_OUR_REMIT","suggestedUnitName":"城管局","suggestHotline":true}' })).toEqual(['不属于物业职责范围', '建议联系：城管局、12345 市民服务热线'])
  })
})
