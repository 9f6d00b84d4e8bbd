import { Role, TicketAction as A, TicketStatus as S } from './enums';
import type { ActionRule, LifecycleRows, LifecycleTable, Outcome, Permitted, Relation, RuleRow, TransitionRule } from './lifecycle';

type By = Permitted;

/** Front desk of the property company: who takes a new report. */
const INTAKE: By = { STAFF: 'SERVES_COMPLEX', PROJECT_MANAGER: 'SERVES_COMPLEX' };
/** Whoever holds the work now: the assigned staff, their manager, or the outside unit it was handed to. */
const HANDLER: By = { STAFF: 'ASSIGNEE', PROJECT_MANAGER: 'PROPERTY_HANDLING', DEPT_HANDLER: 'HANDLING_UNIT' };
/**
 * Staff take work themselves; a manager assigns anyone on the team — both only while the ticket is with the
 * property side (an outside department that accepted a dispatch keeps its own handler).
 */
const ASSIGNER: By = { STAFF: 'PROPERTY_HANDLING', PROJECT_MANAGER: 'PROPERTY_HANDLING' };
/** The unit (outside department or property team) that accepted a dispatch and handles the ticket now. */
const UNIT_HOLDER: By = { STAFF: 'HANDLING_UNIT', DEPT_HANDLER: 'HANDLING_UNIT' };
const DISPATCH_RECEIVER: By = { STAFF: 'DISPATCH_TARGET', PROJECT_MANAGER: 'DISPATCH_TARGET', DEPT_HANDLER: 'DISPATCH_TARGET' };
const REPORTER: By = { OWNER: 'REPORTER' };
/** Everyone taking part in the case may comment on it; oversight and admins only read. */
const PARTIES: By = {
  OWNER: 'REPORTER',
  STAFF: 'SERVES_COMPLEX',
  PROJECT_MANAGER: 'SERVES_COMPLEX',
  DEPT_HANDLER: 'UNIT_INVOLVED',
  MEDIATOR: 'COMMUNITY_MEDIATOR',
  DEPT_HEAD: 'UNIT_INVOLVED',
};

/** "Me too": any other owner of the complex (the QR code they scanned proves it) joins an open report. */
const NEIGHBOUR: By = { OWNER: 'NEIGHBOUR' };
/** Merging a duplicate away: the property side while it holds the ticket (an outside unit hands it back first). */
const MERGER: By = { STAFF: 'PROPERTY_HANDLING', PROJECT_MANAGER: 'PROPERTY_HANDLING' };
/** Undoing a wrong merge: the complex's staff and managers. */
const UNMERGER: By = { STAFF: 'SERVES_COMPLEX', PROJECT_MANAGER: 'SERVES_COMPLEX' };
/** Who may ask for more time: the assigned staff member, or the outside unit handling it. */
const EXTENDER: By = { STAFF: 'ASSIGNEE', DEPT_HANDLER: 'HANDLING_UNIT' };
/** Who decides an extension: the project manager while the property side holds it, the department's head while it does. */
const EXTENSION_DECIDER: By = { PROJECT_MANAGER: 'PROPERTY_HANDLING', DEPT_HEAD: 'UNIT_HEAD' };

/** 督办: oversight over the ticket's area urges whoever holds it (it never handles the ticket itself). */
const OVERSIGHT: By = { OVERSIGHT: 'OVERSEES' };

/**
 * The property company answers to the 12345 hotline for an order (asking it back, asking for more time): the
 * assigned staff member while the property side holds it, and the complex's project manager — the hotline's
 * designated contact — however it is held (an outside department that took it over goes through the manager).
 */
const HOTLINE_DESK: By = { STAFF: 'ASSIGNEE', PROJECT_MANAGER: 'SERVES_COMPLEX' };
/** Contacting the caller: the hotline desk, or the outside department working it. */
const HOTLINE_CONTACT: By = { ...HOTLINE_DESK, DEPT_HANDLER: 'HANDLING_UNIT' };

