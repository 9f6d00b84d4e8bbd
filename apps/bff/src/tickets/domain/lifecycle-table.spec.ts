/**
 * The whole lifecycle table, without I/O: every state × every action × every actor (each holding one role
 * with its own scope) × every way the ticket can be held (property side, a property team, an outside
 * department, dispatched to either, with or without mediation). The expected answer comes from an oracle
 * written here in terms of who the actors are, not from the permission code under test. The HTTP spec
 * (test/lifecycle-table.int-spec.ts) walks the reachable situations end to end; this one covers every cell.
 */
import { Role, TicketAction as A, TicketStatus as S, UnitKind, TICKET_LIFECYCLE, ruleFor, type Relation } from '@msb/shared-types';
import type { Viewer } from '../../org/domain/viewer';
import { actingRole, availableActions, canView, type TicketFacts } from './ticket-access';

const COMPLEX = 1;
const COMMUNITY = 10;
const COMPANY = 100;
const DEPT = 7;
const TEAM = 8;

type ActorKey =
  | 'ownerA' | 'ownerB' | 'staffA' | 'staffA2' | 'teamStaffA' | 'managerA' | 'staffB' | 'managerB'
  | 'dept' | 'mediatorA' | 'mediatorB' | 'oversightStreet' | 'oversightCity' | 'admin' | 'deptHead';

interface Scope {
  staff?: number[]; manager?: number[]; managerCompanies?: number[]; units?: number[]; heads?: number[]; mediator?: number[]; oversight?: number[] | 'ALL';
}

const actor = (userId: string, role: Role, s: Scope = {}): Viewer => ({
  userId, name: userId, roles: new Set([role]), staffComplexIds: new Set(s.staff), managerComplexIds: new Set(s.manager),
  managerCompanyIds: new Set(s.managerCompanies), unitIds: new Set(s.units), headUnitIds: new Set(s.heads), mediatorCommunityIds: new Set(s.mediator),
  oversightCommunityIds: s.oversight === 'ALL' ? 'ALL' : new Set(s.oversight),
});

/** Complex 1 (community 10, company 100) is "A"; complex 2 (community 20, company 200) is "B". */
const ACTORS: Record<ActorKey, Viewer> = {
  ownerA: actor('1', Role.OWNER),
  ownerB: actor('2', Role.OWNER),
  staffA: actor('11', Role.STAFF, { staff: [COMPLEX] }),
  staffA2: actor('12', Role.STAFF, { staff: [COMPLEX] }),
  teamStaffA: actor('13', Role.STAFF, { staff: [COMPLEX], units: [TEAM] }),
  managerA: actor('14', Role.PROJECT_MANAGER, { manager: [COMPLEX], managerCompanies: [COMPANY] }),
  staffB: actor('15', Role.STAFF, { staff: [2] }),
  managerB: actor('16', Role.PROJECT_MANAGER, { manager: [2], managerCompanies: [200] }),
  dept: actor('17', Role.DEPT_HANDLER, { units: [DEPT] }),
  mediatorA: actor('18', Role.MEDIATOR, { mediator: [COMMUNITY] }),
  mediatorB: actor('19', Role.MEDIATOR, { mediator: [20] }),
  oversightStreet: actor('20', Role.OVERSIGHT, { oversight: [COMMUNITY] }),
  oversightCity: actor('21', Role.OVERSIGHT, { oversight: 'ALL' }),
  admin: actor('22', Role.ADMIN),
  deptHead: actor('23', Role.DEPT_HEAD, { units: [DEPT], heads: [DEPT] }),
};
const KEYS = Object.keys(ACTORS) as ActorKey[];
const roleOf = (k: ActorKey) => [...ACTORS[k].roles][0];

type UnitRef = 'dept' | 'team' | null;

/** How the ticket is held, in the oracle's words. */
interface Holding {
  name: string;
  assignee: ActorKey | null;
  handlingUnit: UnitRef;
  dispatchTarget: UnitRef;
}

const HOLDINGS: Holding[] = [
  { name: 'property side, unassigned', assignee: null, handlingUnit: null, dispatchTarget: null },
  { name: 'property side, staffA', assignee: 'staffA', handlingUnit: null, dispatchTarget: null },
  { name: 'property team', assignee: 'teamStaffA', handlingUnit: 'team', dispatchTarget: null },
  { name: 'outside department', assignee: 'dept', handlingUnit: 'dept', dispatchTarget: null },
  { name: 'dispatched to the department', assignee: 'staffA', handlingUnit: null, dispatchTarget: 'dept' },
  { name: 'dispatched to a property team', assignee: 'staffA', handlingUnit: null, dispatchTarget: 'team' },
];

