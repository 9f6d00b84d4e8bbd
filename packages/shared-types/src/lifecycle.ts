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
  /** Oversight whose assigned area holds the ticket's community (the city: every ticket). */
  | 'OVERSEES'
  /** Another owner (not the reporter) who holds a QR code of the ticket's complex: sees it only as a public summary. */
  | 'NEIGHBOUR'
  /** The head of the outside department handling the ticket now (DEPT_HEAD of that unit). */
  | 'UNIT_HEAD'
  /** The scheduler; never a person. */
  | 'SYSTEM';

/** Where an action leads: one state, or one per outcome the actor chooses. */
export type Target = TicketStatus | { readonly [outcome: string]: TicketStatus };

/** Who may take an action from a state, and how they must stand to the ticket. */
export type Permitted = Partial<Record<Role | 'SYSTEM', Relation>>;

/** What an action is wherever it is taken: the same in every state whose row holds it. */
export interface ActionRule {
  /** The GraphQL mutation that performs it; null when only the scheduler takes it. */
  readonly mutation: string | null;
  /** The mutation's input type. */
  readonly input: string | null;
  /**
   * false: it only records something on the timeline. The ticket keeps its state and version (a
   * concurrent change is caught on the status instead, so no version is sent), and SLA clocks ignore it.
   */
  readonly changesState: boolean;
  /** Chinese name, as the timeline shows what happened. */
  readonly label: string;
  /** Chinese label of its button, where the verb differs from the timeline's name. */
  readonly button?: string;
  /** What its mutation answers when not the Ticket (an owner joining another's report sees only its public summary). */
  readonly returns?: 'PublicTicket';
}

/** One state an action can lead to. */
export interface Outcome {
  /** The actor's choice that leads there (`solved`, `BACK_TO_HANDLING` …); null for a rule with one target. */
  readonly key: string | null;
  readonly to: TicketStatus;
  /** The ticket goes back to its handler after it was resolved (a rating of unsolved, mediation, a reopen). */
  readonly backToHandling: boolean;
}

/** A row as written in the table: where the action leads from this state, and who may take it. */
export interface RuleRow {
  readonly to: Target;
  readonly by: Permitted;
}

/** A cell of the lifecycle table, as every reader sees it: the row joined with the action's own rule. */
export interface TransitionRule extends RuleRow, ActionRule {
  readonly action: TicketAction;
  /** The state it is taken from; null for filing, which creates the ticket. */
  readonly from: TicketStatus | null;
  readonly outcomes: readonly Outcome[];
}

/** state × action → row, as written. An action missing from a state's row is not allowed there. */
export type LifecycleRows = {
  readonly [S in TicketStatus]: Partial<Record<TicketAction, RuleRow>>;
};

/** state × action → rule, as read. */
export type LifecycleTable = {
  readonly [S in TicketStatus]: Partial<Record<TicketAction, TransitionRule>>;
};
