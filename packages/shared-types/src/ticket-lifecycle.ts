import { Role, TicketAction as A, TicketStatus as S } from './enums';
import type { LifecycleTable, Relation, TransitionRule } from './lifecycle';

type By = TransitionRule['by'];

/** Front desk of the property company: who takes a new report. */
const INTAKE: By = { STAFF: 'SERVES_COMPLEX', PROJECT_MANAGER: 'SERVES_COMPLEX' };
/** Whoever holds the work now: the assigned staff, their manager, or the outside unit it was handed to. */
const HANDLER: By = { STAFF: 'ASSIGNEE', PROJECT_MANAGER: 'PROPERTY_HANDLING', DEPT_HANDLER: 'HANDLING_UNIT' };
/**
 * Staff take work themselves; a manager assigns anyone on the team — both only while the ticket is with the
 * property side (an outside department that accepted a dispatch keeps its own handler).
 */
const ASSIGNER: By = { STAFF: 'PROPERTY_HANDLING', PROJECT_MANAGER: 'PROPERTY_HANDLING' };
const DISPATCH_RECEIVER: By = { STAFF: 'DISPATCH_TARGET', PROJECT_MANAGER: 'DISPATCH_TARGET', DEPT_HANDLER: 'DISPATCH_TARGET' };
const REPORTER: By = { OWNER: 'REPORTER' };
/** Everyone taking part in the case may comment on it; oversight and admins only read. */
const PARTIES: By = {
  OWNER: 'REPORTER',
  STAFF: 'SERVES_COMPLEX',
  PROJECT_MANAGER: 'SERVES_COMPLEX',
  DEPT_HANDLER: 'UNIT_INVOLVED',
  MEDIATOR: 'COMMUNITY_MEDIATOR',
};

/**
 * The ticket lifecycle: state × action → next state, and who may act.
 * Read by the API (transitions), the permission check and `availableActions` (and so the mini-app's buttons).
 * A state without its row fails to compile.
 */
export const TICKET_LIFECYCLE = {
  [S.REPORTED]: {
    [A.ACCEPT]: { to: S.ACCEPTED, by: INTAKE },
    [A.REFUSE]: { to: S.REFUSED, by: INTAKE },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.REPORTED, by: PARTIES },
  },
  [S.ACCEPTED]: {
    [A.ASSIGN]: { to: S.ACCEPTED, by: ASSIGNER },
    [A.START]: { to: S.IN_PROGRESS, by: HANDLER },
    [A.ADD_PROGRESS]: { to: S.ACCEPTED, by: HANDLER },
    [A.DISPATCH]: { to: S.DISPATCHED, by: HANDLER },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.ACCEPTED, by: PARTIES },
  },
  [S.IN_PROGRESS]: {
    [A.ASSIGN]: { to: S.IN_PROGRESS, by: ASSIGNER },
    [A.ADD_PROGRESS]: { to: S.IN_PROGRESS, by: HANDLER },
    [A.DISPATCH]: { to: S.DISPATCHED, by: HANDLER },
    [A.RESOLVE]: { to: S.RESOLVED, by: HANDLER },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.IN_PROGRESS, by: PARTIES },
  },
  [S.DISPATCHED]: {
    [A.ACCEPT_DISPATCH]: { to: S.IN_PROGRESS, by: DISPATCH_RECEIVER },
    [A.RETURN_DISPATCH]: { to: S.IN_PROGRESS, by: DISPATCH_RECEIVER },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.DISPATCHED, by: PARTIES },
  },
  [S.RESOLVED]: {
    [A.RATE]: { to: { solved: S.CLOSED, unsolved: S.IN_PROGRESS }, by: REPORTER },
    [A.REQUEST_MEDIATION]: { to: S.MEDIATING, by: REPORTER },
    [A.AUTO_CLOSE]: { to: S.CLOSED, by: { SYSTEM: 'SYSTEM' } },
    [A.COMMENT]: { to: S.RESOLVED, by: PARTIES },
  },
  [S.MEDIATING]: {
    [A.RECORD_MEDIATION]: {
      to: { AGREEMENT: S.CLOSED, BACK_TO_HANDLING: S.IN_PROGRESS },
      by: { MEDIATOR: 'COMMUNITY_MEDIATOR' },
    },
    [A.COMMENT]: { to: S.MEDIATING, by: PARTIES },
  },
  [S.CLOSED]: {
    // Both only within 7 days of closing; mediation only after a rating of 1–2 stars (ticket policy).
    [A.REOPEN]: { to: S.IN_PROGRESS, by: REPORTER },
    [A.REQUEST_MEDIATION]: { to: S.MEDIATING, by: REPORTER },
    [A.COMMENT]: { to: S.CLOSED, by: PARTIES },
  },
  [S.REFUSED]: {
    [A.COMMENT]: { to: S.REFUSED, by: { OWNER: 'REPORTER', STAFF: 'SERVES_COMPLEX', PROJECT_MANAGER: 'SERVES_COMPLEX' } },
  },
  [S.WITHDRAWN]: {},
} as const satisfies LifecycleTable;

/** Filing creates a ticket in REPORTED; it has no "from" state, so it sits outside the table. */
export const REPORT_RULE = { to: S.REPORTED, by: { OWNER: 'ANY_OWNER' } } as const satisfies TransitionRule;

export const TERMINAL_STATUSES: readonly S[] = [S.CLOSED, S.REFUSED, S.WITHDRAWN];

export function ruleFor(status: S, action: A): TransitionRule | undefined {
  return (TICKET_LIFECYCLE as LifecycleTable)[status][action];
}

/** The next state for an action, given the outcome the actor chose where the rule branches. */
export function nextStatus(rule: TransitionRule, outcome?: string): S | undefined {
  if (typeof rule.to === 'string') return rule.to;
  return outcome === undefined ? undefined : rule.to[outcome];
}

export function relationFor(rule: TransitionRule, role: Role | 'SYSTEM'): Relation | undefined {
  return rule.by[role];
}

/** Chinese labels, shared by the API's timeline text and the mini-app. */
export const STATUS_LABEL: Record<S, string> = {
  REPORTED: '待受理',
  ACCEPTED: '已受理',
  IN_PROGRESS: '处理中',
  DISPATCHED: '已转派',
  RESOLVED: '待评价',
  MEDIATING: '调解中',
  CLOSED: '已办结',
  REFUSED: '不予受理',
  WITHDRAWN: '已撤回',
};

export const ACTION_LABEL: Record<A, string> = {
  REPORT: '反映问题',
  ACCEPT: '受理',
  REFUSE: '不予受理',
  ASSIGN: '指派',
  START: '开始处理',
  ADD_PROGRESS: '进展',
  DISPATCH: '转派',
  ACCEPT_DISPATCH: '接收转派',
  RETURN_DISPATCH: '退回转派',
  RESOLVE: '办结',
  RATE: '评价',
  REOPEN: '重新打开',
  REQUEST_MEDIATION: '申请调解',
  RECORD_MEDIATION: '调解记录',
  WITHDRAW: '撤回',
  COMMENT: '留言',
  AUTO_CLOSE: '超期未评价自动办结',
};
