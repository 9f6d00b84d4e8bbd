import {
  MediationOutcome, Role, TicketAction as A, UnitKind,
} from '@msb/shared-types';
import { badInput, forbidden } from '../../common/domain-error';
import type { Viewer } from '../../org/domain/viewer';
import * as input from './ticket-input';
import type { ActionContext, ActionInput, Found, InputFacts, InputRule, Needs, NoteRule, Prepared } from './action-types';
import { LINK_INPUTS } from './link-inputs';
import { CASE_INPUTS } from './case-inputs';

export type * from './action-types';

/** Actions a person takes on an existing ticket (REPORT files one; AUTO_CLOSE and CLOSE_UNANSWERED are the scheduler's). */
export type UserAction = Exclude<A, A.REPORT | A.AUTO_CLOSE | A.CLOSE_UNANSWERED>;

/**
 * Why a ticket may not be dispatched to a unit, or null when it may: the DISPATCH rule, and what the
 * staff dispatch list offers for that ticket (so the list never offers a unit the action refuses).
 */
export function dispatchRefusal(unit: { id: number; kind: UnitKind; companyId: number | null; active?: boolean }, t: Pick<InputFacts, 'handlingUnitId' | 'companyId'>): string | null {
  if (unit.active === false) return '该单位已停用';
  if (unit.id === t.handlingUnitId) return '工单已在该单位处理';
  if (unit.kind === UnitKind.PROPERTY_TEAM && unit.companyId !== t.companyId) return '只能转派给本物业公司的班组或外部部门';
  return null;
}

const NONE = { changes: {}, data: null } as const;
const optionalNote = { field: 'note', label: '备注', required: false } as const;

/** The assignee an ACCEPT names: the one chosen, or a staff member taking it themselves. */
const acceptAssignee = (c: ActionContext): string | null => c.raw.assigneeId ?? (c.role === Role.STAFF ? c.viewer.userId : null);

function checkAssignee(c: ActionContext, assigneeId: string, found: Found): void {
  if (c.role === Role.STAFF && assigneeId !== c.viewer.userId) throw forbidden('工作人员只能将工单指派给自己');
  if (!isUserId(assigneeId) || !found.assigneeIsHandler) throw badInput('处理人不属于负责该小区的团队', { field: 'assigneeId' });
}

const isUserId = (id: string) => /^\d{1,19}$/.test(id);

/** How a 12345 caller may have been contacted (the contract's `method`). */
export const CONTACT_METHODS = ['phone', 'visit', 'wechat'] as const;
/** The furthest a 督办 deadline may lie ahead. */
export const SUPERVISE_DEADLINE_MAX_DAYS = 90;

