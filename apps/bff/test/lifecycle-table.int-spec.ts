/**
 * Every cell of the lifecycle table, allowed and refused, over real HTTP against MariaDB.
 *
 * Generated from TICKET_LIFECYCLE: for each situation (a status, reached through the API, with a
 * particular holder — the property side, a property team, an outside department, after mediation …)
 * and each action, every actor of the test world tries it. The expected answer comes from an
 * independent oracle written here (who stands how to the ticket in that situation), not from the
 * permission code under test:
 *   - cannot see the ticket          → NOT_FOUND (existence does not leak)
 *   - action not in the state's row  → INVALID_TRANSITION
 *   - in the row, but not permitted  → FORBIDDEN
 *   - permitted                      → the table's next state, version + 1 (record-only: same), one event row
 * Refused attempts write nothing (version, status and event count unchanged).
 */
import {
  HOTLINE_ONLY_ACTIONS, MediationOutcome, Role, TICKET_LIFECYCLE, TicketAction as A, TicketStatus as S, ruleFor,
  type Relation, type TransitionRule,
} from '@msb/shared-types';
import { TicketsService } from '../src/tickets/tickets.service';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, type World } from './support/world';
import {
  ACTION_MUTATION, ACTOR_KEYS, ROLE_OF, USER_ACTIONS, act, countRows, pool, walk,
  type ActorKey, type Step, type TicketState, type UserAction,
} from './support/lifecycle-driver';

type UnitRef = 'dept' | 'team' | null;

/** What the oracle needs to know about a situation. */
interface Facts {
  status: S;
  assignee: ActorKey | null;
  handlingUnit: UnitRef;
  dispatchTarget: UnitRef;
  mediationRequested: boolean;
  /** Rating score given before closing (policy: mediation after closing needs 1–2 stars). */
  ratingScore: number | null;
  /** An extension request waits for a decision (policy: one at a time; a decision needs one). */
  extensionPending?: boolean;
}

interface Situation extends Facts {
  name: string;
  steps: Step[];
}

const toHandling: Step[] = [[A.ACCEPT, 'staffA'], [A.START, 'staffA']];
const toResolved: Step[] = [...toHandling, [A.RESOLVE, 'staffA']];
const base = { assignee: 'staffA' as ActorKey, handlingUnit: null, dispatchTarget: null, mediationRequested: false, ratingScore: null };

