import {
  MAX_PHOTOS_PER_ACTION, MediationOutcome, RefuseReason, TICKET_TEXT_MAX, TICKET_TEXT_MIN,
} from '@msb/shared-types';
import { badInput } from '../../common/domain-error';

/** Input rules shared by every ticket action. Each failure is a BAD_USER_INPUT naming its field. */

export function requiredText(field: string, value: string | null | undefined, label: string, min = 2, max = TICKET_TEXT_MAX): string {
  const v = (value ?? '').trim();
  if (v.length < min) throw badInput(`${label}至少需要${min}个字`, { field });
  if (v.length > max) throw badInput(`${label}不能超过${max}个字`, { field, max });
  return v;
}

export function optionalText(field: string, value: string | null | undefined, label: string, max = TICKET_TEXT_MAX): string | null {
  const v = (value ?? '').trim();
  if (v.length === 0) return null;
  if (v.length > max) throw badInput(`${label}不能超过${max}个字`, { field, max });
  return v;
}

export function reportText(value: string | null | undefined): string {
  return requiredText('text', value, '问题描述', TICKET_TEXT_MIN, TICKET_TEXT_MAX);
}

export function photoIds(ids: readonly string[] | null | undefined): string[] {
  const list = [...new Set(ids ?? [])];
  if (list.length > MAX_PHOTOS_PER_ACTION) throw badInput(`每次最多上传${MAX_PHOTOS_PER_ACTION}张照片`, { field: 'photoIds', max: MAX_PHOTOS_PER_ACTION });
  if (list.some((id) => !/^\d{1,19}$/.test(id))) throw badInput('照片编号无效', { field: 'photoIds' });
  return list;
}

export function idempotencyKey(value: string | null | undefined): string {
  const v = value ?? '';
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(v)) throw badInput('提交编号无效（8–64位字母、数字、-、_）', { field: 'idempotencyKey' });
  return v;
}

export function satisfaction(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badInput('满意度须为1–5星', { field: 'satisfaction' });
  return value;
}

export function refuseReason(value: RefuseReason): RefuseReason {
  if (!Object.values(RefuseReason).includes(value)) throw badInput('不予受理原因无效', { field: 'reason' });
  return value;
}

export function mediationOutcome(value: MediationOutcome): MediationOutcome {
  if (!Object.values(MediationOutcome).includes(value)) throw badInput('调解结果无效', { field: 'outcome' });
  return value;
}