const unitId = (u: UnitRef) => (u === 'dept' ? DEPT : u === 'team' ? TEAM : null);

function factsOf(status: S, h: Holding, mediationRequested: boolean): TicketFacts {
  return {
    id: '900', status, complexId: COMPLEX, communityId: COMMUNITY, companyId: COMPANY, reporterId: ACTORS.ownerA.userId,
    assigneeId: h.assignee ? ACTORS[h.assignee].userId : null,
    handlingUnitId: unitId(h.handlingUnit),
    handlingUnitKind: h.handlingUnit === 'dept' ? UnitKind.DEPARTMENT : h.handlingUnit === 'team' ? UnitKind.PROPERTY_TEAM : null,
    dispatchTargetUnitId: unitId(h.dispatchTarget),
    dispatchTargetCompanyId: h.dispatchTarget === 'team' ? COMPANY : null,
    mediationRequestedAt: mediationRequested ? new Date('2026-01-01T00:00:00Z') : null,
  };
}

// ---- the oracle ----------------------------------------------------------------------------

const SERVES_A: ActorKey[] = ['staffA', 'staffA2', 'teamStaffA', 'managerA'];
const members = (u: UnitRef): ActorKey[] => (u === 'dept' ? ['dept', 'deptHead'] : u === 'team' ? ['teamStaffA'] : []);

function stands(rel: Relation, who: ActorKey, h: Holding): boolean {
  const serves = SERVES_A.includes(who);
  switch (rel) {
    case 'REPORTER': return who === 'ownerA';
    case 'ANY_OWNER': return who === 'ownerA' || who === 'ownerB';
    case 'SERVES_COMPLEX': return serves;
    case 'PROPERTY_HANDLING': return serves && h.handlingUnit !== 'dept';
    case 'ASSIGNEE': return who === h.assignee && h.handlingUnit !== 'dept';
    case 'DISPATCH_TARGET': return h.dispatchTarget === 'dept' ? who === 'dept' : h.dispatchTarget === 'team' ? who === 'teamStaffA' || who === 'managerA' : false;
    case 'HANDLING_UNIT': return members(h.handlingUnit).includes(who);
    case 'UNIT_INVOLVED': return members(h.handlingUnit).includes(who) || members(h.dispatchTarget).includes(who);
    case 'UNIT_HEAD': return who === 'deptHead' && h.handlingUnit === 'dept';
    case 'COMMUNITY_MEDIATOR': return who === 'mediatorA';
    case 'OVERSEES': return who === 'oversightStreet' || who === 'oversightCity';
    case 'NEIGHBOUR': return who === 'ownerB';
    case 'SYSTEM': return false;
  }
}

function sees(who: ActorKey, h: Holding, mediationRequested: boolean): boolean {
  if (['admin', 'ownerA', 'oversightStreet', 'oversightCity', ...SERVES_A].includes(who)) return true;
  if (who === 'dept' || who === 'deptHead') return h.handlingUnit === 'dept' || h.dispatchTarget === 'dept';
  if (who === 'mediatorA') return mediationRequested;
  return false;
}

type Verdict = 'OK' | 'NOT_FOUND' | 'INVALID_TRANSITION' | 'FORBIDDEN';

function expected(status: S, action: A, who: ActorKey, h: Holding, mediation: boolean): Verdict {
  if (!sees(who, h, mediation)) return 'NOT_FOUND';
  const rule = ruleFor(status, action);
  if (!rule) return 'INVALID_TRANSITION';
  const rel = (rule.by as Partial<Record<string, Relation>>)[roleOf(who)];
  return rel && stands(rel, who, h) ? 'OK' : 'FORBIDDEN';
}

/** The checks in the order the service makes them (visibility, the state's row, role and relation). */
function actual(status: S, action: A, v: Viewer, t: TicketFacts): Verdict {
  if (!canView(v, t)) return 'NOT_FOUND';
  const rule = ruleFor(status, action);
  if (!rule) return 'INVALID_TRANSITION';
  return actingRole(rule, v, t) === null ? 'FORBIDDEN' : 'OK';
}

// ---- the cells -----------------------------------------------------------------------------

const STATUSES = Object.values(S);
const ACTIONS = Object.values(A);

