import { Role, TicketAction, TicketStatus } from './enums';

/**
 * How an actor must stand to the ticket, beyond holding the role.
 * The bff evaluates these against the ticket and the caller's scoped role assignments.
 */
export type Relation =
  /** The owner who filed it. */
  | 'REPORTER'
  /** Any owner: filing is open to every signed-in owner holding a valid QR token. */
  | 'ANY_OWNER'
  /** Staff/manager of the company serving the ticket's complex (and the complex is in their scope). */
  | 'SERVES_COMPLEX'
  /** As SERVES_COMPLEX, and the ticket is with the property side (not handed to an outside unit). */
  | 'PROPERTY_HANDLING'
  /** The assigned handler, while the ticket is with the property side. */
  | 'ASSIGNEE'
  /** A member of the unit the ticket is dispatched to (waiting for it to accept or return). */
  | 'DISPATCH_TARGET'
  /** A member of the outside unit currently handling the ticket. */
  | 'HANDLING_UNIT'
  /** A member of a unit the ticket is or was handed to (read and comment). */
  | 'UNIT_INVOLVED'
  /** A mediator of the ticket's community. */
  | 'COMMUNITY_MEDIATOR'
  /** The scheduler; never a person. */
  | 'SYSTEM';

/** Where an action leads: one state, or one per outcome the actor chooses. */
export type Target = TicketStatus | { readonly [outcome: string]: TicketStatus };

export interface TransitionRule {
  readonly to: Target;
  /** Who may take the action from this state, and how they must stand to the ticket. */
  readonly by: Partial<Record<Role | 'SYSTEM', Relation>>;
}

/** state × action → rule. An action missing from a state's row is not allowed there. */
export type LifecycleTable = {
  readonly [S in TicketStatus]: Partial<Record<TicketAction, TransitionRule>>;
};

