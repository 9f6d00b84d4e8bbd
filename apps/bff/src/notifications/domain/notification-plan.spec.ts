import { MediationOutcome, NotificationKind as K, Priority, TicketAction as A, TicketStatus as S, WechatTemplateKey } from '@msb/shared-types';
import { planNotices, wechatData, wechatTemplateFor, type ChangeFacts } from './notification-plan';

const base: ChangeFacts = { action: A.ACCEPT, from: S.REPORTED, to: S.ACCEPTED, number: 'MSB-20261127-0001', text: '楼道灯坏了', priority: Priority.NORMAL, note: null, assigneeId: null };
const plan = (c: Partial<ChangeFacts>) => planNotices({ ...base, ...c }).map((p) => `${p.audience}:${p.kind}`);

describe('notification plan', () => {
  it('tells the owner their report was accepted, and the handler when one is assigned at once', () => {
    expect(plan({})).toEqual(['REPORTER:TICKET_ACCEPTED']);
    expect(plan({ assigneeId: '7' })).toEqual(['REPORTER:TICKET_ACCEPTED', 'HANDLER:TICKET_ASSIGNED']);
  });

  it('routes each handling step to the people who must act next', () => {
    expect(plan({ action: A.REFUSE, to: S.REFUSED })).toEqual(['REPORTER:TICKET_REFUSED']);
    expect(plan({ action: A.ASSIGN })).toEqual(['HANDLER:TICKET_ASSIGNED']);
    expect(plan({ action: A.DISPATCH, to: S.DISPATCHED })).toEqual(['DISPATCH_TARGET_UNIT:TICKET_DISPATCHED']);
    expect(plan({ action: A.RETURN_DISPATCH, to: S.IN_PROGRESS })).toEqual(['HANDLER:DISPATCH_RETURNED']);
    expect(plan({ action: A.RESOLVE, to: S.RESOLVED })).toEqual(['REPORTER:TICKET_RESOLVED']);
    expect(plan({ action: A.REOPEN, to: S.IN_PROGRESS })).toEqual(['HANDLER:TICKET_REOPENED']);
    expect(plan({ action: A.REQUEST_MEDIATION, to: S.MEDIATING })).toEqual(['COMMUNITY_MEDIATORS:MEDIATION_REQUESTED']);
  });

  it('an unsolved rating goes back to the handler; a solved one notifies nobody', () => {
    expect(plan({ action: A.RATE, from: S.RESOLVED, to: S.IN_PROGRESS })).toEqual(['HANDLER:TICKET_REOPENED']);
    expect(plan({ action: A.RATE, from: S.RESOLVED, to: S.CLOSED })).toEqual([]);
  });

  it('mediation outcomes: agreement tells the owner; back to handling tells handler and owner', () => {
    expect(plan({ action: A.RECORD_MEDIATION, from: S.MEDIATING, to: S.CLOSED, outcome: MediationOutcome.AGREEMENT })).toEqual(['REPORTER:MEDIATION_CLOSED']);
    expect(plan({ action: A.RECORD_MEDIATION, from: S.MEDIATING, to: S.IN_PROGRESS, outcome: MediationOutcome.BACK_TO_HANDLING })).toEqual(['HANDLER:MEDIATION_BACK_TO_HANDLING', 'REPORTER:MEDIATION_BACK_TO_HANDLING']);
  });

  it('only emergencies notify the intake desk on filing; comments and progress notify nobody', () => {
    expect(plan({ action: A.REPORT, from: null, to: S.REPORTED })).toEqual([]);
    expect(plan({ action: A.REPORT, from: null, to: S.REPORTED, priority: Priority.EMERGENCY })).toEqual([`COMPLEX_INTAKE:${K.EMERGENCY_REPORTED}`]);
    expect(plan({ action: A.COMMENT })).toEqual([]);
    expect(plan({ action: A.ADD_PROGRESS })).toEqual([]);
  });

  it('case handling: the owner hears of a new category and of a question; the handler of the answer, the decision and an urge; who answers for the handler of a request and an urge', () => {
    expect(plan({ action: A.RECLASSIFY, categoryName: '电梯管理' })).toEqual(['REPORTER:TICKET_RECLASSIFIED']);
    expect(planNotices({ ...base, action: A.RECLASSIFY, categoryName: '电梯管理', note: '实为电梯' })[0].body).toContain('现为：电梯管理');
    expect(plan({ action: A.REQUEST_INFO, to: S.AWAITING_OWNER })).toEqual(['REPORTER:INFO_REQUESTED']);
    expect(plan({ action: A.SUPPLY_INFO, from: S.AWAITING_OWNER, to: S.IN_PROGRESS })).toEqual(['HANDLER:INFO_SUPPLIED']);
    expect(plan({ action: A.CLOSE_UNANSWERED, from: S.AWAITING_OWNER, to: S.CLOSED })).toEqual(['REPORTER:CLOSED_UNANSWERED']);
    expect(plan({ action: A.REQUEST_EXTENSION })).toEqual(['HANDLER_MANAGERS:EXTENSION_REQUESTED']);
    const granted = planNotices({ ...base, action: A.DECIDE_EXTENSION, granted: true, until: new Date('2026-03-09T02:00:00Z') })[0];
    expect(granted).toMatchObject({ audience: 'HANDLER', kind: K.EXTENSION_DECIDED, title: expect.stringContaining('已批准') });
    expect(granted.body).toContain('2026-03-09 10:00');
    expect(planNotices({ ...base, action: A.DECIDE_EXTENSION, granted: false, note: '配件可在本地购买' })[0].title).toContain('未获批准');
    expect(plan({ action: A.URGE })).toEqual(['HANDLER:TICKET_URGED', 'HANDLER_MANAGERS:TICKET_URGED']);
  });

  it('督办 tells the handler and the managers; a second round says so, a deadline is in the body', () => {
    const one = planNotices({ ...base, action: A.SUPERVISE, from: S.IN_PROGRESS, to: S.IN_PROGRESS, note: '请今天内回复业主', round: 1 });
    expect(one.map((p) => [p.audience, p.kind, p.title, p.body])).toEqual([
      ['HANDLER_AND_MANAGERS', K.TICKET_SUPERVISED, '工单被督办（MSB-20261127-0001）', '请今天内回复业主'],
    ]);
    const two = planNotices({ ...base, action: A.SUPERVISE, note: '仍未处理', round: 2, deadline: new Date('2026-11-28T09:00:00Z') });
    expect(two.map((p) => [p.title, p.body])).toEqual([['工单被再次督办（第2次）（MSB-20261127-0001）', '仍未处理，限 2026-11-28 17:00 前办结']]);
  });

  it('titles carry the ticket number', () => {
    expect(planNotices(base)[0].title).toContain('MSB-20261127-0001');
  });

  it('owners get WeChat messages on accept and resolve only, within WeChat field limits', () => {
    expect(wechatTemplateFor(A.ACCEPT)).toBe(WechatTemplateKey.ACCEPTED);
    expect(wechatTemplateFor(A.RESOLVE)).toBe(WechatTemplateKey.RESOLVED);
    expect(wechatTemplateFor(A.ASSIGN)).toBeNull();
    const d = wechatData(WechatTemplateKey.RESOLVED, { number: 'MSB-20261127-0001', subject: '一'.repeat(50), at: new Date('2026-11-27T01:30:00Z') });
    expect(d.thing2.value).toHaveLength(20);
    expect(d.time4.value).toBe('2026-11-27 09:30');
    expect(d.phrase3.value.length).toBeLessThanOrEqual(5);
  });
});