const SITUATIONS: Situation[] = [
  { name: 'REPORTED', status: S.REPORTED, steps: [], ...base, assignee: null },
  { name: 'ACCEPTED', status: S.ACCEPTED, steps: [[A.ACCEPT, 'staffA']], ...base },
  { name: 'IN_PROGRESS (property staff)', status: S.IN_PROGRESS, steps: toHandling, ...base },
  {
    name: 'IN_PROGRESS (property team, after dispatch)', status: S.IN_PROGRESS, ...base, assignee: 'teamStaffA', handlingUnit: 'team',
    steps: [...toHandling, [A.DISPATCH, 'staffA', { targetUnitId: 'teamA' }], [A.ACCEPT_DISPATCH, 'teamStaffA']],
  },
  {
    name: 'IN_PROGRESS (outside department)', status: S.IN_PROGRESS, ...base, assignee: 'dept', handlingUnit: 'dept',
    steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept']],
  },
  {
    name: 'IN_PROGRESS (dispatch returned)', status: S.IN_PROGRESS, ...base,
    steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.RETURN_DISPATCH, 'dept']],
  },
  {
    name: 'IN_PROGRESS (back from mediation)', status: S.IN_PROGRESS, ...base, mediationRequested: true,
    steps: [...toResolved, [A.REQUEST_MEDIATION, 'ownerA'], [A.RECORD_MEDIATION, 'mediatorA', { outcome: MediationOutcome.BACK_TO_HANDLING }]],
  },
  {
    name: 'IN_PROGRESS (back to the department after an unsolved rating)', status: S.IN_PROGRESS, ...base, assignee: 'dept', handlingUnit: 'dept',
    steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept'], [A.RESOLVE, 'dept'], [A.RATE, 'ownerA', { solved: false, satisfaction: 1 }]],
  },
  {
    name: 'IN_PROGRESS (reopened while with the department)', status: S.IN_PROGRESS, ...base, assignee: 'dept', handlingUnit: 'dept',
    steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept'], [A.RESOLVE, 'dept'], [A.RATE, 'ownerA', { solved: true, satisfaction: 4 }], [A.REOPEN, 'ownerA']],
  },
  { name: 'DISPATCHED (to a department)', status: S.DISPATCHED, ...base, dispatchTarget: 'dept', steps: [...toHandling, [A.DISPATCH, 'staffA']] },
  {
    name: 'DISPATCHED (to a property team)', status: S.DISPATCHED, ...base, dispatchTarget: 'team',
    steps: [[A.ACCEPT, 'staffA'], [A.DISPATCH, 'staffA', { targetUnitId: 'teamA' }]],
  },
  { name: 'RESOLVED', status: S.RESOLVED, steps: toResolved, ...base },
  {
    name: 'RESOLVED (by the department)', status: S.RESOLVED, ...base, assignee: 'dept', handlingUnit: 'dept',
    steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept'], [A.RESOLVE, 'dept']],
  },
  { name: 'MEDIATING', status: S.MEDIATING, ...base, mediationRequested: true, steps: [...toResolved, [A.REQUEST_MEDIATION, 'ownerA']] },
  {
    name: 'CLOSED (rated 2 stars)', status: S.CLOSED, ...base, ratingScore: 2,
    steps: [...toResolved, [A.RATE, 'ownerA', { solved: true, satisfaction: 2 }]],
  },
  {
    name: 'CLOSED (rated 5 stars)', status: S.CLOSED, ...base, ratingScore: 5,
    steps: [...toResolved, [A.RATE, 'ownerA', { solved: true, satisfaction: 5 }]],
  },
  {
    name: 'CLOSED (mediation agreement)', status: S.CLOSED, ...base, mediationRequested: true,
    steps: [...toResolved, [A.REQUEST_MEDIATION, 'ownerA'], [A.RECORD_MEDIATION, 'mediatorA']],
  },
  { name: 'AWAITING_OWNER', status: S.AWAITING_OWNER, ...base, steps: [...toHandling, [A.REQUEST_INFO, 'staffA']] },
  {
    name: 'AWAITING_OWNER (asked by the department)', status: S.AWAITING_OWNER, ...base, assignee: 'dept', handlingUnit: 'dept',
    steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept'], [A.REQUEST_INFO, 'dept']],
  },
  { name: 'IN_PROGRESS (extension requested)', status: S.IN_PROGRESS, ...base, extensionPending: true, steps: [...toHandling, [A.REQUEST_EXTENSION, 'staffA']] },
  {
    name: 'IN_PROGRESS (outside department, extension requested)', status: S.IN_PROGRESS, ...base, assignee: 'dept', handlingUnit: 'dept', extensionPending: true,
    steps: [...toHandling, [A.DISPATCH, 'staffA'], [A.ACCEPT_DISPATCH, 'dept'], [A.REQUEST_EXTENSION, 'dept']],
  },
  { name: 'REFUSED', status: S.REFUSED, steps: [[A.REFUSE, 'staffA']], ...base, assignee: null },
  { name: 'WITHDRAWN', status: S.WITHDRAWN, steps: [[A.WITHDRAW, 'ownerA']], ...base, assignee: null },
  { name: 'MERGED (a duplicate, into an open ticket)', status: S.MERGED, steps: [[A.MERGE, 'staffA']], ...base, assignee: null },
];

// ---- the oracle ----------------------------------------------------------------------------

const SERVES_A: ActorKey[] = ['staffA', 'staffA2', 'teamStaffA', 'managerA'];

function unitMembers(u: UnitRef): ActorKey[] {
  return u === 'dept' ? ['dept', 'deptHead'] : u === 'team' ? ['teamStaffA'] : [];
}

