import type { SlaPolicy, SlaSubject } from './sla-policy';
import { matchTargets } from './sla-policy-matching';
import { SLA_TARGETS, type SlaTarget } from './sla-target';
import { addWorkingMinutes, type CalendarId, type CalendarLookup } from './working-calendar';

/** One target's limit for a ticket filed at `at`, under the policies in force now and with the draft in force. */
export interface PreviewRow {
  readonly target: SlaTarget;
  readonly minutes: number;
  readonly calendar: CalendarId;
  /** When the limit runs out for a clock started at `at` (on its calendar: working hours skip nights, weekends, holidays). */
  readonly dueAt: Date;
  readonly policyId: string;
  readonly policyVersion: number;
  /** The same target today (null: no policy sets it). */
  readonly currentDueAt: Date | null;
  readonly currentPolicyId: string | null;
  /** The draft is the policy this target would come from. */
  readonly fromDraft: boolean;
}

/**
 * "With this policy a ticket filed now would be due at …": every target matched for `subject` at `at` with the
 * draft in force from `at` (it replaces the version of its id in force), next to what the policies in force give
 * today. Each due time counts from `at` on the target's calendar.
 */
export function previewDueTimes(all: readonly SlaPolicy[], draft: SlaPolicy, subject: SlaSubject, at: Date, calendars: CalendarLookup): PreviewRow[] {
  const withDraft = [...all.filter((p) => p.id !== draft.id || +p.effectiveFrom <= +at), { ...draft, version: Number.MAX_SAFE_INTEGER, effectiveFrom: new Date(+at), retiredAt: draft.retiredAt ? new Date(+at) : null }];
  const next = matchTargets(withDraft, subject, at);
  const now = matchTargets(all, subject, at);
  const out: PreviewRow[] = [];
  for (const target of SLA_TARGETS) {
    const t = next[target];
    if (!t) continue;
    const c = now[target];
    const fromDraft = t.policyId === draft.id && t.policyVersion === Number.MAX_SAFE_INTEGER;
    out.push({
      target, minutes: t.minutes, calendar: t.calendar, dueAt: addWorkingMinutes(at, t.minutes, calendars(t.calendar)),
      policyId: t.policyId, policyVersion: fromDraft ? draft.version : t.policyVersion,
      currentDueAt: c ? addWorkingMinutes(at, c.minutes, calendars(c.calendar)) : null, currentPolicyId: c?.policyId ?? null, fromDraft,
    });
  }
  return out;
}
