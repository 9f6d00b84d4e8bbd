import type { Rates } from './figures';
import type { Counter } from './ticket-facts';

/**
 * What an export of the figures holds, row by row, with the Chinese names of docs/figures.md. Pure data:
 * the XLSX and CSV writers lay these out; the test reads them back.
 */

export type FigureValueKind = 'count' | 'rate' | 'minutes';

export interface FigureLine {
  readonly label: string;
  readonly kind: FigureValueKind;
}

export const COUNT_LABELS: Record<Counter, string> = {
  filed: '受理量', open: '未办结（积压）', accepted: '受理', refused: '不予受理', withdrawn: '撤回',
  acceptBase: '应响应', acceptMet: '按时响应', resolveBase: '应办结', resolveMet: '按时办结',
  dispatchBase: '应响应转派', dispatchMet: '按时响应转派', mediationBase: '应调解', mediationMet: '按时调解',
  resolved: '办结', rated: '已评价', solved: '已解决', satisfied: '满意', autoClosed: '超期未评价自动办结',
  dispatches: '转派', returns: '退回', redone: '重办', urges: '督办', deadlineUrges: '限期督办',
  mediationRequested: '申请调解', mediationAgreed: '调解达成协议', mediationSentBack: '调解后退回办理', extensions: '延期申请',
  ownerUrges: '业主催办', extensionsGranted: '批准延期',
};

export const RATE_LABELS: Record<keyof Rates, string> = {
  response: '响应率', resolution: '解决率', satisfaction: '满意率', resolvedOnTime: '按时办结率',
  dispatchOnTime: '转派按时响应率', mediationOnTime: '调解按时率', returnRate: '回退率', redoRate: '重办率',
};

export const SLA_MET_LABEL = '时限达标率';

export const TIME_LABELS = {
  acceptWall: '受理用时（自然时间）', acceptWork: '受理用时（工作时间）',
  resolveWall: '办结用时（自然时间）', resolveWork: '办结用时（工作时间）',
} as const;

/** The ticket list's columns. */
export const TICKET_COLUMNS = ['工单编号', '小区', '类别', '来源', '状态', '反映时间', '受理时间', '办结时间', '是否解决', '满意度', '问题描述'] as const;

/** A breakdown's columns (by category, by source). */
export const BREAKDOWN_COLUMNS = ['受理量', '未办结', '响应率', '解决率', '满意率', '按时办结率'] as const;

/** A rate as the CSV writes it: 66.67%, or — when there is no base. */
export function percentText(r: number | null): string {
  return r === null ? '—' : `${(Math.round(r * 10_000) / 100).toFixed(2)}%`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Excel opens a UTF-8 CSV as UTF-8 only with a byte-order mark. */
export const CSV_BOM = '\uFEFF';