/**
 * What each action is, in every state: its mutation, whether it changes the ticket, its Chinese names.
 * The API's mutations, the mini-app's calls and buttons and the timeline read these. An action without
 * its entry fails to compile.
 */
export const TICKET_ACTIONS = {
  [A.REPORT]: { mutation: 'reportTicket', input: 'ReportTicketInput', changesState: true, label: '反映问题' },
  [A.ACCEPT]: { mutation: 'acceptTicket', input: 'AcceptTicketInput', changesState: true, label: '受理' },
  [A.REFUSE]: { mutation: 'refuseTicket', input: 'RefuseTicketInput', changesState: true, label: '不予受理' },
  [A.ASSIGN]: { mutation: 'assignTicket', input: 'AssignTicketInput', changesState: true, label: '指派' },
  [A.START]: { mutation: 'startTicket', input: 'NoteInput', changesState: true, label: '开始处理' },
  [A.ADD_PROGRESS]: { mutation: 'addProgress', input: 'ProgressInput', changesState: false, label: '进展', button: '上报进展' },
  [A.DISPATCH]: { mutation: 'dispatchTicket', input: 'DispatchTicketInput', changesState: true, label: '转派' },
  [A.ACCEPT_DISPATCH]: { mutation: 'acceptDispatch', input: 'NoteInput', changesState: true, label: '接收转派', button: '接收' },
  [A.RETURN_DISPATCH]: { mutation: 'returnDispatch', input: 'ReasonInput', changesState: true, label: '退回转派', button: '退回' },
  [A.RESOLVE]: { mutation: 'resolveTicket', input: 'ResolveTicketInput', changesState: true, label: '办结' },
  [A.RATE]: { mutation: 'rateTicket', input: 'RateTicketInput', changesState: true, label: '评价' },
  [A.REOPEN]: { mutation: 'reopenTicket', input: 'ReasonInput', changesState: true, label: '重新打开' },
  [A.REQUEST_MEDIATION]: { mutation: 'requestMediation', input: 'ReasonInput', changesState: true, label: '申请调解' },
  [A.RECORD_MEDIATION]: { mutation: 'recordMediation', input: 'RecordMediationInput', changesState: true, label: '调解记录', button: '记录调解' },
  [A.WITHDRAW]: { mutation: 'withdrawTicket', input: 'OptionalReasonInput', changesState: true, label: '撤回' },
  [A.COMMENT]: { mutation: 'commentTicket', input: 'CommentTicketInput', changesState: false, label: '留言' },
  [A.AUTO_CLOSE]: { mutation: null, input: null, changesState: true, label: '超期未评价自动办结' },
  // 12345 orders only (ticket policy): each is recorded on the timeline and sent back to the hotline in the same transaction.
  [A.HOTLINE_RECORD_CONTACT]: { mutation: 'recordHotlineContact', input: 'HotlineContactInput', changesState: false, label: '联系来电人', button: '记录联系来电人' },
  [A.HOTLINE_REQUEST_RETURN]: { mutation: 'requestHotlineReturn', input: 'HotlineReturnInput', changesState: false, label: '申请退回12345', button: '申请退回' },
  [A.HOTLINE_REQUEST_EXTENSION]: { mutation: 'requestHotlineExtension', input: 'HotlineExtensionInput', changesState: false, label: '申请延期', button: '申请延期' },
  [A.SUPERVISE]: { mutation: 'superviseTicket', input: 'SuperviseTicketInput', changesState: false, label: '督办' },
  [A.SUPPORT]: { mutation: 'supportTicket', input: 'SupportTicketInput', changesState: false, label: '我也遇到了', returns: 'PublicTicket' },
  [A.MERGE]: { mutation: 'mergeTicket', input: 'MergeTicketInput', changesState: true, label: '合并重复工单', button: '合并' },
  [A.UNMERGE]: { mutation: 'unmergeTicket', input: 'ReasonInput', changesState: true, label: '撤销合并' },
  [A.RECLASSIFY]: { mutation: 'reclassifyTicket', input: 'ReclassifyTicketInput', changesState: true, label: '调整类别', button: '改类别/紧急程度' },
  [A.REQUEST_INFO]: { mutation: 'requestOwnerInfo', input: 'RequestInfoInput', changesState: true, label: '请业主补充', button: '请业主补充' },
  [A.SUPPLY_INFO]: { mutation: 'supplyOwnerInfo', input: 'SupplyInfoInput', changesState: true, label: '业主补充', button: '补充信息' },
  [A.CLOSE_UNANSWERED]: { mutation: null, input: null, changesState: true, label: '未补充信息自动关闭' },
  [A.REQUEST_EXTENSION]: { mutation: 'requestExtension', input: 'RequestExtensionInput', changesState: true, label: '延期申请', button: '申请延期' },
  [A.DECIDE_EXTENSION]: { mutation: 'decideExtension', input: 'DecideExtensionInput', changesState: true, label: '延期审批', button: '审批延期' },
  [A.URGE]: { mutation: 'urgeTicket', input: 'UrgeTicketInput', changesState: false, label: '催办' },
} as const satisfies Record<A, ActionRule>;

