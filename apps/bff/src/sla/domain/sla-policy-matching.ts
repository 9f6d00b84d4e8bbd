/** Which policy version is in force, which one a ticket matches (most specific wins), conflicts and validation. */
import type { CalendarId, CalendarLookup } from './working-calendar';
import { SlaTarget } from './sla-target';
import { DEFAULT_WARN_SHARE, type PolicyScope, type ResolvedTerms, type SlaPolicy, type SlaSubject, type TargetTerms } from './sla-policy';

/** The version of each policy in force at `at`: the highest whose `effectiveFrom` has come. */
export function policiesInForce(versions: readonly SlaPolicy[], at: Date): SlaPolicy[] {
  const latest = new Map<string, SlaPolicy>();
  for (const p of versions) {
    if (+p.effectiveFrom > +at) continue;
    const seen = latest.get(p.id);
    if (!seen || p.version > seen.version) latest.set(p.id, p);
  }
  return [...latest.values()].filter((p) => !p.retiredAt || +p.retiredAt > +at);
}

function scopeMatches(scope: PolicyScope, subject: SlaSubject): boolean {
  switch (scope.kind) {
    case 'GLOBAL':
      return true;
    case 'COMPANY':
      return scope.companyId === subject.companyId;
    case 'COMPLEX':
      return scope.complexId === subject.complexId;
    case 'UNIT':
      return subject.unitId != null && scope.unitId === subject.unitId;
  }
}

/** A unit's own policy is the most specific: the department that does the work sets its limit. */
const SCOPE_RANK: Record<PolicyScope['kind'], number> = { GLOBAL: 0, COMPANY: 1, COMPLEX: 2, UNIT: 3 };

/**
 * How specific a policy is: scope first (complex > company > global), then a named category,
 * then a named priority. A complex's catch-all beats the company's category rule: the people
 * closest to the complex decide.
 */
export function specificity(policy: SlaPolicy): number {
  return SCOPE_RANK[policy.scope.kind] * 4 + (policy.category !== null ? 2 : 0) + (policy.priority !== null ? 1 : 0);
}

export function policyMatches(policy: SlaPolicy, subject: SlaSubject): boolean {
  return (
    scopeMatches(policy.scope, subject) &&
    (policy.category === null || policy.category === subject.category) &&
    (policy.priority === null || policy.priority === subject.priority)
  );
}

function byMostSpecific(a: SlaPolicy, b: SlaPolicy): number {
  // Ties (two policies equally specific) are a configuration error `findPolicyConflicts`
  // reports; the id order keeps the answer deterministic meanwhile.
  return specificity(b) - specificity(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function resolveTerms(policy: SlaPolicy, target: SlaTarget): ResolvedTerms | null {
  const terms = policy.targets[target];
  if (!terms) return null;
  return {
    target,
    policyId: policy.id,
    policyVersion: policy.version,
    minutes: terms.minutes,
    calendar: terms.calendar,
    warnShare: terms.warnShare === undefined ? DEFAULT_WARN_SHARE : terms.warnShare,
    escalation: terms.escalation ?? null,
    pauseWhen: terms.pauseWhen ?? null,
  };
}

/**
 * The terms for one target: from the most specific policy in force that matches the ticket and
 * sets that target. Null when no policy sets it (the target is not timed).
 */
export function matchTarget(policies: readonly SlaPolicy[], subject: SlaSubject, target: SlaTarget, at: Date): ResolvedTerms | null {
  const candidates = policiesInForce(policies, at)
    .filter((p) => p.targets[target] && policyMatches(p, subject))
    .sort(byMostSpecific);
  return candidates.length ? resolveTerms(candidates[0], target) : null;
}

/** Terms for every target (see `matchTarget`). */
export function matchTargets(policies: readonly SlaPolicy[], subject: SlaSubject, at: Date): Record<SlaTarget, ResolvedTerms | null> {
  return Object.fromEntries(Object.values(SlaTarget).map((t) => [t, matchTarget(policies, subject, t, at)])) as Record<
    SlaTarget,
    ResolvedTerms | null
  >;
}

/** Pairs of policies in force that are equally specific, overlap, and set the same target. */
export function findPolicyConflicts(policies: readonly SlaPolicy[], at: Date): [SlaPolicy, SlaPolicy, SlaTarget][] {
  const live = policiesInForce(policies, at);
  const sameScope = (a: PolicyScope, b: PolicyScope) =>
    a.kind === b.kind &&
    (a.kind === 'GLOBAL' ||
      (a.kind === 'COMPANY' && b.kind === 'COMPANY' && a.companyId === b.companyId) ||
      (a.kind === 'COMPLEX' && b.kind === 'COMPLEX' && a.complexId === b.complexId) ||
      (a.kind === 'UNIT' && b.kind === 'UNIT' && a.unitId === b.unitId));
  const conflicts: [SlaPolicy, SlaPolicy, SlaTarget][] = [];
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [live[i], live[j]];
      if (!sameScope(a.scope, b.scope) || a.category !== b.category || a.priority !== b.priority) continue;
      for (const t of Object.values(SlaTarget)) if (a.targets[t] && b.targets[t]) conflicts.push([a, b, t]);
    }
  }
  return conflicts;
}

/** Checks one policy version for values the engine cannot work with; returns the problems. */
export function validatePolicy(policy: SlaPolicy, calendars: CalendarLookup): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(policy.version) || policy.version < 1) problems.push('version must be a positive integer');
  for (const [target, terms] of Object.entries(policy.targets) as [SlaTarget, TargetTerms][]) {
    if (!(terms.minutes > 0) || !Number.isFinite(terms.minutes)) problems.push(`${target}: minutes must be > 0`);
    if (terms.warnShare != null && !(terms.warnShare > 0 && terms.warnShare < 1)) problems.push(`${target}: warnShare must be in (0, 1)`);
    for (const id of [terms.calendar, terms.escalation?.calendar].filter((c): c is CalendarId => !!c)) {
      try {
        calendars(id);
      } catch {
        problems.push(`${target}: unknown calendar ${id}`);
      }
    }
    terms.escalation?.steps.forEach((s, i) => {
      if (!(s.delayMinutes >= 0)) problems.push(`${target}: escalation step ${i + 1} delay must be ≥ 0`);
    });
  }
  return problems;
}
