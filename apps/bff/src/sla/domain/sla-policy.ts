/**
 * SLA policies as data: time limits per target, matched by category × priority, overridable per
 * property company or complex, versioned; the escalation chain on breach; the pause rules.
 * The rooms beside it: matching (sla-policy-matching), pause rules and escalation timing
 * (sla-escalation), which action starts or stops which clock (sla-clock-triggers), and the platform
 * defaults with their reasons (sla-policy-defaults).
 */
import type { Priority, TicketStatus } from '@msb/shared-types';
import type { CalendarId } from './working-calendar';
import type { SlaTarget } from './sla-target';

export const DEFAULT_WARN_SHARE = 0.75;

/** Who hears about a breach, in order. The notifications module maps a level to people. */
export enum EscalationLevel {
  /** The assigned handler (or, for a dispatch, the receiving unit). */
  HANDLER = 'HANDLER',
  PROJECT_MANAGER = 'PROJECT_MANAGER',
  /** The property company's management. */
  COMPANY = 'COMPANY',
  /** The community (社区), its 环境和物业管理委员会. */
  COMMUNITY = 'COMMUNITY',
  /** The street office (街道). */
  STREET = 'STREET',
}

export interface EscalationStep {
  readonly level: EscalationLevel;
  /** Minutes after the previous step (after the breach, for the first step). */
  readonly delayMinutes: number;
}

export interface EscalationChain {
  /** The calendar the delays count on. */
  readonly calendar: CalendarId;
  readonly steps: readonly EscalationStep[];
}

/** What the ticket is doing now, as far as pausing a clock is concerned. */
export interface TicketSituation {
  readonly status: TicketStatus;
  /** An outside department (UnitKind.DEPARTMENT) has accepted the ticket and is handling it. */
  readonly withOutsideDepartment?: boolean;
  /** The handler asked the owner for more information and is waiting for the answer. */
  readonly awaitingOwner?: boolean;
}

/** A clock pauses while any of these holds. */
export interface PauseRule {
  readonly statuses?: readonly TicketStatus[];
  readonly withOutsideDepartment?: boolean;
  /** Pause while the ticket is NOT with an outside department (the department's own limit). */
  readonly withoutOutsideDepartment?: boolean;
  readonly awaitingOwner?: boolean;
}

export interface TargetTerms {
  readonly minutes: number;
  readonly calendar: CalendarId;
  /** Share of the limit at which to warn, in (0, 1); null: no warning. Default 0.75. */
  readonly warnShare?: number | null;
  /** Default: no escalation. */
  readonly escalation?: EscalationChain;
  /** Default: never paused. */
  readonly pauseWhen?: PauseRule;
}

/**
 * Whose policy: everyone's, one property company's, one complex's, or one handling unit's (an outside
 * department's own limits: its DEPT_RESOLVE, its DISPATCH_RESPONSE).
 */
export type PolicyScope =
  | { readonly kind: 'GLOBAL' }
  | { readonly kind: 'COMPANY'; readonly companyId: string }
  | { readonly kind: 'COMPLEX'; readonly complexId: string }
  | { readonly kind: 'UNIT'; readonly unitId: string };

/**
 * One version of a policy. Versions are immutable: an edit adds version n+1 with a later
 * `effectiveFrom`, and a running clock keeps the version it started under until recalculated.
 */
export interface SlaPolicy {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly scope: PolicyScope;
  /** A category code (shared-types CATEGORIES), or null for any category. */
  readonly category: string | null;
  /** null: any priority. */
  readonly priority: Priority | null;
  /** Targets this policy sets; the others fall through to less specific policies. */
  readonly targets: Readonly<Partial<Record<SlaTarget, TargetTerms>>>;
  readonly effectiveFrom: Date;
  /** A retired policy matches nothing from this instant on (its versions stay for old clocks). */
  readonly retiredAt?: Date | null;
}

/** What a ticket is matched on. */
export interface SlaSubject {
  readonly companyId: string;
  readonly complexId: string;
  readonly category: string;
  readonly priority: Priority;
  /** The unit handling the ticket (or, while dispatched, the one it waits on); null with the property side. */
  readonly unitId?: string | null;
}

/** A target's terms for one ticket, with the policy version they came from. */
export interface ResolvedTerms {
  readonly target: SlaTarget;
  readonly policyId: string;
  readonly policyVersion: number;
  readonly minutes: number;
  readonly calendar: CalendarId;
  readonly warnShare: number | null;
  readonly escalation: EscalationChain | null;
  readonly pauseWhen: PauseRule | null;
}
