import { MediationOutcome, RefuseReason, Role, TICKET_ACTIONS, TicketAction as A } from '@msb/shared-types';
import { codeOf, type GqlResult, type TestApp } from './test-app';
import { fileTicket, type Actor, type World } from './world';

/** Actions a person takes through a mutation on an existing ticket (REPORT files one; AUTO_CLOSE is the scheduler's). */
export type UserAction = Exclude<A, A.REPORT | A.AUTO_CLOSE | A.CLOSE_UNANSWERED>;

export const USER_ACTIONS: UserAction[] = Object.values(A).filter((a): a is UserAction => a !== A.REPORT && a !== A.AUTO_CLOSE && a !== A.CLOSE_UNANSWERED);

/** Which mutation (and input type) performs each action, as the lifecycle table names it; versioned: sends the version it saw. */
export const ACTION_MUTATION = Object.fromEntries(
  USER_ACTIONS.map((a) => [a, { name: TICKET_ACTIONS[a].mutation, type: TICKET_ACTIONS[a].input, versioned: TICKET_ACTIONS[a].changesState }]),
) as Record<UserAction, { name: string; type: string; versioned: boolean }>;

/** Valid, minimal input for each action (the fields beyond ticketId/version). */
export function defaultInput(action: UserAction, w: World): Record<string, unknown> {
  switch (action) {
    case A.ACCEPT: return {};
    case A.REFUSE: return { reason: RefuseReason.NOT_OUR_REMIT, note: '属于市政管网，不属于物业服务范围', suggestHotline: true };
    case A.ASSIGN: return { assigneeId: w.staffA2.id };
    case A.START: return { note: '师傅已出发' };
    case A.ADD_PROGRESS: return { note: '已联系维修师傅，明天上午到场' };
    case A.DISPATCH: return { targetUnitId: w.deptCg, reason: '占道经营需城管处理' };
    case A.ACCEPT_DISPATCH: return {};
    case A.RETURN_DISPATCH: return { reason: '不属于本单位职责' };
    case A.RESOLVE: return { result: '已更换灯泡，照明恢复' };
    case A.RATE: return { solved: true, satisfaction: 5, comment: '很快' };
    case A.REOPEN: return { reason: '灯又不亮了' };
    case A.REQUEST_MEDIATION: return { reason: '对处理结果不满意' };
    case A.RECORD_MEDIATION:
      return { outcome: MediationOutcome.AGREEMENT, meetingAt: '2026-01-05T02:00:00.000Z', place: '社区会议室', participants: '业主、物业经理、调解员', notes: '双方同意更换全部楼道灯' };
    case A.WITHDRAW: return { reason: '已自行解决' };
    case A.COMMENT: return { text: '请尽快处理，谢谢' };
    case A.HOTLINE_RECORD_CONTACT: return { method: 'phone', note: '已电话联系来电人，约定明早上门' };
    case A.HOTLINE_REQUEST_RETURN: return { reason: '属于市政路灯', basis: '《济南市城市照明管理办法》第八条', suggestedUnit: '城市照明管理处' };
    case A.HOTLINE_REQUEST_EXTENSION: return { reason: '需等配件到货', requestedDeadline: new Date(Date.now() + 10 * 24 * 3600_000).toISOString() };
    case A.SUPERVISE: return { note: '请加快办理并回复业主' };
    case A.SUPPORT: return { qrToken: w.qrA };
    case A.MERGE: return { intoTicketId: w.openA ?? '0', note: '与已有工单重复' };
    case A.UNMERGE: return { reason: '不是同一个问题，分开处理' };
    case A.RECLASSIFY: return { categoryCode: 'ELEVATOR', reason: '实为电梯故障' };
    case A.REQUEST_INFO: return { question: '请拍一张漏水位置的照片' };
    case A.SUPPLY_INFO: return { text: '在卫生间顶上，照片已上传' };
    case A.REQUEST_EXTENSION: return { reason: '需等配件到货', until: new Date(Date.now() + 10 * 24 * 3600_000).toISOString() };
    case A.DECIDE_EXTENSION: return { granted: true, note: '同意' };
    case A.URGE: return { note: '已经三天了，请尽快' };
  }
}

