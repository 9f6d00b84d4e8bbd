import { JOINABLE_STATUSES, RefuseReason, TicketAction as A, TicketStatus, UnitKind } from '@msb/shared-types';
import { badInput, notFound } from '../../common/domain-error';
import type { ActionContext, Found, InputRule } from './action-types';
import * as input from './ticket-input';

/** How far back "me too" looks for open reports of the same complex and category. */
export const SIMILAR_DAYS = 7;
export const SIMILAR_MAX = 5;
/** How much of a report other owners see: its opening words, numbers (rooms, phones, plates) blotted out. */
export const PUBLIC_SUMMARY_MAX = 30;

/** What other owners may read of a report's text: no digits (room, phone, plate numbers), at most PUBLIC_SUMMARY_MAX characters. */
export function publicSummary(text: string): string {
  const plain = text.replace(/\s+/g, ' ').trim().replace(/[0-9０-９]+/g, '＊').replace(/[A-Za-z]{2,}/g, '＊');
  return plain.length > PUBLIC_SUMMARY_MAX ? `${plain.slice(0, PUBLIC_SUMMARY_MAX - 1)}…` : plain;
}

/** A ticket as a merge sees it. */
export interface MergeFacts {
  readonly id: string;
  readonly complexId: number;
  readonly status: TicketStatus;
}

/**
 * Why `dup` may not be merged into `into`, or null: only into another open report of the same complex (a merged,
 * closed or resolved one cannot take it, which also rules out cycles). One message for "no such ticket" and "another
 * complex's", so a number of another complex tells nothing.
 */
export function mergeRefusal(dup: MergeFacts, into: MergeFacts | null): string | null {
  if (!into || into.complexId !== dup.complexId) return '要并入的工单不存在或不属于本小区';
  if (into.id === dup.id) return '不能将工单并入它自己';
  if (!JOINABLE_STATUSES.includes(into.status)) return '只能并入尚在处理中的工单';
  return null;
}

const isTicketId = (id: unknown): id is string => typeof id === 'string' && /^\d{1,19}$/.test(id);

/** The input rules of "me too", merging and unmerging, and the refusal that points elsewhere (see ACTION_INPUTS). */
export const LINK_INPUTS = {
  [A.SUPPORT]: {
    note: { field: 'note', label: '补充', required: false, max: 200 },
    needs: (c: ActionContext) => ({ qrToken: c.raw.qrToken ?? '', following: true as const }),
    apply: (c: ActionContext, found: Found) => {
      // The QR code scanned at the complex is the owner's claim to see its reports publicly; any other answers as if none existed.
      if (found.qrComplexId !== c.ticket.complexId) throw notFound('工单');
      if (found.following) throw badInput('您已关注该问题，处理进展会通知您', { field: 'ticketId', reason: 'ALREADY_FOLLOWING' });
      return { changes: {}, data: null };
    },
  },
  [A.MERGE]: {
    note: { field: 'note', label: '合并说明', required: false, max: 200 },
    needs: (c: ActionContext) => (isTicketId(c.raw.intoTicketId) ? { intoTicketId: c.raw.intoTicketId } : {}),
    apply: (c: ActionContext, found: Found) => {
      if (!c.raw.intoTicketId) throw badInput('请选择要并入的工单', { field: 'intoTicketId' });
      const refusal = mergeRefusal({ id: c.ticket.id, complexId: c.ticket.complexId, status: TicketStatus.REPORTED }, found.into ?? null);
      if (refusal) throw badInput(refusal, { field: 'intoTicketId' });
      return { changes: { closedAt: c.now }, data: { intoTicketId: found.into!.id, intoNumber: found.into!.number } };
    },
  },
  [A.UNMERGE]: {
    note: { field: 'reason', label: '撤销合并原因', required: true, max: 500 },
    needs: () => ({ mergedInto: true as const }),
    // On its own again, back at the front desk: accepted afresh, by whoever takes it then.
    apply: (_c: ActionContext, found: Found) => ({
      changes: { closedAt: null, assigneeId: null, handlingUnitId: null },
      data: found.mergedInto ? { fromTicketId: found.mergedInto.id, fromNumber: found.mergedInto.number } : null,
    }),
  },
  [A.REFUSE]: {
    note: { field: 'note', label: '说明', required: true },
    needs: (c: ActionContext) => ({
      ...(c.raw.refuseReason === RefuseReason.DUPLICATE && c.raw.duplicateOfNumber ? { duplicateOfNumber: c.raw.duplicateOfNumber.trim() } : {}),
      ...(c.raw.refuseReason === RefuseReason.NOT_OUR_REMIT && c.raw.suggestedUnitId != null ? { unitId: c.raw.suggestedUnitId } : {}),
      declinedBy: true as const,
    }),
    apply: (c: ActionContext, found: Found) => {
      const reason = input.refuseReason(c.raw.refuseReason as RefuseReason);
      const data: Record<string, unknown> = { refuseReason: reason, declinedBy: found.declinedBy ?? null };
      if (reason === RefuseReason.DUPLICATE) {
        const dup = found.duplicate;
        if (!dup || dup.complexId !== c.ticket.complexId || dup.id === c.ticket.id) throw badInput('请填写同一小区内重复的工单编号', { field: 'duplicateOfNumber' });
        data.duplicateOfNumber = dup.number;
        data.duplicateOfId = dup.id;
      }
      if (reason === RefuseReason.NOT_OUR_REMIT) {
        // Not ours: say where the owner should go instead — an outside department from the list, or the 12345 hotline.
        if (c.raw.suggestedUnitId != null) {
          const u = found.unit;
          if (!u || u.kind !== UnitKind.DEPARTMENT) throw badInput('请从列表中选择建议联系的部门', { field: 'suggestedUnitId' });
          data.suggestedUnitId = u.id;
          data.suggestedUnitName = u.name;
        }
        if (c.raw.suggestHotline) data.suggestHotline = true;
        if (c.raw.suggestedUnitId == null && !c.raw.suggestHotline) throw badInput('请建议业主联系的部门，或 12345 热线', { field: 'suggestedUnitId' });
      }
      return { changes: { closedAt: c.now }, data };
    },
  },
} satisfies Partial<Record<A, InputRule>>;
