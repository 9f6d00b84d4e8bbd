import { Role, TicketStatus as S } from '@msb/shared-types';
import type { Viewer } from '../../org/domain/viewer';
import { assigneeChoices, assignOffered, numberCandidates, NUMBER_SEARCH_DAYS } from './assignees';
import type { TicketFacts } from './ticket-access';

const viewer = (userId: string, role: Role.STAFF | Role.PROJECT_MANAGER): Viewer => ({
  userId, name: userId, roles: new Set([role]),
  staffComplexIds: new Set(role === Role.STAFF ? [1] : []), managerComplexIds: new Set(role === Role.PROJECT_MANAGER ? [1] : []),
  managerCompanyIds: new Set(role === Role.PROJECT_MANAGER ? [9] : []), unitIds: new Set(), headUnitIds: new Set(), mediatorCommunityIds: new Set(), oversightCommunityIds: new Set(),
});
const ticket = (status: S, assigneeId: string | null): TicketFacts => ({
  id: '1', status, complexId: 1, communityId: 1, reporterId: '99', assigneeId, handlingUnitId: null, handlingUnitKind: null,
  dispatchTargetUnitId: null, dispatchTargetCompanyId: null, companyId: 9, mediationRequestedAt: null,
});
const team = [{ id: '10' }, { id: '11' }, { id: '20' }];

describe('whom a ticket may be given to', () => {
  it('a manager: the whole team in REPORTED (受理并指派), everyone but the holder later', () => {
    expect(assigneeChoices(viewer('20', Role.PROJECT_MANAGER), ticket(S.REPORTED, null), team).map((m) => m.id)).toEqual(['10', '11', '20']);
    expect(assigneeChoices(viewer('20', Role.PROJECT_MANAGER), ticket(S.IN_PROGRESS, '10'), team).map((m) => m.id)).toEqual(['11', '20']);
  });
  it('staff: nobody when accepting (they take it themselves), only themselves later, never when it is theirs', () => {
    expect(assigneeChoices(viewer('10', Role.STAFF), ticket(S.REPORTED, null), team)).toEqual([]);
    expect(assigneeChoices(viewer('10', Role.STAFF), ticket(S.ACCEPTED, '11'), team).map((m) => m.id)).toEqual(['10']);
    expect(assigneeChoices(viewer('10', Role.STAFF), ticket(S.ACCEPTED, '10'), team)).toEqual([]);
    expect(assignOffered(viewer('10', Role.STAFF), ticket(S.ACCEPTED, '10'))).toBe(false);
    expect(assignOffered(viewer('10', Role.STAFF), ticket(S.ACCEPTED, '11'))).toBe(true);
    expect(assignOffered(viewer('20', Role.PROJECT_MANAGER), ticket(S.ACCEPTED, '20'))).toBe(true);
  });
  it('no ASSIGN row, no choice (a resolved ticket)', () => {
    expect(assigneeChoices(viewer('20', Role.PROJECT_MANAGER), ticket(S.RESOLVED, '10'), team)).toEqual([]);
    expect(assignOffered(viewer('20', Role.PROJECT_MANAGER), ticket(S.RESOLVED, '10'))).toBe(false);
  });
});

describe('what a typed ticket number can mean', () => {
  // 2026-12-01 01:00 in Shanghai is still 30 November in UTC: the day is Shanghai's.
  const now = new Date('2026-11-30T17:00:00Z');
  it('the whole number in any case, with or without MSB and dashes', () => {
    expect(numberCandidates('MSB-20261201-0012', now)).toEqual(['MSB-20261201-0012']);
    expect(numberCandidates(' msb20261201-0012 ', now)).toEqual(['MSB-20261201-0012']);
    expect(numberCandidates('20261201-12', now)).toEqual(['MSB-20261201-0012']);
    expect(numberCandidates('2026120100012', now)).toEqual(['MSB-20261201-0012']);
    expect(numberCandidates('20261201-12345', now)).toEqual(['MSB-20261201-12345']);
  });
  it('a bare sequence: that number on each of the last days, today (Shanghai) first', () => {
    const c = numberCandidates('12', now);
    expect(c).toHaveLength(NUMBER_SEARCH_DAYS);
    expect(c[0]).toBe('MSB-20261201-0012');
    expect(c[1]).toBe('MSB-20261130-0012');
  });
  it('anything else means no number', () => {
    for (const q of ['', 'MSB', '电梯', '0', '12345', '2026-12-01', 'MSB-20261201-', "1' OR 1=1"]) expect(numberCandidates(q, now)).toEqual([]);
  });
});
