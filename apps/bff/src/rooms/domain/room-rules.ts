import { createHash, randomInt } from 'node:crypto';
import { badInput } from '../../common/domain-error';

/** A room number (502, 1-502, B102) or a unit (2, 二单元): letters, digits, CJK, '-'; no spaces or symbols. */
const LABEL = /^[0-9A-Za-z\u4e00-\u9fff-]+$/;

export const ROOM_LIMITS = {
  /** Live bindings (pending or verified) one owner may hold: a family's flat, a parent's, a shop — not a building. */
  liveBindingsPerOwner: 10,
  /** A code staff show lives this long, once. */
  codeTtlMs: 10 * 60_000,
  /** Wrong codes one owner may try an hour. */
  codeTriesPerOwner: { hits: 10, windowMs: 3600_000 },
} as const;

export function roomLabel(value: string | null | undefined, field: 'room' | 'unit'): string {
  const max = field === 'room' ? 16 : 8;
  const v = (value ?? '').trim().replace(/(室|单元)$/u, '');
  if (!v) {
    if (field === 'unit') return '';
    throw badInput('请填写房号', { field });
  }
  if (v.length > max || !LABEL.test(v)) throw badInput(field === 'room' ? '房号只能是数字、字母或汉字（如 502、B102）' : '单元只能是数字、字母或汉字（如 2）', { field });
  return v;
}

/** 3号楼 2单元 502室 */
export function roomName(building: string, unit: string, room: string): string {
  return [building, unit ? `${unit}单元` : '', `${room}室`].filter(Boolean).join(' ');
}

const DIGITS = '0123456789';
/** Six digits staff read out; unique among the complex's codes (the caller retries on a clash). */
export function newRoomCode(): string {
  return Array.from({ length: 6 }, () => DIGITS[randomInt(10)]).join('');
}

export function hashRoomCode(complexId: number, code: string): string {
  return createHash('sha256').update(`${complexId}:${code.trim()}`).digest('hex');
}
