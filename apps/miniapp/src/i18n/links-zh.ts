/** Strings of "me too", merging, helpful refusals and bulk assignment (issue 13 §5–§9). Pure data. */
export const linksZh = {
  similar: {
    title: '附近业主已反映过类似问题',
    hint: '如果是同一个问题，点“我也遇到了”即可，不必重复填写，处理进展会通知您。',
    loading: '正在查看是否已有人反映…',
    failed: '暂时无法查看类似反映',
    retry: '重试',
    join: '我也遇到了',
    joined: '已关注',
    supporters: (n: number) => (n > 0 ? `${n} 位业主也遇到了` : '首位反映'),
    joinedToast: '已加入，进展会通知您',
  },
  followed: {
    title: '我关注的问题',
    pageTitle: '关注的问题',
    empty: '您还没有关注其他业主反映的问题',
    progress: '处理进度',
    privacy: '为保护反映人隐私，仅显示问题类别、简要内容和处理状态。',
    openList: '查看我关注的问题',
  },
  merged: {
    label: '已合并至',
    hint: '与同类问题合并处理，进展会通知您',
    open: '查看合并后的问题',
  },
  refusal: {
    title: '不予受理说明',
    declinedBy: '作出决定',
    goTo: '建议您联系',
    hotline: '12345 市民服务热线',
    callHotline: '拨打 12345',
    duplicateOf: '重复的工单',
  },
  timeline: {
    assignedTo: (name: string) => `指派给 ${name}`,
    mergedInto: (n: string) => `并入工单 ${n}`,
    mergedFrom: (n: string) => `工单 ${n} 并入本单`,
    unmergedFrom: (n: string) => `已从工单 ${n} 分开`,
    refuseGoTo: (to: string) => `建议联系：${to}`,
  },
}

/** The staff side of the same features. */
export const staffLinksZh = {
  titles: { merge: '合并重复工单', unmerge: '撤销合并', comment: '留言', bulk: '批量指派' },
  supporters: (n: number) => `${n} 位业主也遇到了`,
  mergedInto: '已并入',
  merge: {
    hint: '把本单并入同一小区的另一张在办工单：本单以“已合并”办结，反映人改为关注那张工单的进展。合并错了可以撤销。',
    sameCategory: '同类在办工单',
    empty: '本小区暂无可并入的同类在办工单',
    byNumber: '或输入工单编号',
    pick: '请选择要并入的工单',
    notFound: '没有找到该编号的在办工单',
    submit: '确认合并',
  },
  unmergeHint: '撤销后本单回到“待受理”，重新受理和指派；原反映人不再关注另一张工单。',
  refuse: {
    goTo: '建议业主联系（必选其一）',
    hotline: '12345 热线',
    pickGoTo: '请选择建议业主联系的部门或 12345',
  },
  bulk: {
    start: '批量指派',
    cancel: '取消',
    selected: (n: number) => `已选 ${n} 张，指派给…`,
    pickTickets: '请先勾选工单',
    pickHandler: '选择处理人',
    results: '指派结果',
    ok: '已指派',
    done: (ok: number, failed: number) => (failed ? `${ok} 张已指派，${failed} 张未成功` : `${ok} 张已全部指派`),
    back: '返回工单池',
  },
}