/** Actions only the scheduler takes (no mutation). */
export const SYSTEM_ACTIONS: readonly A[] = [A.AUTO_CLOSE, A.CLOSE_UNANSWERED];

/** Actions only a 12345 hotline order has: the ticket policy refuses them on tickets from any other source. */
export const HOTLINE_ONLY_ACTIONS: readonly A[] = [A.HOTLINE_RECORD_CONTACT, A.HOTLINE_REQUEST_RETURN, A.HOTLINE_REQUEST_EXTENSION];

/** The mutation performing an action (its name in the schema). */
export type MutationOf<K extends A> = (typeof TICKET_ACTIONS)[K]['mutation'];

/**
 * The ticket lifecycle as written: state × action → next state, and who may act.
 * A state without its row fails to compile; read it through TICKET_LIFECYCLE.
 */
const ROWS = {
  [S.REPORTED]: {
    [A.ACCEPT]: { to: S.ACCEPTED, by: INTAKE },
    [A.REFUSE]: { to: S.REFUSED, by: INTAKE },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.REPORTED, by: PARTIES },
    // Not ours: the front desk asks the hotline to take it back before signing for it.
    [A.HOTLINE_REQUEST_RETURN]: { to: S.REPORTED, by: INTAKE },
    // Open: the work is with the handling side (a resolved ticket waits for its owner).
    [A.SUPERVISE]: { to: S.REPORTED, by: OVERSIGHT },
    [A.SUPPORT]: { to: S.REPORTED, by: NEIGHBOUR },
    [A.MERGE]: { to: S.MERGED, by: MERGER },
    [A.RECLASSIFY]: { to: S.REPORTED, by: INTAKE },
    [A.URGE]: { to: S.REPORTED, by: REPORTER },
  },
  [S.ACCEPTED]: {
    [A.ASSIGN]: { to: S.ACCEPTED, by: ASSIGNER },
    [A.START]: { to: S.IN_PROGRESS, by: HANDLER },
    [A.ADD_PROGRESS]: { to: S.ACCEPTED, by: HANDLER },
    [A.DISPATCH]: { to: S.DISPATCHED, by: HANDLER },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.ACCEPTED, by: PARTIES },
    [A.HOTLINE_RECORD_CONTACT]: { to: S.ACCEPTED, by: HOTLINE_CONTACT },
    [A.HOTLINE_REQUEST_RETURN]: { to: S.ACCEPTED, by: HOTLINE_DESK },
    [A.HOTLINE_REQUEST_EXTENSION]: { to: S.ACCEPTED, by: HOTLINE_DESK },
    [A.SUPERVISE]: { to: S.ACCEPTED, by: OVERSIGHT },
    [A.SUPPORT]: { to: S.ACCEPTED, by: NEIGHBOUR },
    [A.MERGE]: { to: S.MERGED, by: MERGER },
    [A.RECLASSIFY]: { to: S.ACCEPTED, by: ASSIGNER },
    // One request at a time; the decision moves the resolve-by (ticket policy).
    [A.REQUEST_EXTENSION]: { to: S.ACCEPTED, by: EXTENDER },
    [A.DECIDE_EXTENSION]: { to: S.ACCEPTED, by: EXTENSION_DECIDER },
    [A.URGE]: { to: S.ACCEPTED, by: REPORTER },
  },
  [S.IN_PROGRESS]: {
    [A.ASSIGN]: { to: S.IN_PROGRESS, by: ASSIGNER },
    [A.ADD_PROGRESS]: { to: S.IN_PROGRESS, by: HANDLER },
    [A.DISPATCH]: { to: S.DISPATCHED, by: HANDLER },
    [A.RESOLVE]: { to: S.RESOLVED, by: HANDLER },
    // A unit that accepted a dispatch and finds it is not theirs hands it back (with its reason) while it handles it.
    [A.RETURN_DISPATCH]: { to: S.IN_PROGRESS, by: UNIT_HOLDER },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.IN_PROGRESS, by: PARTIES },
    [A.HOTLINE_RECORD_CONTACT]: { to: S.IN_PROGRESS, by: HOTLINE_CONTACT },
    [A.HOTLINE_REQUEST_RETURN]: { to: S.IN_PROGRESS, by: HOTLINE_DESK },
    [A.HOTLINE_REQUEST_EXTENSION]: { to: S.IN_PROGRESS, by: HOTLINE_DESK },
    [A.SUPERVISE]: { to: S.IN_PROGRESS, by: OVERSIGHT },
    [A.SUPPORT]: { to: S.IN_PROGRESS, by: NEIGHBOUR },
    [A.MERGE]: { to: S.MERGED, by: MERGER },
    [A.RECLASSIFY]: { to: S.IN_PROGRESS, by: ASSIGNER },
    // The handler needs the owner's answer to go on: the handling clock pauses until it comes.
    [A.REQUEST_INFO]: { to: S.AWAITING_OWNER, by: HANDLER },
    [A.REQUEST_EXTENSION]: { to: S.IN_PROGRESS, by: EXTENDER },
    [A.DECIDE_EXTENSION]: { to: S.IN_PROGRESS, by: EXTENSION_DECIDER },
    [A.URGE]: { to: S.IN_PROGRESS, by: REPORTER },
  },
  [S.DISPATCHED]: {
    [A.ACCEPT_DISPATCH]: { to: S.IN_PROGRESS, by: DISPATCH_RECEIVER },
    [A.RETURN_DISPATCH]: { to: S.IN_PROGRESS, by: DISPATCH_RECEIVER },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.DISPATCHED, by: PARTIES },
    // The property side still answers to the hotline while another unit decides whether to take it.
    [A.HOTLINE_RECORD_CONTACT]: { to: S.DISPATCHED, by: HOTLINE_DESK },
    [A.HOTLINE_REQUEST_EXTENSION]: { to: S.DISPATCHED, by: HOTLINE_DESK },
    [A.SUPERVISE]: { to: S.DISPATCHED, by: OVERSIGHT },
    [A.SUPPORT]: { to: S.DISPATCHED, by: NEIGHBOUR },
    [A.URGE]: { to: S.DISPATCHED, by: REPORTER },
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
    [A.SUPERVISE]: { to: S.MEDIATING, by: OVERSIGHT },
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
  [S.MERGED]: {
    // A wrong merge is undone: the ticket goes back to the front desk on its own (its owner no longer follows the other).
    [A.UNMERGE]: { to: S.REPORTED, by: UNMERGER },
    [A.COMMENT]: { to: S.MERGED, by: { OWNER: 'REPORTER', STAFF: 'SERVES_COMPLEX', PROJECT_MANAGER: 'SERVES_COMPLEX' } },
  },
  [S.AWAITING_OWNER]: {
    // The owner's answer resumes the clock that was running (the handler's or the department's), never a new one.
    [A.SUPPLY_INFO]: { to: S.IN_PROGRESS, by: REPORTER },
    [A.WITHDRAW]: { to: S.WITHDRAWN, by: REPORTER },
    [A.COMMENT]: { to: S.AWAITING_OWNER, by: PARTIES },
    // No answer within the policy's window (SLA target OWNER_INFO): closed, and the owner is told.
    [A.CLOSE_UNANSWERED]: { to: S.CLOSED, by: { SYSTEM: 'SYSTEM' } },
  },
} as const satisfies LifecycleRows;

