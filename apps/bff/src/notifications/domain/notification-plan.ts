import {
  NotificationKind as K, Priority, STATUS_LABEL, TicketAction as A, TicketStatus as S, WechatTemplateKey, isBackToHandling,
} from '@msb/shared-types';

/**
 * Who a notice goes to, named by how they stand to the ticket; NotificationsService.audience turns these
 * into user ids (the one definition, for ticket changes and SLA warnings/escalations alike).
 */
export type Audience =
  | 'REPORTER'
  /**
   * Who handles this ticket: the assignee; with nobody assigned, the members of the unit it is dispatched
   * to (else the unit handling it); with no unit either, the complex's staff.
   */
  | 'HANDLER'
  /** The project managers of the ticket's complex. */
  | 'COMPLEX_MANAGERS'
  /** Every project manager of the ticket's property company. */
  | 'COMPANY_MANAGERS'
  /** The oversight viewers of the street above the ticket's community. */
  | 'STREET_OVERSIGHT'
  | 'DISPATCH_TARGET_UNIT'
  | 'COMMUNITY_MEDIATORS'
  /** Staff and project managers serving the complex. */
  | 'COMPLEX_INTAKE'
  /**
   * Whoever holds the work and their managers: the assignee, the members of the unit it is dispatched to,
   * and the complex's project managers.
   */
  | 'HANDLER_AND_MANAGERS'
  /** Owners following the ticket without having filed it ("me too", or their report merged into it). */
  | 'FOLLOWERS'
  /** Who answers for the handler: the head of the outside department handling it, else the complex's project managers. */
  | 'HANDLER_MANAGERS';

/** The facts of a change the plan reads. Pure data. */
export interface ChangeFacts {
  action: string;
  from: S | null;
  to: S;
  number: string;
  text: string;
  priority: Priority | string;
  note: string | null;
  /** The outcome data of the event (mediation outcome …), when any. */
  outcome?: string | null;
  assigneeId: string | null;
  /** 督办: which round this is (1 the first; later ones are escalations). */
  round?: number | null;
  /** 督办: the deadline it set, if any. */
  deadline?: Date | null;
  /** MERGE: the number of the ticket it went into. */
  intoNumber?: string | null;
  /** 延期审批: granted or refused. */
  granted?: boolean | null;
  /** 延期: the resolve-by asked for (or granted). */
  until?: Date | null;
  /** Reclassify: the new category's name. */
  categoryName?: string | null;
}

