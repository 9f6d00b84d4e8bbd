import { createHash, randomInt } from 'node:crypto';
import { badInput } from '../../common/domain-error';

/** Passwords staff choose: 8–64 characters with at least one letter and one digit. */
export function checkPassword(pw: string, field = 'password'): string {
  if (pw.length < 8 || pw.length > 64 || !/[A-Za-z]/.test(pw) || !/\d/.test(pw)) {
    throw badInput('密码需 8–64 位，且同时包含字母和数字', { field });
  }
  return pw;
}

/** A name of a person or place: trimmed, 1–`max` characters, no control characters. */
export function checkName(value: string | null | undefined, field: string, max = 64): string {
  const v = (value ?? '').trim();
  if (!v) throw badInput('名称不能为空', { field });
  if (v.length > max) throw badInput(`名称不能超过 ${max} 个字`, { field });
  if (/[\u0000-\u001f\u007f]/.test(v)) throw badInput('名称含有不可见字符', { field });
  return v;
}

/** A service phone on a poster: a mobile, a landline (0531-8888 8888) or a short hotline; null when empty. */
export function checkServicePhone(value: string | null | undefined, field: string): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  if (!/^[0-9][0-9 -]{2,18}[0-9]$/.test(v)) throw badInput('电话号码格式不正确', { field });
  return v;
}

/** A YYYY-MM-DD calendar date. */
export function checkDate(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const d = m ? new Date(`${m[0]}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[0]) throw badInput('日期格式应为 YYYY-MM-DD', { field });
  return m[0];
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_TTL_MS = 72 * 3600_000;

/** A one-time code an admin reads to the person (8 characters, no look-alikes: 40 bits). */
export function newOneTimeCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}
