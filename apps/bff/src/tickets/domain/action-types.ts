import type { MediationOutcome, Priority, RefuseReason, Role, TicketAction as A, TicketStatus, UnitKind } from '@msb/shared-types';
import type { Viewer } from '../../org/domain/viewer';

/** The shapes of an action's input rule (ACTION_INPUTS in action-inputs.ts, LINK_INPUTS in link-inputs.ts). */

/** Everything an action may carry; each action reads its own fields (its rule below). */
export interface ActionInput {
  ticketId: string;
  version?: number | null;
  note?: string | null;
  photoIds?: string[] | null;
  assigneeId?: string | null;
  reason?: string | null;
  refuseReason?: RefuseReason | null;
  duplicateOfNumber?: string | null;
  targetUnitId?: number | null;
  solved?: boolean | null;
  satisfaction?: number | null;
  outcome?: MediationOutcome | null;
  meetingAt?: Date | null;
  place?: string | null;
  participants?: string | null;
  /** 12345: how the caller was contacted (phone, visit, wechat). */
  method?: string | null;
  /** 12345: the legal or remit basis of a return request, and the unit it suggests. */
  basis?: string | null;
  suggestedUnit?: string | null;
  /** 12345: the resolve-by an extension asks for. */
  requestedDeadline?: Date | string | null;
  /** 督办: the new deadline oversight sets (it moves the running SLA clocks that would run out later). */
  deadline?: Date | null;
  /** An outside channel's own references (e.g. its update id), kept on the event's data. */
  channel?: Record<string, unknown> | null;
  /** "Me too": the QR code the owner scanned (it proves the complex). */
  qrToken?: string | null;
  /** Merge: the open ticket the duplicate goes into. */
  intoTicketId?: string | null;
  /** A "not our remit" refusal: the outside department to turn to, and/or the 12345 hotline. */
  suggestedUnitId?: number | null;
  suggestHotline?: boolean | null;
  /** Reclassify: the new category and/or priority. */
  categoryCode?: string | null;
  priority?: Priority | null;
  /** Extension decision: granted (true) or refused (false). */
  granted?: boolean | null;
}

/** The ticket fields an action's input reads. */
export interface InputFacts {
  readonly id: string;
  readonly complexId: number;
  readonly companyId: number | null;
  readonly assigneeId: string | null;
  readonly handlingUnitId: number | null;
  readonly dispatchTargetUnitId: number | null;
  readonly categoryCode: string;
  readonly priority: Priority;
  readonly extensionRequestedUntil: Date | null;
}

/** The ticket fields an action may set (besides status, version and updatedAt, which the transition sets). */
export interface TicketChanges {
  assigneeId?: string | null;
  handlingUnitId?: number | null;
  dispatchTargetUnitId?: number | null;
  acceptedAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  ratingSolved?: boolean | null;
  ratingScore?: number | null;
  ratedAt?: Date | null;
  mediationRequestedAt?: Date;
  categoryCode?: string;
  priority?: Priority;
  extensionRequestedUntil?: Date | null;
}

/** Who acts, on what, with what, when. */
export interface ActionContext {
  readonly viewer: Pick<Viewer, 'userId'>;
  readonly role: Role;
  readonly ticket: InputFacts;
  readonly raw: ActionInput;
  readonly now: Date;
}

/** What an action's input asks the service to look up (the only I/O); each key is absent when not asked. */
export interface Needs {
  /** A user to check as a handler of the ticket's complex or unit. */
  readonly assigneeId?: string;
  /** A ticket number this one duplicates. */
  readonly duplicateOfNumber?: string;
  /** The unit to dispatch to. */
  readonly unitId?: number;
  /** How many times the ticket was taken this action before (督办 counts its rounds). */
  readonly priorOf?: A;
  /** Who dispatched the ticket last (a unit handing it back after accepting returns it to them). */
  readonly dispatcher?: true;
  /** The complex of a QR token ("me too"). */
  readonly qrToken?: string;
  /** Whether the caller already follows the ticket. */
  readonly following?: true;
  /** The ticket a duplicate is to be merged into. */
  readonly intoTicketId?: string;
  /** Where the ticket was merged (its last MERGE). */
  readonly mergedInto?: true;
  /** The property company declining (named on a refusal). */
  readonly declinedBy?: true;
  /** A category to reclassify to. */
  readonly categoryCode?: string;
}

/** The answers to `Needs`. */
export interface Found {
  readonly assigneeIsHandler?: boolean;
  readonly duplicate?: { readonly id: string; readonly number: string; readonly complexId: number } | null;
  readonly unit?: { readonly id: number; readonly name: string; readonly kind: UnitKind; readonly companyId: number | null } | null;
  readonly dispatcherId?: string | null;
  readonly prior?: number;
  readonly qrComplexId?: number | null;
  readonly following?: boolean;
  readonly into?: { readonly id: string; readonly number: string; readonly complexId: number; readonly status: TicketStatus } | null;
  readonly mergedInto?: { readonly id: string; readonly number: string } | null;
  readonly declinedBy?: string | null;
  readonly category?: { readonly code: string; readonly name: string } | null;
}

/** What an action writes: fields of the ticket, the outcome it chose, and its timeline entry's note and data. */
export interface Prepared {
  readonly changes: TicketChanges;
  readonly outcome?: string;
  readonly note: string | null;
  readonly data: Record<string, unknown> | null;
  /**
   * A record-only action that may happen once per window (催办): it claims the ticket's `lastUrgedAt` for `at`
   * only when the last claim is not after `notAfter`, in the same statement that checks the status.
   */
  readonly once?: { readonly at: Date; readonly notAfter: Date; readonly refusal: string };
}

/** The note an action records: which input field carries it, its Chinese name, and whether it is required. */
export interface NoteRule {
  readonly field: 'note' | 'reason';
  readonly label: string | ((raw: ActionInput) => string);
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
}

/**
 * One action's input rule. `needs` says what to look up (never throws); `apply` checks the action's own
 * fields against what was found and works out its changes; the note is checked after them.
 */
export interface InputRule {
  readonly note: NoteRule;
  readonly needs?: (c: ActionContext) => Needs;
  readonly apply?: (c: ActionContext, found: Found) => Omit<Prepared, 'note'>;
}