/** States a ticket is back with its handler from, when it lands in IN_PROGRESS again. */
const AFTER_HANDLING: ReadonlySet<S> = new Set([S.RESOLVED, S.MEDIATING, S.CLOSED]);

/** Does a step from `from` to `to` send the ticket back to its handler after it was resolved? */
export function isBackToHandling(from: S | null, to: S): boolean {
  return to === S.IN_PROGRESS && from !== null && AFTER_HANDLING.has(from);
}

function cell(action: A, from: S | null, row: RuleRow): TransitionRule {
  const targets: [string | null, S][] = typeof row.to === 'string' ? [[null, row.to]] : Object.entries(row.to);
  const outcomes: Outcome[] = targets.map(([key, to]) => ({ key, to, backToHandling: isBackToHandling(from, to) }));
  return { ...(TICKET_ACTIONS[action] as ActionRule), action, from, to: row.to, by: row.by, outcomes };
}

/**
 * The ticket lifecycle: state × action → the rule (next state, who may act, the action's mutation and
 * names). Read by the API (transitions, mutations), the permission check and `availableActions` (and so
 * the mini-app's buttons), the SLA engine and the notices.
 */
export const TICKET_LIFECYCLE: LifecycleTable = Object.fromEntries(
  (Object.entries(ROWS) as [S, Partial<Record<A, RuleRow>>][]).map(([status, row]) => [
    status,
    Object.fromEntries((Object.entries(row) as [A, RuleRow][]).map(([action, r]) => [action, cell(action, status, r)])),
  ]),
) as LifecycleTable;

