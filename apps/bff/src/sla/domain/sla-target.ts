/** What a clock times. One clock per ticket × target. */
export enum SlaTarget {
  /** 响应: the property company accepts (or refuses with a reason) a new report. */
  ACCEPT = 'ACCEPT',
  /** 办结: the ticket is resolved after it was accepted. */
  RESOLVE = 'RESOLVE',
  /** 转派响应: the receiving team or department accepts or returns a dispatch. */
  DISPATCH_RESPONSE = 'DISPATCH_RESPONSE',
  /** 评价窗口: the owner rates; when it runs out the ticket closes as unrated. */
  RATING = 'RATING',
  /** 调解: the community mediator records an outcome. */
  MEDIATION = 'MEDIATION',
  /** 部门办结: an outside department that accepted a dispatch resolves (or hands back) within its own limit. */
  DEPT_RESOLVE = 'DEPT_RESOLVE',
  /** 待补充窗口: the owner answers the handler's question; when it runs out the ticket closes as unanswered. */
  OWNER_INFO = 'OWNER_INFO',
}

export const SLA_TARGETS: readonly SlaTarget[] = Object.values(SlaTarget);
