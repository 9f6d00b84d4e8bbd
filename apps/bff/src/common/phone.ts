import { badInput } from './domain-error';

/** A mainland mobile number (11 digits from 1), trimmed; null when left empty. Used by sign-in and by reports. */
export function phone(value: string | null | undefined, field = 'contactPhone'): string | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (!/^1\d{10}$/.test(v)) throw badInput('手机号格式不正确', { field });
  return v;
}
