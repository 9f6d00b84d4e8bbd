import {
  ErrorCode, MediationOutcome, Priority, RefuseReason, Role, TicketAction as A, TicketStatus, UnitKind, allRules, nextStatus, type TransitionRule,
} from '@msb/shared-types';
import { DomainError } from '../../common/domain-error';
import {
  ACTION_INPUTS, isUserAction, needsOf, prepareAction, type ActionContext, type ActionInput, type Found, type UserAction,
} from './action-inputs';

const NOW = new Date('2026-03-02T08:00:00Z');
const TICKET = {
  id: '900', complexId: 1, companyId: 100, assigneeId: '11', handlingUnitId: null, dispatchTargetUnitId: 7, categoryCode: 'FACILITIES', priority: Priority.NORMAL,
  extensionRequestedUntil: new Date('2026-03-06T08:00:00Z'),
};
const DEPT = { id: 7, name: '城管', kind: UnitKind.DEPARTMENT, companyId: null };

/** A valid input for each action, with what its lookups answer. */
const VALID: Record<UserAction, { raw: Omit<ActionInput, 'ticketId'>; found?: Found; role?: Role }> = {
  ACCEPT: { raw: {}, found: { assigneeIsHandler: true }, role: Role.STAFF },
  REFUSE: { raw: { refuseReason: RefuseReason.NOT_OUR_REMIT, note: '属于市政管网', suggestedUnitId: 7 }, found: { unit: DEPT, declinedBy: '甲物业' } },
  ASSIGN: { raw: { assigneeId: '12' }, found: { assigneeIsHandler: true }, role: Role.PROJECT_MANAGER },
  START: { raw: {} },
  ADD_PROGRESS: { raw: { note: '师傅明天到场' } },
  DISPATCH: { raw: { targetUnitId: 7, reason: '占道经营需城管处理' }, found: { unit: DEPT } },
  ACCEPT_DISPATCH: { raw: {} },
  RETURN_DISPATCH: { raw: { reason: '不属于本单位职责' } },
  RESOLVE: { raw: { note: '已更换灯泡' } },
  RATE: { raw: { solved: false, satisfaction: 2 } },
  REOPEN: { raw: { reason: '灯又不亮了' } },
  REQUEST_MEDIATION: { raw: { reason: '对结果不满意' } },
  RECORD_MEDIATION: { raw: { outcome: MediationOutcome.BACK_TO_HANDLING, meetingAt: new Date('2026-03-01T02:00:00Z'), place: '社区会议室', participants: '业主、物业经理', note: '三日内修复' } },
  WITHDRAW: { raw: {} },
  COMMENT: { raw: { note: '请尽快处理' } },
  HOTLINE_RECORD_CONTACT: { raw: { method: 'phone', note: '已电话联系，约定明早上门' }, role: Role.STAFF },
  HOTLINE_REQUEST_RETURN: { raw: { reason: '属于市政路灯', basis: '《济南市城市照明管理办法》第八条' }, role: Role.PROJECT_MANAGER },
  HOTLINE_REQUEST_EXTENSION: { raw: { reason: '需等配件到货', requestedDeadline: '2026-03-12T08:00:00Z' }, role: Role.STAFF },
  SUPERVISE: { raw: { note: '请今日内联系业主' }, found: { prior: 0 }, role: Role.OVERSIGHT },
  SUPPORT: { raw: { qrToken: 'qr' }, found: { qrComplexId: 1, following: false } },
  MERGE: { raw: { intoTicketId: '901' }, found: { into: { id: '901', number: 'M-2', complexId: 1, status: TicketStatus.ACCEPTED } }, role: Role.STAFF },
  UNMERGE: { raw: { reason: '不是同一个问题' }, found: { mergedInto: { id: '901', number: 'M-2' } }, role: Role.STAFF },
  RECLASSIFY: { raw: { categoryCode: 'ELEVATOR', reason: '实为电梯故障' }, found: { category: { code: 'ELEVATOR', name: '电梯管理' } }, role: Role.STAFF },
  REQUEST_INFO: { raw: { note: '请拍一张漏水位置的照片' }, role: Role.STAFF },
  SUPPLY_INFO: { raw: { note: '在卫生间顶上，已拍照' } },
  REQUEST_EXTENSION: { raw: { reason: '需等配件到货', requestedDeadline: '2026-03-12T08:00:00Z' }, role: Role.STAFF },
  DECIDE_EXTENSION: { raw: { granted: true }, role: Role.PROJECT_MANAGER },
  URGE: { raw: {} },
};

