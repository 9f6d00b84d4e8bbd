import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TicketAction as A, TicketStatus as S } from './enums';
import {
  ACTION_LABEL, HANDLING_STATUSES, TERMINAL_STATUSES, HOTLINE_ONLY_ACTIONS, REPORT_RULE, SYSTEM_ACTIONS, TICKET_ACTIONS, TICKET_LIFECYCLE, actionButton, allRules, isBackToHandling, ruleFor,
} from './ticket-lifecycle';

const schema = readFileSync(join(__dirname, '../../../apps/bff/schema.graphql'), 'utf8');
const inputFields = (type: string): string[] => {
  const m = new RegExp(`input ${type} \\{([^}]*)\\}`).exec(schema);
  if (!m) throw new Error(`input ${type} not in the schema`);
  return m[1].split('\n').map((l) => l.trim().split(':')[0]).filter(Boolean);
};

describe('the lifecycle table as every reader sees it', () => {
  it('joins each cell with its action: mutation, names, state it is taken from', () => {
    for (const [from, row] of Object.entries(TICKET_LIFECYCLE)) {
      for (const [action, rule] of Object.entries(row)) {
        expect(rule).toMatchObject({ action, from, mutation: TICKET_ACTIONS[action as A].mutation, label: ACTION_LABEL[action as A] });
      }
    }
    expect(REPORT_RULE).toMatchObject({ action: A.REPORT, from: null, mutation: 'reportTicket', outcomes: [{ key: null, to: S.REPORTED, backToHandling: false }] });
  });

  it('names a mutation of the schema, with its input type, for every action a person takes', () => {
    for (const [action, spec] of Object.entries(TICKET_ACTIONS)) {
      if (SYSTEM_ACTIONS.includes(action as A)) {
        expect(spec.mutation).toBeNull();
        for (const rule of allRules().filter((r) => r.action === action)) expect(Object.keys(rule.by)).toEqual(['SYSTEM']);
        continue;
      }
      expect(schema).toContain(`  ${spec.mutation}(input: ${spec.input}!): ${'returns' in spec ? spec.returns : 'Ticket'}!`);
      // A state change is compare-and-set on the version the caller saw; a record-only action sends none.
      if (action !== A.REPORT) expect(inputFields(spec.input!).includes('version')).toBe(spec.changesState);
    }
  });

  it('record-only actions lead back to the state they are taken from', () => {
    for (const rule of allRules()) {
      if (!rule.changesState) expect(rule.outcomes).toEqual([{ key: null, to: rule.from, backToHandling: false }]);
    }
  });

  it('lists each outcome of a branching rule, and which send the ticket back to its handler', () => {
    expect(ruleFor(S.RESOLVED, A.RATE)!.outcomes).toEqual([
      { key: 'solved', to: S.CLOSED, backToHandling: false },
      { key: 'unsolved', to: S.IN_PROGRESS, backToHandling: true },
    ]);
    expect(ruleFor(S.MEDIATING, A.RECORD_MEDIATION)!.outcomes.map((o) => [o.key, o.backToHandling])).toEqual([['AGREEMENT', false], ['BACK_TO_HANDLING', true]]);
    expect(ruleFor(S.CLOSED, A.REOPEN)!.outcomes[0].backToHandling).toBe(true);
    expect(ruleFor(S.ACCEPTED, A.START)!.outcomes[0].backToHandling).toBe(false);
    expect(ruleFor(S.DISPATCHED, A.RETURN_DISPATCH)!.outcomes[0].backToHandling).toBe(false);
    expect(isBackToHandling(null, S.IN_PROGRESS)).toBe(false);
  });

  it('derives the states in which the work is in someone’s hands', () => {
    expect(HANDLING_STATUSES).toEqual([S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED]);
  });

  it('labels buttons with their own verb where it differs from the timeline', () => {
    expect(actionButton(A.ADD_PROGRESS)).toBe('上报进展');
    expect(ACTION_LABEL[A.ADD_PROGRESS]).toBe('进展');
    expect(actionButton(A.RATE)).toBe(ACTION_LABEL[A.RATE]);
  });

  it('offers the 12345 desk actions while the order is being worked, record-only, to the property side that answers for it', () => {
    const where = (a: A) => Object.values(S).filter((s) => ruleFor(s, a));
    expect(where(A.HOTLINE_RECORD_CONTACT)).toEqual([S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED]);
    expect(where(A.HOTLINE_REQUEST_EXTENSION)).toEqual([S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED]);
    // Not ours: asked back before signing too; once dispatched, the receiving unit returns the dispatch instead.
    expect(where(A.HOTLINE_REQUEST_RETURN)).toEqual([S.REPORTED, S.ACCEPTED, S.IN_PROGRESS]);
    for (const a of HOTLINE_ONLY_ACTIONS) {
      expect(a.startsWith('HOTLINE_')).toBe(true);
      for (const rule of allRules().filter((r) => r.action === a)) {
        expect(rule.changesState).toBe(false);
        expect(Object.keys(rule.by)).not.toContain('OWNER');
        expect(rule.by.PROJECT_MANAGER).toBe('SERVES_COMPLEX');
      }
    }
    expect(ruleFor(S.IN_PROGRESS, A.HOTLINE_RECORD_CONTACT)!.by.DEPT_HANDLER).toBe('HANDLING_UNIT');
    expect(ruleFor(S.IN_PROGRESS, A.HOTLINE_REQUEST_EXTENSION)!.by.DEPT_HANDLER).toBeUndefined();
  });

  it('lets other owners join an open report, staff merge a duplicate the property side holds, and undo only a merge', () => {
    const where = (a: A) => Object.values(S).filter((s) => ruleFor(s, a));
    expect(where(A.SUPPORT)).toEqual([S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED]);
    for (const r of allRules().filter((x) => x.action === A.SUPPORT)) expect([r.changesState, r.by]).toEqual([false, { OWNER: 'NEIGHBOUR' }]);
    expect(where(A.MERGE)).toEqual([S.REPORTED, S.ACCEPTED, S.IN_PROGRESS]);
    for (const r of allRules().filter((x) => x.action === A.MERGE)) expect([r.to, r.by]).toEqual([S.MERGED, { STAFF: 'PROPERTY_HANDLING', PROJECT_MANAGER: 'PROPERTY_HANDLING' }]);
    expect(where(A.UNMERGE)).toEqual([S.MERGED]);
    expect(ruleFor(S.MERGED, A.UNMERGE)!.to).toBe(S.REPORTED);
    expect(Object.keys(TICKET_LIFECYCLE[S.MERGED]).sort()).toEqual([A.COMMENT, A.UNMERGE]);
    expect(TERMINAL_STATUSES).toContain(S.MERGED);
  });

  it('waits for the owner only after the handler asked, and the owner’s answer goes back to handling', () => {
    const where = (a: A) => Object.values(S).filter((s) => ruleFor(s, a));
    expect(where(A.REQUEST_INFO)).toEqual([S.IN_PROGRESS]);
    expect(ruleFor(S.IN_PROGRESS, A.REQUEST_INFO)!.to).toBe(S.AWAITING_OWNER);
    expect(ruleFor(S.AWAITING_OWNER, A.SUPPLY_INFO)).toMatchObject({ to: S.IN_PROGRESS, by: { OWNER: 'REPORTER' } });
    // Not "back to handling after a resolve": the answer resumes the clock, it does not restart it.
    expect(ruleFor(S.AWAITING_OWNER, A.SUPPLY_INFO)!.outcomes[0].backToHandling).toBe(false);
    expect(ruleFor(S.AWAITING_OWNER, A.CLOSE_UNANSWERED)).toMatchObject({ to: S.CLOSED, by: { SYSTEM: 'SYSTEM' } });
    expect(Object.keys(TICKET_LIFECYCLE[S.AWAITING_OWNER]).sort()).toEqual([A.CLOSE_UNANSWERED, A.COMMENT, A.SUPPLY_INFO, A.WITHDRAW].sort());
  });

  it('reclassifies, extends and urges only while the work is open with the handling side', () => {
    const where = (a: A) => Object.values(S).filter((s) => ruleFor(s, a));
    expect(where(A.RECLASSIFY)).toEqual([S.REPORTED, S.ACCEPTED, S.IN_PROGRESS]);
    expect(where(A.REQUEST_EXTENSION)).toEqual([S.ACCEPTED, S.IN_PROGRESS]);
    expect(where(A.DECIDE_EXTENSION)).toEqual([S.ACCEPTED, S.IN_PROGRESS]);
    expect(ruleFor(S.IN_PROGRESS, A.DECIDE_EXTENSION)!.by).toEqual({ PROJECT_MANAGER: 'PROPERTY_HANDLING', DEPT_HEAD: 'UNIT_HEAD' });
    expect(ruleFor(S.IN_PROGRESS, A.REQUEST_EXTENSION)!.by).toEqual({ STAFF: 'ASSIGNEE', DEPT_HANDLER: 'HANDLING_UNIT' });
    expect(where(A.URGE)).toEqual([S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.DISPATCHED]);
    for (const rule of allRules().filter((r) => r.action === A.URGE)) expect(rule).toMatchObject({ changesState: false, by: { OWNER: 'REPORTER' } });
  });

  it('has no rule for an action outside its state’s row', () => {
    expect(ruleFor(S.WITHDRAWN, A.COMMENT)).toBeUndefined();
    expect(ruleFor(S.REPORTED, A.RESOLVE)).toBeUndefined();
  });
});
