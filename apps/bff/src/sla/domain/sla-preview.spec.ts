import { Priority } from '@msb/shared-types';
import type { SlaPolicy } from './sla-policy';
import { DEFAULT_SLA_POLICIES } from './sla-policy-defaults';
import { previewDueTimes } from './sla-preview';
import { SlaTarget } from './sla-target';
import { CALENDAR_24X7, CALENDAR_WORKING_HOURS, defaultCalendars, formatShanghai, shanghaiTime as t } from './working-calendar';

const subject = { companyId: '7', complexId: '9', category: 'FACILITIES', priority: Priority.NORMAL };
const draft = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'p-company-7', version: 1, name: '甲物业加急', scope: { kind: 'COMPANY', companyId: '7' }, category: null, priority: Priority.NORMAL,
  targets: { [SlaTarget.RESOLVE]: { minutes: 120, calendar: CALENDAR_WORKING_HOURS } }, effectiveFrom: t('2026-03-10 00:00'), ...over,
});
const row = (rows: ReturnType<typeof previewDueTimes>, target: SlaTarget) => rows.find((r) => r.target === target)!;

describe('SLA preview: due times a ticket filed now would get', () => {
  it('counts working minutes across the evening and the weekend, next to today’s policy', () => {
    // Friday 16:30: 60 working minutes left that day, the other 60 on Monday from 08:30.
    const rows = previewDueTimes(DEFAULT_SLA_POLICIES, draft(), subject, t('2026-03-06 16:30'), defaultCalendars);
    const resolve = row(rows, SlaTarget.RESOLVE);
    expect(resolve).toMatchObject({ fromDraft: true, policyId: 'p-company-7', policyVersion: 1, minutes: 120, calendar: CALENDAR_WORKING_HOURS });
    expect(formatShanghai(resolve.dueAt)).toBe('2026-03-09 09:30');
    // Today (the default NORMAL policy): one working day, Monday 16:30.
    expect(formatShanghai(resolve.currentDueAt!)).toBe('2026-03-09 16:30');
    expect(resolve.currentPolicyId).toBe('default-normal');
    // Targets the draft does not set fall through to the defaults, unchanged.
    const accept = row(rows, SlaTarget.ACCEPT);
    expect(accept.fromDraft).toBe(false);
    expect(formatShanghai(accept.dueAt)).toBe('2026-03-06 17:00');
    expect(accept.dueAt).toEqual(accept.currentDueAt);
  });

  it('a 24x7 draft runs through the night; a holiday is skipped on working hours', () => {
    const urgent = previewDueTimes(DEFAULT_SLA_POLICIES, draft({ targets: { [SlaTarget.RESOLVE]: { minutes: 240, calendar: CALENDAR_24X7 } } }), subject, t('2026-03-06 22:00'), defaultCalendars);
    expect(formatShanghai(row(urgent, SlaTarget.RESOLVE).dueAt)).toBe('2026-03-07 02:00');
    // 国庆: filed on 30 September 16:30, two working hours land after the holiday week.
    const holiday = previewDueTimes(DEFAULT_SLA_POLICIES, draft(), subject, t('2026-09-30 16:30'), defaultCalendars);
    expect(+row(holiday, SlaTarget.RESOLVE).dueAt).toBeGreaterThan(+t('2026-10-07 23:59'));
  });

  it('does not apply to a ticket outside its scope; a retirement falls back to what is left', () => {
    const other = previewDueTimes(DEFAULT_SLA_POLICIES, draft(), { ...subject, companyId: '8' }, t('2026-03-06 10:00'), defaultCalendars);
    expect(row(other, SlaTarget.RESOLVE).fromDraft).toBe(false);
    const current = { ...draft(), effectiveFrom: t('2026-01-01 00:00') };
    const retire = previewDueTimes([...DEFAULT_SLA_POLICIES, current], draft({ version: 2, retiredAt: t('2026-03-10 00:00') }), subject, t('2026-03-06 10:00'), defaultCalendars);
    expect(row(retire, SlaTarget.RESOLVE)).toMatchObject({ fromDraft: false, policyId: 'default-normal', currentPolicyId: 'p-company-7' });
  });
});