/** Filing creates a ticket in REPORTED; it has no "from" state, so it sits outside the table. */
export const REPORT_RULE: TransitionRule = cell(A.REPORT, null, { to: S.REPORTED, by: { OWNER: 'ANY_OWNER' } });

export const TERMINAL_STATUSES: readonly S[] = [S.CLOSED, S.REFUSED, S.WITHDRAWN, S.MERGED];

/** Open reports another owner may join ("me too") and a duplicate may be merged into. */
export const JOINABLE_STATUSES: readonly S[] = [S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED];

/** The rule for an action from a state; undefined when that state's row does not hold it. */
export function ruleFor(status: S, action: A): TransitionRule | undefined {
  return TICKET_LIFECYCLE[status][action];
}

/** Every cell of the table, row by row. */
export function allRules(): TransitionRule[] {
  return Object.values(TICKET_LIFECYCLE).flatMap((row) => Object.values(row));
}

/** Does the action change the ticket (state and version), or only record something on its timeline? */
export function changesState(action: A): boolean {
  return TICKET_ACTIONS[action].changesState;
}

/**
 * States in which the work is in someone's hands: a handler (the assignee or their unit) or a dispatch
 * target may act on it. A handler's open load counts these.
 */
const HOLDER_RELATIONS: ReadonlySet<Relation> = new Set(['ASSIGNEE', 'HANDLING_UNIT', 'DISPATCH_TARGET']);
export const HANDLING_STATUSES: readonly S[] = (Object.keys(ROWS) as S[]).filter((s) =>
  Object.values(TICKET_LIFECYCLE[s]).some((r) => r.changesState && Object.values(r.by).some((rel) => HOLDER_RELATIONS.has(rel))),
);

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
  MERGED: '已合并',
  AWAITING_OWNER: '待补充',
};

/** The timeline's name of each action. */
export const ACTION_LABEL: Record<A, string> = Object.fromEntries(
  (Object.keys(TICKET_ACTIONS) as A[]).map((a) => [a, TICKET_ACTIONS[a].label]),
) as Record<A, string>;

/** The label of an action's button. */
export function actionButton(action: A): string {
  const spec: ActionRule = TICKET_ACTIONS[action];
  return spec.button ?? spec.label;
}
