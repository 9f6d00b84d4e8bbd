import { EXTENSION_MAX_DAYS, Priority, TicketAction as A, URGE_INTERVAL_HOURS } from '@msb/shared-types';
import { badInput } from '../../common/domain-error';
import type { InputRule } from './action-types';
import * as input from './ticket-input';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Case handling: reclassify, ask the owner and the answer, extensions, the owner's urge. What each writes beside
 * the status; the SLA engine follows the ticket's new category/priority, status and extension decision.
 */
export const CASE_INPUTS = {
  [A.RECLASSIFY]: {
    note: { field: 'reason', label: '调整原因', required: true, min: 2, max: 500 },
    needs: (c) => (c.raw.categoryCode ? { categoryCode: c.raw.categoryCode.trim() } : {}),
    apply: (c, found) => {
      const categoryCode = c.raw.categoryCode ? found.category?.code : c.ticket.categoryCode;
      if (!categoryCode) throw badInput('问题类别不存在', { field: 'categoryCode' });
      const priority = c.raw.priority ?? c.ticket.priority;
      if (!(Object.values(Priority) as string[]).includes(priority)) throw badInput('紧急程度无效', { field: 'priority' });
      if (categoryCode === c.ticket.categoryCode && priority === c.ticket.priority) throw badInput('类别和紧急程度都没有变化', { field: c.raw.categoryCode ? 'categoryCode' : 'priority' });
      return {
        changes: { categoryCode, priority },
        data: { fromCategory: c.ticket.categoryCode, toCategory: categoryCode, fromPriority: c.ticket.priority, toPriority: priority, toCategoryName: found.category?.name ?? null },
      };
    },
  },
  [A.REQUEST_INFO]: { note: { field: 'note', label: '需要业主补充的内容', required: true, min: 2, max: 500 } },
  [A.SUPPLY_INFO]: { note: { field: 'note', label: '补充说明', required: true, min: 2, max: 500 } },
  [A.REQUEST_EXTENSION]: {
    note: { field: 'reason', label: '延期原因', required: true, min: 2, max: 500 },
    apply: (c) => {
      const until = c.raw.requestedDeadline == null ? null : new Date(c.raw.requestedDeadline);
      if (!until || Number.isNaN(until.getTime()) || until.getTime() <= c.now.getTime()) throw badInput('延期至的时间须晚于现在', { field: 'requestedDeadline' });
      if (until.getTime() > c.now.getTime() + EXTENSION_MAX_DAYS * DAY_MS) throw badInput(`延期不能超过${EXTENSION_MAX_DAYS}天`, { field: 'requestedDeadline', max: EXTENSION_MAX_DAYS });
      return { changes: { extensionRequestedUntil: until }, data: { requestedUntil: until.toISOString() } };
    },
  },
  [A.DECIDE_EXTENSION]: {
    note: { field: 'note', label: '审批意见', required: false, max: 500 },
    apply: (c) => {
      if (c.raw.granted == null) throw badInput('请选择批准或不批准', { field: 'granted' });
      if (!c.raw.granted) input.requiredText('note', c.raw.note, '不批准的理由', 2, 500);
      const until = c.ticket.extensionRequestedUntil;
      return { changes: { extensionRequestedUntil: null }, data: { granted: c.raw.granted, until: until ? until.toISOString() : null } };
    },
  },
  [A.URGE]: {
    note: { field: 'note', label: '催办留言', required: false, max: 200 },
    apply: (c) => ({
      changes: {},
      data: { intervalHours: URGE_INTERVAL_HOURS },
      once: { at: c.now, notAfter: new Date(c.now.getTime() - URGE_INTERVAL_HOURS * HOUR_MS), refusal: `${URGE_INTERVAL_HOURS}小时内只能催办一次` },
    }),
  },
} satisfies Partial<Record<A, InputRule>>;