const ctx = (action: UserAction, raw: Omit<ActionInput, 'ticketId'>, role = VALID[action].role ?? Role.OWNER, userId = '11'): ActionContext => ({
  viewer: { userId }, role, ticket: TICKET, raw: { ticketId: TICKET.id, ...raw }, now: NOW,
});

function failure(fn: () => unknown): { code: ErrorCode; field?: unknown } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, ...(e.details && 'field' in e.details ? { field: e.details.field } : {}) };
    throw e;
  }
  throw new Error('expected a DomainError');
}

const userRules = allRules().filter((r): r is TransitionRule & { action: UserAction } => isUserAction(r.action));

describe('action input rules over every cell of the lifecycle table', () => {
  it('has one rule for every action a person takes, and none for filing or the scheduler', () => {
    expect(Object.keys(ACTION_INPUTS).sort()).toEqual(Object.values(A).filter((a) => a !== A.REPORT && a !== A.AUTO_CLOSE && a !== A.CLOSE_UNANSWERED).sort());
    expect(isUserAction(A.AUTO_CLOSE)).toBe(false);
    expect(isUserAction(A.CLOSE_UNANSWERED)).toBe(false);
  });

  it.each(userRules.map((r) => [`${r.from} × ${r.action}`, r] as const))('%s: a valid input leads to one of the cell’s outcomes', (_n, rule) => {
    const { raw, found = {} } = VALID[rule.action];
    const p = prepareAction(rule.action, ctx(rule.action, raw), found);
    const to = nextStatus(rule, p.outcome);
    expect(rule.outcomes.map((o) => o.to)).toContain(to);
    if (typeof rule.to === 'string') expect(p.outcome).toBeUndefined();
    else expect(Object.keys(rule.to)).toContain(p.outcome);
    // A record-only action leaves the ticket's own fields alone.
    if (!rule.changesState) expect(p.changes).toEqual({});
  });

  it.each(Object.keys(ACTION_INPUTS) as UserAction[])('%s: checks its note (required or optional, and its length)', (action) => {
    const rule = ACTION_INPUTS[action].note;
    const { raw, found = {} } = VALID[action];
    const missing = { ...raw, note: undefined, reason: undefined };
    if (rule.required) expect(failure(() => prepareAction(action, ctx(action, missing), found))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: rule.field });
    else expect(prepareAction(action, ctx(action, missing), found).note).toBeNull();
    const long = { ...raw, [rule.field]: '字'.repeat(2001) };
    expect(failure(() => prepareAction(action, ctx(action, long), found))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: rule.field });
  });

  it('asks to look up only what the action’s input names', () => {
    expect(needsOf(A.ACCEPT, ctx(A.ACCEPT, {}))).toEqual({ assigneeId: '11' });
    expect(needsOf(A.ACCEPT, ctx(A.ACCEPT, {}, Role.PROJECT_MANAGER))).toEqual({});
    expect(needsOf(A.ASSIGN, ctx(A.ASSIGN, { assigneeId: 'x' }))).toEqual({});
    expect(needsOf(A.REFUSE, ctx(A.REFUSE, { refuseReason: RefuseReason.DUPLICATE, duplicateOfNumber: ' M-1 ' }))).toEqual({ duplicateOfNumber: 'M-1', declinedBy: true });
    expect(needsOf(A.REFUSE, ctx(A.REFUSE, { refuseReason: RefuseReason.OTHER, duplicateOfNumber: 'M-1', suggestedUnitId: 7 }))).toEqual({ declinedBy: true });
    expect(needsOf(A.REFUSE, ctx(A.REFUSE, { refuseReason: RefuseReason.NOT_OUR_REMIT, suggestedUnitId: 7 }))).toEqual({ unitId: 7, declinedBy: true });
    expect(needsOf(A.MERGE, ctx(A.MERGE, { intoTicketId: '1 OR 1=1' }))).toEqual({});
    expect(needsOf(A.MERGE, ctx(A.MERGE, { intoTicketId: '901' }))).toEqual({ intoTicketId: '901' });
    expect(needsOf(A.DISPATCH, ctx(A.DISPATCH, { targetUnitId: 7 }))).toEqual({ unitId: 7 });
    for (const a of [A.START, A.RESOLVE, A.RATE, A.COMMENT] as const) expect(needsOf(a, ctx(a, VALID[a].raw))).toEqual({});
  });

  it('accepting: a staff member takes it themselves; assigning someone else is for managers', () => {
    expect(prepareAction(A.ACCEPT, ctx(A.ACCEPT, {}), { assigneeIsHandler: true })).toMatchObject({ changes: { assigneeId: '11', acceptedAt: NOW }, data: { assigneeId: '11' } });
    expect(prepareAction(A.ACCEPT, ctx(A.ACCEPT, {}, Role.PROJECT_MANAGER), {})).toMatchObject({ changes: { assigneeId: null }, data: null });
    expect(failure(() => prepareAction(A.ACCEPT, ctx(A.ACCEPT, { assigneeId: '12' }), { assigneeIsHandler: true }))).toEqual({ code: ErrorCode.FORBIDDEN });
    expect(failure(() => prepareAction(A.ASSIGN, ctx(A.ASSIGN, { assigneeId: '12' }), { assigneeIsHandler: false }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'assigneeId' });
    expect(failure(() => prepareAction(A.ASSIGN, ctx(A.ASSIGN, { assigneeId: '11' }), { assigneeIsHandler: true }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'assigneeId' });
    expect(failure(() => prepareAction(A.ASSIGN, ctx(A.ASSIGN, {}), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'assigneeId' });
  });

  it('refusing as a duplicate needs another ticket of the same complex', () => {
    const dup = (d: Found['duplicate']) => () => prepareAction(A.REFUSE, ctx(A.REFUSE, { refuseReason: RefuseReason.DUPLICATE, duplicateOfNumber: 'M-1', note: '重复反映' }), { duplicate: d });
    expect(dup({ id: '5', number: 'M-1', complexId: 1 })()).toMatchObject({ data: { refuseReason: 'DUPLICATE', duplicateOfNumber: 'M-1', duplicateOfId: '5' }, changes: { closedAt: NOW } });
    for (const bad of [null, { id: '5', number: 'M-1', complexId: 2 }, { id: '900', number: 'M-0', complexId: 1 }]) {
      expect(failure(dup(bad))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'duplicateOfNumber' });
    }
    expect(failure(() => prepareAction(A.REFUSE, ctx(A.REFUSE, { refuseReason: 'NOPE' as RefuseReason, note: '说明' }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'reason' });
  });

  it('a "not our remit" refusal names who declined and where to go instead: a listed outside department, or 12345', () => {
    const refuse = (raw: Omit<ActionInput, 'ticketId'>, found: Found = { unit: DEPT, declinedBy: '甲物业' }) => () =>
      prepareAction(A.REFUSE, ctx(A.REFUSE, { refuseReason: RefuseReason.NOT_OUR_REMIT, note: '属于市政管网', ...raw }), found);
    expect(refuse({ suggestedUnitId: 7 })().data).toEqual({ refuseReason: 'NOT_OUR_REMIT', declinedBy: '甲物业', suggestedUnitId: 7, suggestedUnitName: '城管' });
    expect(refuse({ suggestHotline: true }, { declinedBy: '甲物业' })().data).toEqual({ refuseReason: 'NOT_OUR_REMIT', declinedBy: '甲物业', suggestHotline: true });
    expect(failure(refuse({}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'suggestedUnitId' });
    expect(failure(refuse({ suggestedUnitId: 8 }, { unit: { id: 8, name: '工程部', kind: UnitKind.PROPERTY_TEAM, companyId: 100 } }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'suggestedUnitId' });
    expect(failure(refuse({ suggestedUnitId: 99 }, { unit: null }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'suggestedUnitId' });
  });

  it('merging goes only into another open ticket of the same complex; unmerging records where it came back from', () => {
    const into = (x: Found['into']) => () => prepareAction(A.MERGE, ctx(A.MERGE, { intoTicketId: x?.id ?? '5' }, Role.STAFF), { into: x });
    expect(into({ id: '901', number: 'M-2', complexId: 1, status: TicketStatus.IN_PROGRESS })()).toEqual({ changes: { closedAt: NOW }, data: { intoTicketId: '901', intoNumber: 'M-2' }, note: null });
    for (const bad of [null, { id: '901', number: 'M-2', complexId: 2, status: TicketStatus.ACCEPTED }, { id: '900', number: 'M-0', complexId: 1, status: TicketStatus.ACCEPTED },
      ...[TicketStatus.MERGED, TicketStatus.CLOSED, TicketStatus.RESOLVED, TicketStatus.REFUSED, TicketStatus.WITHDRAWN, TicketStatus.MEDIATING].map((status) => ({ id: '901', number: 'M-2', complexId: 1, status }))]) {
      expect(failure(into(bad))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'intoTicketId' });
    }
    expect(failure(() => prepareAction(A.MERGE, ctx(A.MERGE, {}, Role.STAFF), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'intoTicketId' });
    expect(prepareAction(A.UNMERGE, ctx(A.UNMERGE, VALID.UNMERGE.raw, Role.STAFF), VALID.UNMERGE.found!)).toEqual({
      changes: { closedAt: null, assigneeId: null, handlingUnitId: null }, data: { fromTicketId: '901', fromNumber: 'M-2' }, note: '不是同一个问题',
    });
  });

  it('"me too" needs a QR code of the ticket\'s complex (anything else answers NOT_FOUND) and only once per owner', () => {
    const sup = (found: Found) => () => prepareAction(A.SUPPORT, ctx(A.SUPPORT, { qrToken: 'qr' }, Role.OWNER, '2'), found);
    expect(sup({ qrComplexId: 1, following: false })()).toEqual({ changes: {}, data: null, note: null });
    expect(failure(sup({ qrComplexId: 2, following: false }))).toEqual({ code: ErrorCode.NOT_FOUND });
    expect(failure(sup({ qrComplexId: null, following: false }))).toEqual({ code: ErrorCode.NOT_FOUND });
    expect(failure(sup({ qrComplexId: 1, following: true }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'ticketId' });
  });

  it('dispatching goes to an outside department or a team of the same company, never where it already is', () => {
    const go = (unit: Found['unit'], handlingUnitId: number | null = null) => () =>
      prepareAction(A.DISPATCH, { ...ctx(A.DISPATCH, { targetUnitId: unit?.id ?? 1, reason: '需要转派' }), ticket: { ...TICKET, handlingUnitId } }, { unit });
    expect(go({ id: 8, name: '工程部', kind: UnitKind.PROPERTY_TEAM, companyId: 100 })()).toMatchObject({ changes: { dispatchTargetUnitId: 8 } });
    expect(failure(go({ id: 9, name: '别家工程部', kind: UnitKind.PROPERTY_TEAM, companyId: 200 }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'targetUnitId' });
    expect(failure(go(DEPT, 7))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'targetUnitId' });
    expect(failure(go(null))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'targetUnitId' });
  });

  it('rating and mediation choose the outcome; each outcome sets its own fields', () => {
    const rate = (solved: boolean) => prepareAction(A.RATE, ctx(A.RATE, { solved, satisfaction: 4 }), {});
    expect(rate(true)).toMatchObject({ outcome: 'solved', changes: { ratingSolved: true, ratingScore: 4, ratedAt: NOW, closedAt: NOW } });
    expect(rate(false).changes).not.toHaveProperty('closedAt');
    expect(failure(() => prepareAction(A.RATE, ctx(A.RATE, { satisfaction: 4 }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'solved' });
    expect(failure(() => prepareAction(A.RATE, ctx(A.RATE, { solved: true, satisfaction: 6 }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'satisfaction' });
    const med = VALID.RECORD_MEDIATION.raw;
    expect(prepareAction(A.RECORD_MEDIATION, ctx(A.RECORD_MEDIATION, med), {})).toMatchObject({ outcome: 'BACK_TO_HANDLING', changes: { resolvedAt: null } });
    expect(prepareAction(A.RECORD_MEDIATION, ctx(A.RECORD_MEDIATION, { ...med, outcome: MediationOutcome.AGREEMENT }), {})).toMatchObject({ outcome: 'AGREEMENT', changes: { closedAt: NOW } });
    expect(failure(() => prepareAction(A.RECORD_MEDIATION, ctx(A.RECORD_MEDIATION, { ...med, meetingAt: new Date('x') }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'meetingAt' });
    expect(failure(() => prepareAction(A.RECORD_MEDIATION, ctx(A.RECORD_MEDIATION, { ...med, place: '' }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'place' });
  });

  it('the 12345 desk: how the caller was contacted, the basis of a return, a deadline later than now; each lands on the event for the outbox', () => {
    expect(prepareAction(A.HOTLINE_RECORD_CONTACT, ctx(A.HOTLINE_RECORD_CONTACT, VALID.HOTLINE_RECORD_CONTACT.raw), {})).toEqual({ changes: {}, data: { method: 'phone' }, note: '已电话联系，约定明早上门' });
    expect(failure(() => prepareAction(A.HOTLINE_RECORD_CONTACT, ctx(A.HOTLINE_RECORD_CONTACT, { method: 'pigeon', note: '飞鸽传书' }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'method' });
    expect(prepareAction(A.HOTLINE_REQUEST_RETURN, ctx(A.HOTLINE_REQUEST_RETURN, { ...VALID.HOTLINE_REQUEST_RETURN.raw, suggestedUnit: ' 城市照明管理处 ' }), {}))
      .toEqual({ changes: {}, data: { basis: '《济南市城市照明管理办法》第八条', suggestedUnit: '城市照明管理处' }, note: '属于市政路灯' });
    expect(failure(() => prepareAction(A.HOTLINE_REQUEST_RETURN, ctx(A.HOTLINE_REQUEST_RETURN, { reason: '属于市政路灯', basis: ' ' }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'basis' });
    expect(prepareAction(A.HOTLINE_REQUEST_EXTENSION, ctx(A.HOTLINE_REQUEST_EXTENSION, VALID.HOTLINE_REQUEST_EXTENSION.raw), {}).data).toEqual({ requestedDeadline: '2026-03-12T08:00:00.000Z' });
    for (const bad of [null, 'soon', NOW.toISOString(), '2026-03-01T08:00:00Z']) {
      expect(failure(() => prepareAction(A.HOTLINE_REQUEST_EXTENSION, ctx(A.HOTLINE_REQUEST_EXTENSION, { reason: '需等配件', requestedDeadline: bad }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'requestedDeadline' });
    }
  });

  it('督办: counts its round from the ones before; a deadline must lie ahead, at most 90 days', () => {
    const sup = (raw: Omit<ActionInput, 'ticketId'>, prior = 0) => prepareAction(A.SUPERVISE, ctx(A.SUPERVISE, { note: '请加快办理', ...raw }, Role.OVERSIGHT), { prior });
    expect(needsOf(A.SUPERVISE, ctx(A.SUPERVISE, {}, Role.OVERSIGHT))).toEqual({ priorOf: A.SUPERVISE });
    expect(sup({})).toEqual({ changes: {}, data: { round: 1 }, note: '请加快办理' });
    expect(sup({}, 2).data).toEqual({ round: 3 });
    expect(sup({ deadline: new Date(+NOW + 3600_000) }).data).toEqual({ round: 1, deadline: '2026-03-02T09:00:00.000Z' });
    expect(sup({ deadline: new Date(+NOW + 90 * 86_400_000) }).data).toMatchObject({ deadline: '2026-05-31T08:00:00.000Z' });
    for (const bad of [NOW, new Date(+NOW - 1), new Date(+NOW + 90 * 86_400_000 + 1), new Date('x')]) {
      expect(failure(() => sup({ deadline: bad }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'deadline' });
    }
  });

  it('accepting a dispatch moves the ticket to the unit and the person who took it', () => {
    expect(prepareAction(A.ACCEPT_DISPATCH, ctx(A.ACCEPT_DISPATCH, {}, Role.DEPT_HANDLER, '17'), {})).toEqual({
      changes: { handlingUnitId: 7, dispatchTargetUnitId: null, assigneeId: '17' }, data: { unitId: 7 }, note: null,
    });
  });
});

describe('case handling inputs', () => {
  it('reclassifies to a category that exists and/or another priority, never to the same pair', () => {
    const p = prepareAction(A.RECLASSIFY, ctx(A.RECLASSIFY, { priority: Priority.EMERGENCY, reason: '有人被困' }), {});
    expect(p.changes).toEqual({ categoryCode: 'FACILITIES', priority: Priority.EMERGENCY });
    expect(p.data).toMatchObject({ fromPriority: Priority.NORMAL, toPriority: Priority.EMERGENCY, fromCategory: 'FACILITIES', toCategory: 'FACILITIES' });
    expect(needsOf(A.RECLASSIFY, ctx(A.RECLASSIFY, { categoryCode: ' ELEVATOR ' }))).toEqual({ categoryCode: 'ELEVATOR' });
    expect(failure(() => prepareAction(A.RECLASSIFY, ctx(A.RECLASSIFY, { categoryCode: 'NOPE', reason: '改一下' }), { category: null }))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'categoryCode' });
    expect(failure(() => prepareAction(A.RECLASSIFY, ctx(A.RECLASSIFY, { priority: Priority.NORMAL, reason: '改一下' }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'priority' });
  });

  it('asks for a later resolve-by within the limit; a refusal needs its reason', () => {
    const at = (iso: string) => ctx(A.REQUEST_EXTENSION, { reason: '等配件', requestedDeadline: iso });
    expect(prepareAction(A.REQUEST_EXTENSION, at('2026-03-12T08:00:00Z'), {}).changes).toEqual({ extensionRequestedUntil: new Date('2026-03-12T08:00:00Z') });
    expect(failure(() => prepareAction(A.REQUEST_EXTENSION, at('2026-03-01T08:00:00Z'), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'requestedDeadline' });
    expect(failure(() => prepareAction(A.REQUEST_EXTENSION, at('2026-09-01T08:00:00Z'), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'requestedDeadline' });
    const granted = prepareAction(A.DECIDE_EXTENSION, ctx(A.DECIDE_EXTENSION, { granted: true }), {});
    expect(granted).toMatchObject({ changes: { extensionRequestedUntil: null }, data: { granted: true, until: '2026-03-06T08:00:00.000Z' } });
    expect(failure(() => prepareAction(A.DECIDE_EXTENSION, ctx(A.DECIDE_EXTENSION, { granted: false }), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'note' });
    expect(failure(() => prepareAction(A.DECIDE_EXTENSION, ctx(A.DECIDE_EXTENSION, {}), {}))).toEqual({ code: ErrorCode.BAD_USER_INPUT, field: 'granted' });
  });

  it('an urge claims the ticket once per window', () => {
    const p = prepareAction(A.URGE, ctx(A.URGE, {}), {});
    expect(p.once).toEqual({ at: NOW, notAfter: new Date(+NOW - 24 * 3600_000), refusal: '24小时内只能催办一次' });
  });
});