export interface PlannedNotice {
  audience: Audience;
  kind: K;
  title: string;
  body: string;
}

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Which notices a ticket change produces, for whom. Actions not listed notify nobody. */
export function planNotices(c: ChangeFacts): PlannedNotice[] {
  const about = excerpt(c.text.replace(/\s+/g, ' '), 40);
  const n = (audience: Audience, kind: K, title: string, body = about): PlannedNotice => ({ audience, kind, title: `${title}（${c.number}）`, body });
  const note = c.note ? excerpt(c.note, 80) : about;
  switch (c.action) {
    case A.REPORT:
      return c.priority === Priority.EMERGENCY ? [n('COMPLEX_INTAKE', K.EMERGENCY_REPORTED, '紧急工单待受理')] : [];
    case A.ACCEPT: {
      const out = [n('REPORTER', K.TICKET_ACCEPTED, '您反映的问题已受理')];
      if (c.assigneeId) out.push(n('HANDLER', K.TICKET_ASSIGNED, '有新工单指派给您'));
      return out;
    }
    case A.REFUSE:
      return [n('REPORTER', K.TICKET_REFUSED, '您反映的问题未予受理', note)];
    case A.ASSIGN:
      return [n('HANDLER', K.TICKET_ASSIGNED, '有新工单指派给您')];
    case A.DISPATCH:
      return [n('DISPATCH_TARGET_UNIT', K.TICKET_DISPATCHED, '有工单转派至本单位', note)];
    case A.RETURN_DISPATCH:
      return [n('HANDLER', K.DISPATCH_RETURNED, '转派的工单被退回', note)];
    case A.RESOLVE:
      return [n('REPORTER', K.TICKET_RESOLVED, '您反映的问题已办结，请评价', note)];
    case A.RATE:
      return isBackToHandling(c.from, c.to) ? [n('HANDLER', K.TICKET_REOPENED, '业主评价未解决，工单已退回', note)] : [];
    case A.REOPEN:
      return [n('HANDLER', K.TICKET_REOPENED, '业主重新打开了工单', note)];
    case A.REQUEST_MEDIATION:
      return [n('COMMUNITY_MEDIATORS', K.MEDIATION_REQUESTED, '业主申请社区调解', note)];
    case A.RECORD_MEDIATION:
      return isBackToHandling(c.from, c.to)
        ? [n('HANDLER', K.MEDIATION_BACK_TO_HANDLING, '调解后工单退回处理', note), n('REPORTER', K.MEDIATION_BACK_TO_HANDLING, '社区已调解，工单继续处理', note)]
        : [n('REPORTER', K.MEDIATION_CLOSED, '社区调解已达成协议，工单办结', note)];
    case A.MERGE:
      return [n('REPORTER', K.TICKET_MERGED, '您反映的问题已与同类问题合并处理', c.intoNumber ? `已并入工单 ${c.intoNumber}，处理进展会继续通知您` : about)];
    case A.UNMERGE:
      return [n('REPORTER', K.TICKET_UNMERGED, '您反映的问题恢复单独处理', note)];
    case A.SUPERVISE: {
      const round = c.round ?? 1;
      const title = round > 1 ? `工单被再次督办（第${round}次）` : '工单被督办';
      const by = c.deadline ? `，限 ${wechatTime(c.deadline)} 前办结` : '';
      return [n('HANDLER_AND_MANAGERS', K.TICKET_SUPERVISED, title, `${note}${by}`)];
    }
    case A.RECLASSIFY:
      return [n('REPORTER', K.TICKET_RECLASSIFIED, '您反映的问题已调整类别', c.categoryName ? `现为：${c.categoryName}。${note}` : note)];
    case A.REQUEST_INFO:
      return [n('REPORTER', K.INFO_REQUESTED, '请补充问题信息', note)];
    case A.SUPPLY_INFO:
      return [n('HANDLER', K.INFO_SUPPLIED, '业主已补充信息', note)];
    case A.CLOSE_UNANSWERED:
      return [n('REPORTER', K.CLOSED_UNANSWERED, '未收到您的补充信息，工单已关闭', note)];
    case A.REQUEST_EXTENSION: {
      const until = c.until ? `，申请延期至 ${wechatTime(c.until)}` : '';
      return [n('HANDLER_MANAGERS', K.EXTENSION_REQUESTED, '有延期申请待审批', `${note}${until}`)];
    }
    case A.DECIDE_EXTENSION: {
      const title = c.granted ? '延期申请已批准' : '延期申请未获批准';
      const until = c.granted && c.until ? `，办结时限延至 ${wechatTime(c.until)}` : '';
      return [n('HANDLER', K.EXTENSION_DECIDED, title, `${c.note ? excerpt(c.note, 80) : about}${until}`)];
    }
    case A.URGE:
      return [n('HANDLER', K.TICKET_URGED, '业主催办', note), n('HANDLER_MANAGERS', K.TICKET_URGED, '业主催办', note)];
    default:
      return [];
  }
}

/**
 * What the followers of a ticket are told when it moves on: that it did, and its new status — never a note or a name
 * (they are other owners). Record-only steps and a merge of the ticket itself (its reporter is told) tell them nothing.
 */
export function planFollowerNotice(c: Pick<ChangeFacts, 'action' | 'from' | 'to' | 'number'>, categoryName: string): PlannedNotice | null {
  if (c.from === null || c.from === c.to) return null;
  return { audience: 'FOLLOWERS', kind: K.FOLLOWED_TICKET_UPDATED, title: `您关注的问题有新进展（${c.number}）`, body: `${categoryName}：${STATUS_LABEL[c.to]}` };
}

/** The WeChat subscribe message an owner gets for a change, if any. */
export function wechatTemplateFor(action: string): WechatTemplateKey | null {
  if (action === A.ACCEPT) return WechatTemplateKey.ACCEPTED;
  if (action === A.RESOLVE) return WechatTemplateKey.RESOLVED;
  return null;
}

/** Shanghai wall time as WeChat's `time` fields want it: 2026-11-27 09:30. */
export function wechatTime(d: Date): string {
  const l = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${l.slice(0, 10)} ${l.slice(11, 16)}`;
}

/**
 * The `data` of a subscribe message. Field names follow the templates chosen in the WeChat console
 * (documented in the README): character_string1 ticket number, thing2 subject (≤20 chars),
 * phrase3 status (≤5 chars), time4 when.
 */
export function wechatData(key: WechatTemplateKey, f: { number: string; subject: string; at: Date }): Record<string, { value: string }> {
  const phrase = key === WechatTemplateKey.ACCEPTED ? '已受理' : key === WechatTemplateKey.RESOLVED ? '已办结' : '待评价';
  return {
    character_string1: { value: f.number.slice(0, 32) },
    thing2: { value: excerpt(f.subject.replace(/\s+/g, ' '), 20) },
    phrase3: { value: phrase },
    time4: { value: wechatTime(f.at) },
  };
}