/** Per action: its note, what it looks up, and what it changes. A user action without its rule fails to compile. */
export const ACTION_INPUTS = {
  [A.ACCEPT]: {
    note: optionalNote,
    needs: (c) => { const id = acceptAssignee(c); return id !== null && isUserId(id) ? { assigneeId: id } : {}; },
    apply: (c, found) => {
      const assigneeId = acceptAssignee(c);
      if (assigneeId !== null) checkAssignee(c, assigneeId, found);
      return { changes: { acceptedAt: c.now, assigneeId }, data: assigneeId ? { assigneeId } : null };
    },
  },
  [A.ASSIGN]: {
    note: optionalNote,
    needs: (c) => (c.raw.assigneeId && isUserId(c.raw.assigneeId) ? { assigneeId: c.raw.assigneeId } : {}),
    apply: (c, found) => {
      const assigneeId = c.raw.assigneeId;
      if (!assigneeId) throw badInput('请选择处理人', { field: 'assigneeId' });
      checkAssignee(c, assigneeId, found);
      if (assigneeId === c.ticket.assigneeId) throw badInput('该工单已指派给此人', { field: 'assigneeId' });
      return { changes: { assigneeId }, data: { assigneeId, previousAssigneeId: c.ticket.assigneeId } };
    },
  },
  [A.START]: { note: optionalNote },
  [A.ADD_PROGRESS]: { note: { field: 'note', label: '进展说明', required: true } },
  [A.COMMENT]: { note: { field: 'note', label: '留言', required: true, min: 1, max: 500 } },
  [A.DISPATCH]: {
    note: { field: 'reason', label: '转派原因', required: true },
    needs: (c) => (c.raw.targetUnitId != null ? { unitId: c.raw.targetUnitId } : {}),
    apply: (c, found) => {
      const unit = found.unit;
      if (!unit) throw badInput('转派对象不存在', { field: 'targetUnitId' });
      const refusal = dispatchRefusal(unit, c.ticket);
      if (refusal) throw badInput(refusal, { field: 'targetUnitId' });
      return { changes: { dispatchTargetUnitId: unit.id }, data: { targetUnitId: unit.id, targetUnitName: unit.name } };
    },
  },
  [A.ACCEPT_DISPATCH]: {
    note: optionalNote,
    apply: (c) => ({
      changes: { handlingUnitId: c.ticket.dispatchTargetUnitId, dispatchTargetUnitId: null, assigneeId: c.viewer.userId },
      data: { unitId: c.ticket.dispatchTargetUnitId },
    }),
  },
  [A.RETURN_DISPATCH]: {
    note: { field: 'reason', label: '退回原因', required: true },
    // Not yet accepted: the dispatch is declined. Accepted (the unit handles it): handed back, with its reason, to
    // the property side and to whoever dispatched it — the unit found it is not theirs, the ticket does not get stuck.
    needs: (c) => (c.ticket.dispatchTargetUnitId === null && c.ticket.handlingUnitId !== null ? { dispatcher: true } : {}),
    apply: (c, found) => c.ticket.dispatchTargetUnitId !== null
      ? { changes: { dispatchTargetUnitId: null }, data: { unitId: c.ticket.dispatchTargetUnitId } }
      : { changes: { handlingUnitId: null, assigneeId: found.dispatcherId ?? null }, data: { unitId: c.ticket.handlingUnitId, afterAcceptance: true, backTo: found.dispatcherId ?? null } },
  },
  [A.RESOLVE]: {
    note: { field: 'note', label: '办理结果', required: true },
    // A new round of handling: the rating of an earlier round is history (the timeline's RATE events, Ticket.ratings).
    apply: (c) => ({ changes: { resolvedAt: c.now, ratingSolved: null, ratingScore: null, ratedAt: null }, data: null }),
  },
  [A.RATE]: {
    note: { field: 'note', label: '评价', required: false, max: 500 },
    apply: (c) => {
      if (c.raw.solved == null) throw badInput('请选择问题是否解决', { field: 'solved' });
      const score = input.satisfaction(c.raw.satisfaction as number);
      const solved = c.raw.solved;
      return {
        outcome: solved ? 'solved' : 'unsolved',
        changes: { ratingSolved: solved, ratingScore: score, ratedAt: c.now, ...(solved ? { closedAt: c.now } : {}) },
        data: { solved, satisfaction: score },
      };
    },
  },
  [A.REOPEN]: {
    note: { field: 'reason', label: '重新打开原因', required: true },
    apply: () => ({ changes: { closedAt: null, resolvedAt: null }, data: null }),
  },
  [A.REQUEST_MEDIATION]: {
    note: { field: 'reason', label: '申请调解原因', required: true },
    apply: (c) => ({ changes: { mediationRequestedAt: c.now, closedAt: null }, data: null }),
  },
  [A.RECORD_MEDIATION]: {
    note: { field: 'note', label: (raw) => (raw.outcome === MediationOutcome.AGREEMENT ? '调解协议' : '处理要求'), required: true },
    apply: (c) => {
      const outcome = input.mediationOutcome(c.raw.outcome as MediationOutcome);
      const meetingAt = c.raw.meetingAt ? new Date(c.raw.meetingAt) : null;
      if (!meetingAt || Number.isNaN(meetingAt.getTime())) throw badInput('请填写调解时间', { field: 'meetingAt' });
      const place = input.requiredText('place', c.raw.place, '调解地点', 2, 100);
      const participants = input.requiredText('participants', c.raw.participants, '参与人员', 2, 200);
      return {
        outcome,
        data: { outcome, meetingAt: meetingAt.toISOString(), place, participants },
        changes: outcome === MediationOutcome.AGREEMENT ? { closedAt: c.now } : { resolvedAt: null },
      };
    },
  },
  [A.SUPERVISE]: {
    note: { field: 'note', label: '督办意见', required: true, min: 2, max: 500 },
    needs: () => ({ priorOf: A.SUPERVISE }),
    apply: (c, found) => {
      const round = (found.prior ?? 0) + 1;
      if (c.raw.deadline == null) return { changes: {}, data: { round } };
      const deadline = new Date(c.raw.deadline);
      if (Number.isNaN(deadline.getTime()) || +deadline <= +c.now) throw badInput('督办期限须晚于当前时间', { field: 'deadline' });
      if (+deadline > +c.now + SUPERVISE_DEADLINE_MAX_DAYS * 86_400_000) throw badInput(`督办期限不能超过${SUPERVISE_DEADLINE_MAX_DAYS}天`, { field: 'deadline', max: SUPERVISE_DEADLINE_MAX_DAYS });
      return { changes: {}, data: { round, deadline: deadline.toISOString() } };
    },
  },
  [A.WITHDRAW]: {
    note: { field: 'reason', label: '撤回原因', required: false },
    apply: (c) => ({ changes: { closedAt: c.now }, data: null }),
  },
  // The 12345 desk: each is sent back to the hotline (its outbox follows these events), with `data` as the payload's own fields.
  [A.HOTLINE_RECORD_CONTACT]: {
    note: { field: 'note', label: '联系情况', required: true, max: 500 },
    apply: (c) => {
      const method = c.raw.method ?? '';
      if (!(CONTACT_METHODS as readonly string[]).includes(method)) throw badInput('联系方式须为 phone、visit 或 wechat', { field: 'method' });
      return { changes: {}, data: { method } };
    },
  },
  [A.HOTLINE_REQUEST_RETURN]: {
    note: { field: 'reason', label: '退回原因', required: true, max: 500 },
    apply: (c) => {
      const basis = input.requiredText('basis', c.raw.basis, '退回依据', 2, 500);
      const suggestedUnit = input.optionalText('suggestedUnit', c.raw.suggestedUnit, '建议承办单位', 100);
      return { changes: {}, data: { basis, suggestedUnit } };
    },
  },
  [A.HOTLINE_REQUEST_EXTENSION]: {
    note: { field: 'reason', label: '延期原因', required: true, max: 500 },
    apply: (c) => {
      const until = c.raw.requestedDeadline == null ? null : new Date(c.raw.requestedDeadline);
      if (!until || Number.isNaN(until.getTime()) || until.getTime() <= c.now.getTime()) throw badInput('申请的期限须晚于现在', { field: 'requestedDeadline' });
      return { changes: {}, data: { requestedDeadline: until.toISOString() } };
    },
  },
  ...LINK_INPUTS,
  ...CASE_INPUTS,
} satisfies Record<UserAction, InputRule>;

export function isUserAction(action: A): action is UserAction {
  return action in ACTION_INPUTS;
}

/** What the action's input asks to look up. */
export function needsOf(action: UserAction, c: ActionContext): Needs {
  const rule: InputRule = ACTION_INPUTS[action];
  return rule.needs ? rule.needs(c) : {};
}

/** Checks the action's input (BAD_USER_INPUT naming the field, or FORBIDDEN) and works out what it writes. */
export function prepareAction(action: UserAction, c: ActionContext, found: Found): Prepared {
  const rule: InputRule = ACTION_INPUTS[action];
  const own = rule.apply ? rule.apply(c, found) : NONE;
  return { ...own, note: readNote(rule.note, c.raw) };
}

function readNote(r: NoteRule, raw: ActionInput): string | null {
  const label = typeof r.label === 'function' ? r.label(raw) : r.label;
  const value = raw[r.field];
  return r.required ? input.requiredText(r.field, value, label, r.min, r.max) : input.optionalText(r.field, value, label, r.max);
}
