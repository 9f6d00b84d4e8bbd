import { Role, TicketAction as A, TICKET_LIFECYCLE } from '@msb/shared-types';
import { shanghaiDay } from '../../common/clock';
import type { Viewer } from '../../org/domain/viewer';
import { actingRole, type TicketFacts } from './ticket-access';

/** Someone the complex's team could be given a ticket to. */
export interface TeamMember {
  readonly id: string;
}

/**
 * Whom the viewer may hand this ticket to, by the same rules the ACCEPT and ASSIGN inputs check
 * (action-inputs.checkAssignee): a manager chooses anyone on the team, staff only themselves; never the
 * one who has it already. In REPORTED that is the 受理并指派 choice (a manager's; staff who accept take it
 * themselves, so they get none); later, ASSIGN's. Nobody to choose means ASSIGN is not offered at all.
 */
export function assigneeChoices<M extends TeamMember>(v: Viewer, t: TicketFacts, team: readonly M[]): M[] {
  const action = t.status === 'REPORTED' ? A.ACCEPT : A.ASSIGN;
  const rule = TICKET_LIFECYCLE[t.status][action];
  const role = rule ? actingRole(rule, v, t) : null;
  if (role === Role.PROJECT_MANAGER) return team.filter((m) => m.id !== t.assigneeId);
  if (role === Role.STAFF && action === A.ASSIGN) return team.filter((m) => m.id === v.userId && m.id !== t.assigneeId);
  return [];
}

/**
 * ASSIGN is offered where the lifecycle table allows it and someone is left to choose without looking the
 * team up: staff may only take a ticket themselves, so not one that is theirs already.
 */
export function assignOffered(v: Viewer, t: TicketFacts): boolean {
  const rule = TICKET_LIFECYCLE[t.status][A.ASSIGN];
  const role = rule ? actingRole(rule, v, t) : null;
  if (role === null) return false;
  return role !== Role.STAFF || t.assigneeId !== v.userId;
}

/** How many days back a bare sequence number (“12”, “0012”) is looked for, today first. */
export const NUMBER_SEARCH_DAYS = 7;

/**
 * The ticket numbers (MSB-YYYYMMDD-NNNN) a search box entry can mean, each an exact look-up on the unique
 * number: the whole number (any case, with or without MSB and dashes), a day and its sequence
 * (20261201-12, 2026120100012), or a bare sequence of up to 4 digits, read as one of the last
 * NUMBER_SEARCH_DAYS days' (Asia/Shanghai). Anything else means no number.
 */
export function numberCandidates(raw: string, now: Date): string[] {
  const q = raw.trim().toUpperCase().replace(/[\s_—–－]/g, '-').replace(/^MSB-?/, '');
  const seq = (s: string) => (s.length > 6 || /^0+$/.test(s) ? null : String(Number(s)).padStart(4, '0'));
  const dated = /^(\d{8})-?(\d{1,6})$/.exec(q);
  if (dated) {
    const s = seq(dated[2]);
    return s ? [`MSB-${dated[1]}-${s}`] : [];
  }
  if (/^\d{1,4}$/.test(q)) {
    const s = seq(q);
    if (!s) return [];
    return Array.from({ length: NUMBER_SEARCH_DAYS }, (_, i) => `MSB-${shanghaiDay(new Date(now.getTime() - i * 86_400_000))}-${s}`);
  }
  return [];
}