describe('every cell of the lifecycle table, for every actor and holding', () => {
  const counts: Record<Verdict, number> = { OK: 0, NOT_FOUND: 0, INVALID_TRANSITION: 0, FORBIDDEN: 0 };

  describe.each(STATUSES)('%s', (status) => {
    it.each(HOLDINGS.flatMap((h) => [false, true].map((m) => [`${h.name}${m ? ', mediation requested' : ''}`, h, m] as const)))('%s', (_name, h, mediation) => {
      const t = factsOf(status, h, mediation);
      for (const who of KEYS) {
        const v = ACTORS[who];
        const offered = new Set(availableActions(v, t));
        for (const action of ACTIONS) {
          const want = expected(status, action, who, h, mediation);
          counts[want] += 1;
          expect({ who, action, verdict: actual(status, action, v, t) }).toEqual({ who, action, verdict: want });
          // On a ticket they can see, the buttons are exactly the actions they may take (policy aside).
          if (sees(who, h, mediation)) expect({ who, action, offered: offered.has(action) }).toEqual({ who, action, offered: want === 'OK' });
          const rule = ruleFor(status, action);
          if (want === 'OK' && rule) expect(rule.by[actingRole(rule, v, t)!]).toBeDefined();
        }
      }
    });
  });

  it('covers every verdict many times over, and no person ever takes the scheduler’s action', () => {
    expect(counts.OK).toBeGreaterThan(500);
    expect(counts.FORBIDDEN).toBeGreaterThan(500);
    expect(counts.INVALID_TRANSITION).toBeGreaterThan(500);
    expect(counts.NOT_FOUND).toBeGreaterThan(500);
    for (const k of KEYS) {
      for (const h of HOLDINGS) expect(availableActions(ACTORS[k], factsOf(S.RESOLVED, h, false))).not.toContain(A.AUTO_CLOSE);
      for (const h of HOLDINGS) expect(availableActions(ACTORS[k], factsOf(S.AWAITING_OWNER, h, false))).not.toContain(A.CLOSE_UNANSWERED);
    }
  });

  it('oversight only ever 督办s, in every open state and no other, and admins take no action at all', () => {
    const open = [S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED, S.MEDIATING];
    for (const k of ['oversightStreet', 'oversightCity', 'admin'] as ActorKey[]) {
      for (const status of STATUSES) {
        for (const h of HOLDINGS) {
          const want = k !== 'admin' && open.includes(status) ? [A.SUPERVISE] : [];
          expect({ k, status, h: h.name, actions: availableActions(ACTORS[k], factsOf(status, h, false)) }).toEqual({ k, status, h: h.name, actions: want });
        }
      }
    }
    // Outside its area the street's oversight cannot even see the ticket.
    const elsewhere = { ...factsOf(S.IN_PROGRESS, HOLDINGS[1], false), communityId: 20, complexId: 2 };
    expect(canView(ACTORS.oversightStreet, elsewhere)).toBe(false);
    expect(availableActions(ACTORS.oversightStreet, elsewhere)).toEqual([]);
    expect(availableActions(ACTORS.oversightCity, elsewhere)).toEqual([A.SUPERVISE]);
  });

  it('an extension is decided by the project manager while the property side holds the ticket, by the department’s head while it does', () => {
    const dept = HOLDINGS.find((h) => h.handlingUnit === 'dept')!;
    const property = HOLDINGS[1];
    const team = HOLDINGS.find((h) => h.handlingUnit === 'team')!;
    const who = (h: Holding) => KEYS.filter((k) => availableActions(ACTORS[k], factsOf(S.IN_PROGRESS, h, false)).includes(A.DECIDE_EXTENSION));
    expect(who(dept)).toEqual(['deptHead']);
    expect(who(property)).toEqual(['managerA']);
    expect(who(team)).toEqual(['managerA']);
    // The head of the department reads the tickets its unit holds, and decides; it handles nothing itself.
    expect(availableActions(ACTORS.deptHead, factsOf(S.IN_PROGRESS, dept, false)).sort()).toEqual([A.COMMENT, A.DECIDE_EXTENSION].sort());
  });

  it('has a row for every state, and every cell names who may act', () => {
    expect(Object.keys(TICKET_LIFECYCLE).sort()).toEqual([...STATUSES].sort());
    for (const row of Object.values(TICKET_LIFECYCLE)) for (const rule of Object.values(row)) expect(Object.keys(rule.by).length).toBeGreaterThan(0);
  });
});
