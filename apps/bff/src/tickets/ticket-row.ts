import type { UnitKind } from '@msb/shared-types';
import type { TicketEntity } from './ticket.entities';

/** A ticket as the tickets service hands it to other features (their type for it; the table stays the repository's). */
export type TicketRow = TicketEntity & {
  handlingUnitKind: UnitKind | null;
  dispatchTargetCompanyId: number | null;
  /** Inbox order (kept by the SLA engine): bucket 0 breached … 3 no running clock, then sort ascending. Absent on rows not read back. */
  urgencyBucket?: number;
  urgencySort?: string;
  /** Names joined in on reads, so lists need no per-row lookups. Absent on rows composed after a change. */
  display?: TicketDisplay;
};

/** A system note on a ticket's timeline (SLA warning, breach, escalation): no actor, no state change. */
export interface SystemNote {
  readonly ticketId: string;
  readonly status: TicketRow['status'];
  readonly kind: string;
  readonly note: string;
  readonly data: Record<string, unknown>;
  /** When it was due (the timeline's date). */
  readonly at: Date;
  /** When it was applied (written); its distance from `at` is the lateness. */
  readonly appliedAt: Date;
}

export interface TicketDisplay {
  complexName: string;
  complexAddress: string;
  reporterName: string;
  /** The assignee these names were read for (a change may have moved it since). */
  assigneeId: string | null;
  assigneeName: string | null;
  spotName: string | null;
  spotKind: string | null;
  spotBuildingId: number | null;
  buildingName: string | null;
}