function relationHolds(rel: Relation, role: Role, who: ActorKey, f: Facts): boolean {
  if (ROLE_OF[who] !== role) return false;
  const serves = SERVES_A.includes(who);
  switch (rel) {
    case 'REPORTER': return who === 'ownerA';
    case 'ANY_OWNER': return true;
    case 'SERVES_COMPLEX': return serves;
    case 'PROPERTY_HANDLING': return serves && f.handlingUnit !== 'dept';
    case 'ASSIGNEE': return who === f.assignee && f.handlingUnit !== 'dept';
    case 'DISPATCH_TARGET':
      return f.dispatchTarget === 'dept' ? who === 'dept' : f.dispatchTarget === 'team' ? who === 'teamStaffA' || who === 'managerA' : false;
    case 'HANDLING_UNIT': return unitMembers(f.handlingUnit).includes(who);
    case 'UNIT_INVOLVED': return unitMembers(f.handlingUnit).includes(who) || unitMembers(f.dispatchTarget).includes(who);
    case 'UNIT_HEAD': return who === 'deptHead' && f.handlingUnit === 'dept';
    case 'COMMUNITY_MEDIATOR': return who === 'mediatorA';
    case 'OVERSEES': return who === 'oversightStreet' || who === 'oversightCity';
    case 'NEIGHBOUR': return who !== 'ownerA';
    case 'SYSTEM': return false;
  }
}

function canView(who: ActorKey, f: Facts): boolean {
  if (['admin', 'ownerA', 'oversightStreet', 'oversightCity', ...SERVES_A].includes(who)) return true;
  if (who === 'dept' || who === 'deptHead') return f.handlingUnit === 'dept' || f.dispatchTarget === 'dept';
  if (who === 'mediatorA') return f.mediationRequested;
  return false;
}

/** Time- and history-bound rules (all situations are within 7 days of closing). */
function policyAllows(action: UserAction, f: Facts): boolean {
  // Every situation here is a QR report; the 12345 desk's cells are walked on hotline orders in hotline-desk.int-spec.ts.
  if (HOTLINE_ONLY_ACTIONS.includes(action)) return false;
  if (f.status === S.CLOSED && action === A.REQUEST_MEDIATION) return f.ratingScore !== null && f.ratingScore <= 2;
  if (action === A.REQUEST_EXTENSION) return !f.extensionPending;
  if (action === A.DECIDE_EXTENSION) return !!f.extensionPending;
  return true;
}


/** The roles in which `who` may take the action now (empty: not permitted). */
function permittedRoles(action: UserAction, who: ActorKey, f: Facts): Role[] {
  const rule = ruleFor(f.status, action);
  if (!rule) return [];
  return (Object.entries(rule.by) as [Role | 'SYSTEM', Relation][])
    .filter(([role, rel]) => role !== 'SYSTEM' && relationHolds(rel, role as Role, who, f))
    .map(([role]) => role as Role);
}

function expected(action: UserAction, who: ActorKey, f: Facts): 'OK' | 'NOT_FOUND' | 'INVALID_TRANSITION' | 'FORBIDDEN' {
  // Another owner holding a QR code of the complex sees its reports publicly, to join one ("me too").
  const publicly = action === A.SUPPORT && ROLE_OF[who] === Role.OWNER;
  if (!canView(who, f) && !publicly) return 'NOT_FOUND';
  if (!ruleFor(f.status, action)) return 'INVALID_TRANSITION';
  if (permittedRoles(action, who, f).length === 0) return 'FORBIDDEN';
  if (!policyAllows(action, f)) return 'INVALID_TRANSITION';
  return 'OK';
}

/** Outcomes to try for a branching rule ({solved, unsolved}, {AGREEMENT, BACK_TO_HANDLING}). */
function outcomes(action: UserAction, rule: TransitionRule): { label: string; input: Record<string, unknown>; to: S }[] {
  if (typeof rule.to === 'string') return [{ label: '', input: {}, to: rule.to }];
  const to = rule.to as Record<string, S>;
  if (action === A.RATE) {
    return [
      { label: 'solved', input: { solved: true, satisfaction: 4 }, to: to.solved },
      { label: 'not solved', input: { solved: false, satisfaction: 1 }, to: to.unsolved },
    ];
  }
  return Object.entries(to).map(([outcome, s]) => ({ label: outcome, input: { outcome }, to: s }));
}