export const RETURNED = 'id status version assignee { id } handlingUnit { id } dispatchTarget { id }';

export interface TicketState {
  id: string;
  status: string;
  version: number;
  assignee: { id: string } | null;
  handlingUnit: { id: number } | null;
  dispatchTarget: { id: number } | null;
}

/** Performs one action over HTTP. */
export function act(t: TestApp, action: UserAction, actor: Actor, ticket: { id: string; version: number }, extra: Record<string, unknown> = {}, w?: World): Promise<GqlResult<Record<string, TicketState>>> {
  const m = ACTION_MUTATION[action];
  const input = { ...(w ? defaultInput(action, w) : {}), ...extra, ticketId: ticket.id, ...(m.versioned ? { version: ticket.version } : {}) };
  // "Me too" answers the public view of another owner's report (no version, no people).
  return t.gql(`mutation($i: ${m.type}!) { ${m.name}(input: $i) { ${action === A.SUPPORT ? 'id status' : RETURNED} } }`, { i: input }, actor.token);
}

/** As `act`, failing loudly unless it succeeds; returns the ticket after the action. */
export async function must(t: TestApp, w: World, action: UserAction, actor: Actor, ticket: { id: string; version: number }, extra: Record<string, unknown> = {}): Promise<TicketState> {
  const r = await act(t, action, actor, ticket, extra, w);
  if (r.errors?.length || !r.data) throw new Error(`${action} by ${actor.name} failed: ${codeOf(r)} ${JSON.stringify(r.errors)}`);
  return r.data[ACTION_MUTATION[action].name];
}

export type ActorKey =
  | 'ownerA' | 'ownerA2' | 'ownerB' | 'staffA' | 'staffA2' | 'teamStaffA' | 'managerA' | 'staffB' | 'managerB'
  | 'dept' | 'mediatorA' | 'mediatorB' | 'oversightStreet' | 'oversightCity' | 'admin' | 'deptHead';

export const ROLE_OF: Record<ActorKey, Role> = {
  ownerA: Role.OWNER, ownerA2: Role.OWNER, ownerB: Role.OWNER,
  staffA: Role.STAFF, staffA2: Role.STAFF, teamStaffA: Role.STAFF, staffB: Role.STAFF,
  managerA: Role.PROJECT_MANAGER, managerB: Role.PROJECT_MANAGER,
  dept: Role.DEPT_HANDLER, mediatorA: Role.MEDIATOR, mediatorB: Role.MEDIATOR,
  oversightStreet: Role.OVERSIGHT, oversightCity: Role.OVERSIGHT, admin: Role.ADMIN, deptHead: Role.DEPT_HEAD,
};

export const ACTOR_KEYS = Object.keys(ROLE_OF) as ActorKey[];

export type Step = [UserAction, ActorKey, Record<string, unknown>?];

/** Files a fresh ticket in complex A as ownerA and walks it through `steps`. */
export async function walk(t: TestApp, w: World, steps: readonly Step[]): Promise<TicketState> {
  const filed = await fileTicket(t, w.ownerA, w.qrA);
  let s: TicketState = { id: filed.id, status: filed.status, version: filed.version, assignee: null, handlingUnit: null, dispatchTarget: null };
  for (const [action, who, extra] of steps) s = await must(t, w, action, w[who], s, extra ?? {});
  return s;
}

/** Runs `fn` over `items` with at most `n` in flight. */
export async function pool<T, R>(items: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

export async function countRows(t: TestApp, table: string, where = '1=1', params: unknown[] = []): Promise<number> {
  const [r] = await t.ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(r.n);
}
