/** What an in-app notification is about; the mini-app picks its icon and link by kind. */
export enum NotificationKind {
  TICKET_ACCEPTED = 'TICKET_ACCEPTED',
  TICKET_REFUSED = 'TICKET_REFUSED',
  /** Resolved: the owner is asked to rate. */
  TICKET_RESOLVED = 'TICKET_RESOLVED',
  RATING_DUE = 'RATING_DUE',
  TICKET_ASSIGNED = 'TICKET_ASSIGNED',
  TICKET_DISPATCHED = 'TICKET_DISPATCHED',
  DISPATCH_RETURNED = 'DISPATCH_RETURNED',
  TICKET_REOPENED = 'TICKET_REOPENED',
  MEDIATION_REQUESTED = 'MEDIATION_REQUESTED',
  MEDIATION_BACK_TO_HANDLING = 'MEDIATION_BACK_TO_HANDLING',
  MEDIATION_CLOSED = 'MEDIATION_CLOSED',
  EMERGENCY_REPORTED = 'EMERGENCY_REPORTED',
  /** Written by the SLA engine: a deadline is near (the clock's warning share has passed). */
  SLA_WARNING = 'SLA_WARNING',
  /** Written by the SLA engine: a deadline has passed. */
  SLA_BREACH = 'SLA_BREACH',
  /** Written by the SLA engine when a deadline escalates. */
  SLA_ESCALATION = 'SLA_ESCALATION',
  /** 督办: oversight urged the ticket (its handler and the complex's managers are told). */
  TICKET_SUPERVISED = 'TICKET_SUPERVISED',
  /** A report the owner follows ("me too", or theirs merged into it) moved on: its new status, nothing personal. */
  FOLLOWED_TICKET_UPDATED = 'FOLLOWED_TICKET_UPDATED',
  /** The owner's report was merged into another (they follow that one now). */
  TICKET_MERGED = 'TICKET_MERGED',
  /** A wrong merge was undone: the owner's report is handled on its own again. */
  TICKET_UNMERGED = 'TICKET_UNMERGED',
  /** The rating window closes in a day: the owner is reminded to rate (written by the SLA engine). */
  RATING_REMINDER = 'RATING_REMINDER',
  /** The category or priority was changed (the owner sees the new category). */
  TICKET_RECLASSIFIED = 'TICKET_RECLASSIFIED',
  /** 待补充: the handler asks the owner a question. */
  INFO_REQUESTED = 'INFO_REQUESTED',
  /** The owner answered; the handler goes on. */
  INFO_SUPPLIED = 'INFO_SUPPLIED',
  /** No answer within the window: the ticket was closed. */
  CLOSED_UNANSWERED = 'CLOSED_UNANSWERED',
  /** 延期申请 waits for the manager's (or the department head's) decision. */
  EXTENSION_REQUESTED = 'EXTENSION_REQUESTED',
  /** 延期审批: granted or refused. */
  EXTENSION_DECIDED = 'EXTENSION_DECIDED',
  /** 催办 by the owner (the handler and who answers for them are told). */
  TICKET_URGED = 'TICKET_URGED',
}

/** The WeChat subscribe messages an owner may receive (one template id each, configured in the bff). */
export enum WechatTemplateKey {
  ACCEPTED = 'ACCEPTED',
  RESOLVED = 'RESOLVED',
  RATING_DUE = 'RATING_DUE',
}

/** Phrases staff pick when replying or resolving, per category code; `*` applies to every category. */
export const REPLY_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  '*': [
    '您好，您反映的问题已收到，我们会尽快安排人员处理。',
    '工作人员已到现场查看，正在处理中，请耐心等待。',
    '问题已处理完毕，请您查看并评价，感谢您的支持与监督。',
  ],
  PARKING: ['已联系车主挪车，并加强巡查，防止再次占用消防通道。', '已在相关区域增设禁停标识。'],
  SERVICE_QUALITY: ['已对相关人员进行批评教育，并加强服务培训。', '项目经理将于今日内与您电话沟通。'],
  ELEVATOR: ['维保单位已到场检修，电梯已恢复运行。', '电梯需更换配件，预计 3 个工作日内完成，期间请使用另一部电梯。'],
  FACILITIES: ['维修人员已更换损坏部件，设施恢复正常。', '需采购配件，预计 2 个工作日内修复。'],
  ACCESS_CONTROL: ['门禁系统已修复，如仍无法开门请联系物业前台。', '已为您重新登记门禁卡/人脸信息。'],
  FEE_CHANGE: ['物业费调整依据已在公告栏公示，欢迎到物业服务中心查询。'],
  ROAD_REPAIR: ['路面破损处已设置警示标志，施工队将尽快修补。'],
  CLUTTER: ['已通知相关住户限期清理楼道堆放物。', '楼道堆放物已清理完毕。'],
  CLEANING_GREENING: ['已安排保洁人员清扫，并加强日常巡查。', '已安排绿化养护人员修剪。'],
  FLOOD_SNOW: ['已启动应急预案，排水/除冰作业正在进行。', '积水已排除，相关区域已清理。'],
};

export function replyTemplatesFor(categoryCode: string): string[] {
  return [...(REPLY_TEMPLATES[categoryCode] ?? []), ...REPLY_TEMPLATES['*']];
}

/** Reasons offered when staff refuse a report or a department returns a dispatch (the user may add text). */
export const REFUSE_REASON_PHRASES: readonly string[] = ['不属于物业服务范围', '与已有工单重复', '信息不完整，无法核实'];

/** A "not our remit" refusal may point the owner to the 12345 citizen hotline instead of a listed unit. */
export const HOTLINE_12345 = { name: '12345市民服务热线', phone: '12345' } as const;
export const RETURN_REASON_PHRASES: readonly string[] = ['不属于本部门职责', '需物业先行处置', '信息不完整，请补充后再转派'];
