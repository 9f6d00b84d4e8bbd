import {
  MediationOutcome, RefuseReason, Role, TicketAction as A, UnitKind,
} from '@msb/shared-types';
import { badInput, forbidden } from '../../common/domain-error';
import type { Viewer } from '../../org/domain/viewer';
import * as input from './ticket-input';

/** Actions a person takes on an existing ticket (REPORT files one; AUTO_CLOSE is the scheduler's). */
export type UserAction = Exclude<A, A.REPORT | A.AUTO_CLOSE>;

/** Everything an action may carry; each action reads its own fields (its rule below). */
export interface ActionInput {
  ticketId: string;
  version?: number | null;
  note?: string | null;
  photoIds?: string[] | null;
  assigneeId?: string | null;
  reason?: string | null;
  refuseReason?: RefuseReason | null;
  duplicateOfNumber?: string | null;
  targetUnitId?: number | null;
  solved?: boolean | null;
  satisfaction?: number | null;
  outcome?: MediationOutcome | null;
  meetingAt?: Date | null;
  place?: string | null;
  participants?: string | null;
  /** 12345: how the caller was contacted (phone, visit, wechat). */
  method?: string | null;
  /** 12345: the legal or remit basis of a return request, and the unit it suggests. */
  basis?: string | null;
  suggestedUnit?: string | null;
  /** 12345: the resolve-by an extension asks for. */
  requestedDeadline?: Date | string | null;
  /** 督办: the new deadline oversight sets (it moves the running SLA clocks that would run out later). */
  deadline?: Date | null;
  /** An outside channel's own references (e.g. its update id), kept on the event's data. */
  channel?: Record<string, unknown> | null;
}

/** The ticket fields an action's input reads. */
export interface InputFacts {
  readonly id: string;
  readonly complexId: number;
  readonly companyId: number | null;
  readonly assigneeId: string | null;
  readonly handlingUnitId: number | null;
  readonly dispatchTargetUnitId: number | null;
}

/** The ticket fields an action may set (besides status, version and updatedAt, which the transition sets). */
export interface TicketChanges {
  assigneeId?: string | null;
  handlingUnitId?: number | null;
  dispatchTargetUnitId?: number | null;
  acceptedAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  ratingSolved?: boolean | null;
  ratingScore?: number | null;
  ratedAt?: Date | null;
  mediationRequestedAt?: Date;
}

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

/** Who acts, on what, with what, when. */
export interface ActionContext {
  readonly viewer: Pick<Viewer, 'userId'>;
  readonly role: Role;
  readonly ticket: InputFacts;
  readonly raw: ActionInput;
  readonly now: Date;
}

/** What an action's input asks the service to look up (the only I/O); each key is absent when not asked. */
export interface Needs {
  /** A user to check as a handler of the ticket's complex or unit. */
  readonly assigneeId?: string;
  /** A ticket number this one duplicates. */
  readonly duplicateOfNumber?: string;
  /** The unit to dispatch to. */
  readonly unitId?: number;
  /** How many times the ticket was taken this action before (督办 counts its rounds). */
  readonly priorOf?: A;
  /** Who dispatched the ticket last (a unit handing it back after accepting returns it to them). */
  readonly dispatcher?: true;
}

/** The answers to `Needs`. */
export interface Found {
  readonly assigneeIsHandler?: boolean;
  readonly duplicate?: { readonly id: string; readonly number: string; readonly complexId: number } | null;
  readonly unit?: { readonly id: number; readonly name: string; readonly kind: UnitKind; readonly companyId: number | null } | null;
  readonly dispatcherId?: string | null;
  readonly prior?: number;
}

/** What an action writes: fields of the ticket, the outcome it chose, and its timeline entry's note and data. */
export interface Prepared {
  readonly changes: TicketChanges;
  readonly outcome?: string;
  readonly note: string | null;
  readonly data: Record<string, unknown> | null;
}

/** The note an action records: which input field carries it, its Chinese name, and whether it is required. */
export interface NoteRule {
  readonly field: 'note' | 'reason';
  readonly label: string | ((raw: ActionInput) => string);
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
}

/**
 * One action's input rule. `needs` says what to look up (never throws); `apply` checks the action's own
 * fields against what was found and works out its changes; the note is checked after them.
 */
export interface InputRule {
  readonly note: NoteRule;
  readonly needs?: (c: ActionContext) => Needs;
  readonly apply?: (c: ActionContext, found: Found) => Omit<Prepared, 'note'>;
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
  [A.REFUSE]: {
    note: { field: 'note', label: '说明', required: true },
    needs: (c) => (c.raw.refuseReason === RefuseReason.DUPLICATE && c.raw.duplicateOfNumber ? { duplicateOfNumber: c.raw.duplicateOfNumber.trim() } : {}),
    apply: (c, found) => {
      const reason = input.refuseReason(c.raw.refuseReason as RefuseReason);
      const data: Record<string, unknown> = { refuseReason: reason };
      if (reason === RefuseReason.DUPLICATE) {
        const dup = found.duplicate;
        if (!dup || dup.complexId !== c.ticket.complexId || dup.id === c.ticket.id) throw badInput('请填写同一小区内重复的工单编号', { field: 'duplicateOfNumber' });
        data.duplicateOfNumber = dup.number;
        data.duplicateOfId = dup.id;
      }
      return { changes: { closedAt: c.now }, data };
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