/** One actor per permitted role (not the current assignee for ASSIGN, which would be a no-op). */
function representatives(action: UserAction, allowed: ActorKey[], f: Facts): ActorKey[] {
  const byRole = new Map<Role, ActorKey>();
  for (const k of allowed) {
    if (action === A.ASSIGN && k === f.assignee) continue;
    if (!byRole.has(ROLE_OF[k])) byRole.set(ROLE_OF[k], k);
  }
  return [...byRole.values()];
}

// ---- the tests -----------------------------------------------------------------------------

describe('the lifecycle table, cell by cell, over HTTP', () => {
  let t: TestApp;
  let w: World;

  /**
   * The checks of each situation run in order on one shared ticket (refused attempts must leave it
   * untouched); situations run side by side. Each check is one test below, which awaits its result.
   */
  type Check = { label: string; run: (shared: TicketState, sit: Situation) => Promise<void> };
  const checks: Check[] = [];
  const results = new Map<string, Promise<void>>();
  const key = (sit: Situation, label: string) => `${sit.name} | ${label}`;

  const resolveSteps = (steps: Step[]): Step[] =>
    steps.map(([a, who, extra]) => [a, who, extra?.targetUnitId === 'teamA' ? { ...extra, targetUnitId: w.teamA } : extra]);
  const lastEvent = async (ticketId: string) =>
    (await t.ds.query('SELECT action, from_status, to_status, actor_id, actor_role FROM ticket_events WHERE ticket_id = ? ORDER BY id DESC LIMIT 1', [ticketId]))[0];
  const row = async (ticketId: string) =>
    (await t.ds.query('SELECT status, version, assignee_id, handling_unit_id, dispatch_target_unit_id FROM tickets WHERE id = ?', [ticketId]))[0];

  /** Valid input for `who` taking `action` in `f` (e.g. assign someone other than the current assignee). */
  const inputFor = (action: UserAction, who: ActorKey, f: Facts): Record<string, unknown> => {
    if (action === A.ASSIGN) {
      const target = ROLE_OF[who] === Role.STAFF ? who : (['staffA2', 'staffA'] as ActorKey[]).find((k) => k !== f.assignee)!;
      return { assigneeId: w[target].id };
    }
    if (action === A.DISPATCH) return { targetUnitId: f.handlingUnit === 'dept' ? w.teamA : w.deptCg };
    return {};
  };

  checks.push({
    label: 'availableActions shows each viewer exactly what the table and policy allow them',
    run: async (shared, sit) => {
      const viewers = ACTOR_KEYS.filter((k) => canView(k, sit));
      const got = await Promise.all(viewers.map((k) => t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id: shared.id }, w[k].token)));
      viewers.forEach((k, i) => {
        // Staff may assign only themselves: 指派 is not offered to the staff member who holds the ticket already.
        const want = USER_ACTIONS.filter((a) => expected(a, k, sit) === 'OK' && !(a === A.ASSIGN && ROLE_OF[k] === Role.STAFF && sit.assignee === k)).sort();
        expect({ who: k, actions: [...ok(got[i]).ticket.availableActions].sort() }).toEqual({ who: k, actions: want });
      });
    },
  });

  for (const action of USER_ACTIONS) {
    checks.push({
      label: action,
      run: async (shared, sit) => {
        const rule = ruleFor(sit.status, action);
        // 1. Everyone who may not: refused with the designed code, nothing written.
        const before = { row: await row(shared.id), events: await countRows(t, 'ticket_events', 'ticket_id = ?', [shared.id]) };
        // Outside the row, who you are does not matter beyond whether you may see the ticket: one actor per
        // (role, answer) is enough there. Inside the row, every actor (relations differ within a role).
        const refused = ACTOR_KEYS.filter((k) => expected(action, k, sit) !== 'OK').filter((k, _i, all) =>
          rule || all.find((o) => ROLE_OF[o] === ROLE_OF[k] && expected(action, o, sit) === expected(action, k, sit)) === k);
        const answers = await Promise.all(refused.map((k) => act(t, action, w[k], shared, inputFor(action, k, sit), w)));
        refused.forEach((k, i) => expect({ who: k, code: codeOf(answers[i]) }).toEqual({ who: k, code: expected(action, k, sit) }));
        expect(await row(shared.id)).toEqual(before.row);
        expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [shared.id])).toBe(before.events);

        // 2. Everyone who may: the table's next state, a version bump and one event row.
        const allowed = ACTOR_KEYS.filter((k) => expected(action, k, sit) === 'OK');
        if (!rule) {
          expect(allowed).toEqual([]);
          return;
        }
        const { versioned } = ACTION_MUTATION[action];
        // Record-only actions (comment, progress) leave the ticket as it is: every permitted actor, on the shared ticket.
        // State changes: one representative per permitted role (and per outcome), each on a fresh ticket.
        const cases = versioned
          ? representatives(action, allowed, sit).flatMap((k) => outcomes(action, rule).map((o) => ({ who: k, o })))
          : allowed.map((k) => ({ who: k, o: outcomes(action, rule)[0] }));
        await pool(cases, versioned ? 4 : 1, async ({ who, o }) => {
          const ticket = versioned ? await walk(t, w, resolveSteps(sit.steps)) : shared;
          const eventsBefore = await countRows(t, 'ticket_events', 'ticket_id = ?', [ticket.id]);
          const r = await act(t, action, w[who], ticket, { ...inputFor(action, who, sit), ...o.input }, w);
          expect({ who, outcome: o.label, code: codeOf(r), errors: r.errors }).toEqual({ who, outcome: o.label, code: undefined, errors: undefined });
          const after = r.data![ACTION_MUTATION[action].name];
          expect(after.status).toBe(o.to);
          const version = action === A.SUPPORT ? ticket.version : after.version; // the public view carries no version
          expect(version).toBe(versioned ? ticket.version + 1 : ticket.version);
          expect(await row(ticket.id)).toMatchObject({ status: o.to, version });
          expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [ticket.id])).toBe(eventsBefore + 1);
          expect(await lastEvent(ticket.id)).toEqual({
            action, from_status: sit.status, to_status: o.to, actor_id: w[who].id, actor_role: permittedRoles(action, who, sit)[0],
          });
          // What the action does to the ticket besides its status.
          if (action === A.ACCEPT) expect(after.assignee?.id ?? null).toBe(ROLE_OF[who] === Role.STAFF ? w[who].id : null);
          if (action === A.ASSIGN) expect(after.assignee?.id).toBe(inputFor(action, who, sit).assigneeId);
          if (action === A.DISPATCH) expect(after.dispatchTarget?.id).toBe(inputFor(action, who, sit).targetUnitId);
          if (action === A.ACCEPT_DISPATCH) {
            expect(after).toMatchObject({ handlingUnit: { id: sit.dispatchTarget === 'dept' ? w.deptCg : w.teamA }, dispatchTarget: null, assignee: { id: w[who].id } });
          }
          if (action === A.RETURN_DISPATCH) expect(after.dispatchTarget).toBeNull();
        });
      },
    });
  }

  checks.push({
    label: 'an open state has a RUNNING clock (sla-policy-defaults.ts: the only documented pause without one is waiting on the owner)',
    run: async (shared, sit) => {
      const open = ![S.CLOSED, S.REFUSED, S.WITHDRAWN, S.MERGED].includes(sit.status);
      const { clocks } = ok(await t.gql('query($id: ID!) { ticket(id: $id) { clocks { target state paused stopped } } }', { id: shared.id }, w.admin.token)).ticket;
      const running = (clocks as { target: string; state: string; paused: boolean; stopped: boolean }[]).filter((c) => !c.stopped && !c.paused && (c.state === 'RUNNING' || c.state === 'BREACHED'));
      expect({ situation: sit.name, runs: running.length > 0 }).toEqual({ situation: sit.name, runs: open });
      // With an outside department: the department's own limit runs, the property's resolve clock waits.
      if (sit.status === S.IN_PROGRESS && sit.handlingUnit === 'dept') expect(running.map((c) => c.target)).toContain('DEPT_RESOLVE');
    },
  });

  checks.push({
    label: `${A.AUTO_CLOSE} and ${A.CLOSE_UNANSWERED}: only the scheduler, only where the table says`,
    run: async (shared, sit) => {
      const svc = t.app.get(TicketsService);
      for (const system of [A.AUTO_CLOSE, A.CLOSE_UNANSWERED]) {
        const rule = ruleFor(sit.status, system);
        expect(Object.keys(rule?.by ?? {})).toEqual(rule ? ['SYSTEM'] : []);
        if (!rule) {
          const events = await countRows(t, 'ticket_events', 'ticket_id = ?', [shared.id]);
          expect(await svc.actAsSystem(shared.id, system, shared.version, '超期')).toBe(false);
          expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [shared.id])).toBe(events);
          continue;
        }
        const ticket = await walk(t, w, resolveSteps(sit.steps));
        expect(await svc.actAsSystem(ticket.id, system, ticket.version + 1, '超期')).toBe(false); // stale: skipped
        expect(await svc.actAsSystem(ticket.id, system, ticket.version, '超期')).toBe(true);
        expect(await row(ticket.id)).toMatchObject({ status: rule.to, version: ticket.version + 1 });
        expect(await lastEvent(ticket.id)).toEqual({ action: system, from_status: sit.status, to_status: rule.to, actor_id: null, actor_role: 'SYSTEM' });
      }
    },
  });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    w.openA = (await walk(t, w, [[A.ACCEPT, 'staffA']])).id;
    for (const sit of SITUATIONS) {
      let prev: Promise<unknown> = walk(t, w, resolveSteps(sit.steps)).then((shared) => {
        expect(shared.status).toBe(sit.status);
        return shared;
      });
      const shared = prev as Promise<TicketState>;
      for (const c of checks) {
        const p = prev.catch(() => undefined).then(async () => c.run(await shared, sit));
        p.catch(() => undefined); // awaited by its test
        results.set(key(sit, c.label), p);
        prev = p;
      }
    }
  });
  afterAll(async () => {
    await Promise.allSettled(results.values());
    await t.close();
  });

  for (const sit of SITUATIONS) {
    describe(sit.name, () => {
      for (const c of checks) {
        const rule = USER_ACTIONS.includes(c.label as UserAction) ? ruleFor(sit.status, c.label as A) : undefined;
        const title = USER_ACTIONS.includes(c.label as UserAction)
          ? `${c.label}: ${rule ? 'permitted actors succeed, everyone else is refused' : 'not in the row: refused for everyone'}`
          : c.label;
        it(title, () => results.get(key(sit, c.label))!);
      }
    });
  }

  it('covers every state of the table', () => {
    expect(new Set(SITUATIONS.map((s) => s.status))).toEqual(new Set(Object.keys(TICKET_LIFECYCLE)));
  });

  describe('time-bound rules', () => {
    beforeAll(() => Promise.allSettled(results.values())); // the clock moves below
    it('reopening is refused more than 7 days after closing; mediation more than 7 days after a low rating', async () => {
      const closed = await walk(t, w, [...toResolved, [A.RATE, 'ownerA', { solved: true, satisfaction: 1 }]]);
      t.clock.advance(8 * 24 * 3600_000);
      try {
        for (const action of [A.REOPEN, A.REQUEST_MEDIATION] as const) {
          const r = await act(t, action, w.ownerA, closed, {}, w);
          expect(codeOf(r)).toBe('INVALID_TRANSITION');
        }
        expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { availableActions } }', { id: closed.id }, w.ownerA.token)).ticket.availableActions).toEqual([A.COMMENT]);
      } finally {
        t.clock.advance(-8 * 24 * 3600_000);
      }
    });

    it('a stale version gets CONFLICT before anything else is checked', async () => {
      const s = await walk(t, w, [[A.ACCEPT, 'staffA']]);
      const r = await act(t, A.START, w.staffA, { id: s.id, version: s.version - 1 }, {}, w);
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors![0].extensions).toMatchObject({ currentVersion: s.version, currentStatus: S.ACCEPTED });
    });
  });
});
