/** When clocks start and stop: ticket actions → clock effects (the SLA follower applies them). */
import { TicketAction, TicketStatus } from '@msb/shared-types';
import { SlaTarget } from './sla-target';

export type ClockEffect = 'START' | 'STOP' | 'CANCEL';

/**
 * Which action starts, stops (met or late) or cancels which clock. `START` on a clock that has
 * already stopped begins a new cycle (a reopened ticket gets a fresh resolve limit).
 * A missing target row fails to compile.
 */
export const CLOCK_TRIGGERS = {
  [SlaTarget.ACCEPT]: {
    [TicketAction.REPORT]: 'START',
    [TicketAction.ACCEPT]: 'STOP',
    [TicketAction.REFUSE]: 'STOP',
    [TicketAction.WITHDRAW]: 'CANCEL',
    // A duplicate merged away is nobody's work any more; unmerged, it is back at the front desk, to be accepted afresh.
    [TicketAction.MERGE]: 'CANCEL',
    [TicketAction.UNMERGE]: 'START',
  },
  [SlaTarget.RESOLVE]: {
    [TicketAction.ACCEPT]: 'START',
    [TicketAction.RESOLVE]: 'STOP',
    [TicketAction.REOPEN]: 'START',
    [TicketAction.WITHDRAW]: 'CANCEL',
    [TicketAction.MERGE]: 'CANCEL',
    // Closed because the owner never answered: neither met nor late.
    [TicketAction.CLOSE_UNANSWERED]: 'CANCEL',
  },
  [SlaTarget.DISPATCH_RESPONSE]: {
    [TicketAction.DISPATCH]: 'START',
    [TicketAction.ACCEPT_DISPATCH]: 'STOP',
    [TicketAction.RETURN_DISPATCH]: 'STOP',
    [TicketAction.WITHDRAW]: 'CANCEL',
    [TicketAction.MERGE]: 'CANCEL',
  },
  [SlaTarget.RATING]: {
    [TicketAction.RESOLVE]: 'START',
    [TicketAction.RATE]: 'STOP',
    [TicketAction.REQUEST_MEDIATION]: 'STOP',
    [TicketAction.AUTO_CLOSE]: 'STOP',
  },
  [SlaTarget.MEDIATION]: {
    [TicketAction.REQUEST_MEDIATION]: 'START',
    [TicketAction.RECORD_MEDIATION]: 'STOP',
  },
  // Starts only when the ticket is with an outside department (the SLA service skips it otherwise).
  [SlaTarget.DEPT_RESOLVE]: {
    [TicketAction.ACCEPT_DISPATCH]: 'START',
    [TicketAction.REOPEN]: 'START',
    [TicketAction.RESOLVE]: 'STOP',
    [TicketAction.RETURN_DISPATCH]: 'STOP',
    [TicketAction.WITHDRAW]: 'CANCEL',
    [TicketAction.MERGE]: 'CANCEL',
    [TicketAction.CLOSE_UNANSWERED]: 'CANCEL',
  },
  // The owner's window to answer a question (待补充): the answer stops it; running out closes the ticket.
  // SUPPLY_INFO starts nothing: the handling clock paused by the question resumes where it stopped.
  [SlaTarget.OWNER_INFO]: {
    [TicketAction.REQUEST_INFO]: 'START',
    [TicketAction.SUPPLY_INFO]: 'STOP',
    [TicketAction.CLOSE_UNANSWERED]: 'STOP',
    [TicketAction.WITHDRAW]: 'CANCEL',
  },
} as const satisfies Record<SlaTarget, Partial<Record<TicketAction, ClockEffect>>>;

/**
 * Clock effects of an action. Outcome-dependent ones: a rating of "unsolved" and a mediation
 * sent back to handling restart RESOLVE, like a reopen.
 */
export function clockEffects(action: TicketAction, nextStatus?: TicketStatus): { target: SlaTarget; effect: ClockEffect }[] {
  const effects: { target: SlaTarget; effect: ClockEffect }[] = [];
  for (const target of Object.values(SlaTarget)) {
    const effect = (CLOCK_TRIGGERS[target] as Partial<Record<TicketAction, ClockEffect>>)[action];
    if (effect) effects.push({ target, effect });
  }
  const backToHandling =
    nextStatus === TicketStatus.IN_PROGRESS && (action === TicketAction.RATE || action === TicketAction.RECORD_MEDIATION);
  if (backToHandling) effects.push({ target: SlaTarget.RESOLVE, effect: 'START' }, { target: SlaTarget.DEPT_RESOLVE, effect: 'START' });
  return effects;
}
