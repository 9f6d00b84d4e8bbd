import { formatShanghai, shanghaiTime } from '../../src/sla/domain';
import { adminActors } from '../support/admin-actors';
import { codeOf, ok, startTestApp, TestClock, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';
import { CLOCK_FIELDS } from './sla-support';

/**
 * SLA policies edited by administrators: a preview of the due times a draft gives a ticket filed now (on the
 * working calendar, nothing saved), company admins limited to their company's and complexes' policies, and
 * versions: a ticket keeps the policies in force when it was filed, for every clock it starts later too.
 */
describe('SLA policy administration', () => {
  let t: TestApp;
  let w: World;
  let a: { companyAdminA: Actor; companyAdminB: Actor; streetAdmin: Actor };
  let companyA: number;
  let companyB: number;
  const clock = new TestClock(shanghaiTime('2026-03-02 09:00')); // a Monday
  const PREVIEW = `query($i: SlaPolicyInput!, $t: SlaPreviewTicketInput!, $at: DateTime) {
    slaPolicyPreview(input: $i, ticket: $t, at: $at) { target minutes calendar dueAt policyId policyVersion fromDraft currentDueAt currentPolicyId } }`;
  const CREATE = 'mutation($i: SlaPolicyInput!) { createSlaPolicyVersion(input: $i) { id version scopeKind scopeId effectiveFrom inForce } }';
  const draft = (companyId: number, minutes = 120) => ({ name: '加急维修', scopeKind: 'COMPANY', scopeId: companyId, priority: 'NORMAL', targets: [{ target: 'RESOLVE', minutes, calendar: 'WORKING_HOURS' }] });
  const clocksOf = async (id: string) => ok(await t.gql(`query($id: ID!) { ticket(id: $id) { version clocks { ${CLOCK_FIELDS} } } }`, { id }, w.staffA.token)).ticket;
  const accept = async (id: string, version: number) => ok(await t.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: id, version } }, w.staffA.token));

  beforeAll(async () => {
    t = await startTestApp({ SLA_RECONCILE_GRACE_MS: '0' }, clock);
    w = await buildWorld(t);
    a = await adminActors(t, w);
    [{ company_id: companyA }] = await t.ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexA]);
    [{ company_id: companyB }] = await t.ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexB]);
  });
  afterAll(() => t.close());

  it('previews a draft on the working calendar, beside today’s policy, without saving it', async () => {
    const before = Number((await t.ds.query('SELECT COUNT(*) AS n FROM sla_policies'))[0].n);
    // Friday 16:30: one working hour left that day, the second on Monday from 08:30.
    const rows = ok(await t.gql(PREVIEW, { i: draft(companyA), t: { complexId: w.complexA, categoryCode: 'FACILITIES' }, at: shanghaiTime('2026-03-06 16:30').toISOString() }, a.companyAdminA.token)).slaPolicyPreview;
    const resolve = rows.find((r: any) => r.target === 'RESOLVE');
    expect(resolve).toMatchObject({ minutes: 120, calendar: 'WORKING_HOURS', fromDraft: true, currentPolicyId: 'default-normal' });
    expect(formatShanghai(new Date(resolve.dueAt))).toBe('2026-03-09 09:30');
    expect(formatShanghai(new Date(resolve.currentDueAt))).toBe('2026-03-09 16:30');
    const acceptRow = rows.find((r: any) => r.target === 'ACCEPT');
    expect(acceptRow).toMatchObject({ fromDraft: false, policyId: 'default-normal' });
    expect(formatShanghai(new Date(acceptRow.dueAt))).toBe('2026-03-06 17:00');
    // At the other company's complex the draft does not apply.
    const other = ok(await t.gql(PREVIEW, { i: draft(companyA), t: { complexId: w.complexB, categoryCode: 'FACILITIES' } }, w.admin.token)).slaPolicyPreview;
    expect(other.find((r: any) => r.target === 'RESOLVE').fromDraft).toBe(false);
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM sla_policies'))[0].n)).toBe(before);
    // Garbage in the draft: the same typed errors as saving it.
    expect(codeOf(await t.gql(PREVIEW, { i: { ...draft(companyA), targets: [{ target: 'RESOLVE', minutes: -5 }] }, t: { complexId: w.complexA, categoryCode: 'FACILITIES' } }, a.companyAdminA.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(PREVIEW, { i: draft(companyA), t: { complexId: w.complexA, categoryCode: 'NOPE' } }, a.companyAdminA.token))).toBe('BAD_USER_INPUT');
  });

  it('a company admin edits only its company’s and complexes’ policies, and cannot re-scope one', async () => {
    expect(codeOf(await t.gql(CREATE, { i: draft(companyB) }, a.companyAdminA.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CREATE, { i: { id: 'default-normal', name: '改全市', scopeKind: 'GLOBAL', priority: 'NORMAL', targets: [{ target: 'ACCEPT', minutes: 5 }] } }, a.companyAdminA.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CREATE, { i: { ...draft(companyA), scopeKind: 'COMPLEX', scopeId: w.complexB } }, a.companyAdminA.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(PREVIEW, { i: draft(companyB), t: { complexId: w.complexB, categoryCode: 'FACILITIES' } }, a.companyAdminA.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CREATE, { i: draft(companyA) }, w.staffA.token))).toBe('FORBIDDEN');
    const mine = ok(await t.gql(CREATE, { i: { ...draft(companyA, 300), id: 'company-a-resolve', scopeKind: 'COMPLEX', scopeId: w.complexA } }, a.companyAdminA.token)).createSlaPolicyVersion;
    expect(mine).toMatchObject({ id: 'company-a-resolve', version: 1, scopeKind: 'COMPLEX', scopeId: w.complexA });
    // The next version keeps its scope (another scope would make it a different policy).
    expect(codeOf(await t.gql(CREATE, { i: { ...draft(companyA, 200), id: 'company-a-resolve' } }, a.companyAdminA.token))).toBe('BAD_USER_INPUT');
    const list = ok(await t.gql('{ slaPolicies { id scopeKind scopeId } }', {}, a.companyAdminA.token)).slaPolicies;
    expect(list.map((p: any) => p.id)).toEqual(expect.arrayContaining(['default-normal', 'company-a-resolve']));
    expect(ok(await t.gql('{ slaPolicies { id } }', {}, a.companyAdminB.token)).slaPolicies.map((p: any) => p.id)).not.toContain('company-a-resolve');
    // Retire it again so the next test starts from the defaults.
    ok(await t.gql(CREATE, { i: { ...draft(companyA, 300), id: 'company-a-resolve', scopeKind: 'COMPLEX', scopeId: w.complexA, retire: true } }, a.companyAdminA.token));
  });

  it('a ticket keeps the policies in force when it was filed, for clocks it starts later too; a backdated version starts now', async () => {
    clock.set(shanghaiTime('2026-03-03 09:00'));
    const filedBefore = await fileTicket(t, w.ownerA, w.qrA);
    clock.set(shanghaiTime('2026-03-03 10:00'));
    const v = ok(await t.gql(CREATE, { i: { ...draft(companyA), effectiveFrom: shanghaiTime('2026-03-01 00:00').toISOString() } }, a.companyAdminA.token)).createSlaPolicyVersion;
    expect(v.inForce).toBe(true);
    expect(new Date(v.effectiveFrom).toISOString()).toBe(shanghaiTime('2026-03-03 10:00').toISOString());
    clock.set(shanghaiTime('2026-03-03 10:05'));
    const filedAfter = await fileTicket(t, w.ownerA, w.qrA);
    clock.set(shanghaiTime('2026-03-03 10:10'));
    await accept(filedBefore.id, filedBefore.version);
    await accept(filedAfter.id, filedAfter.version);
    const resolveOf = async (id: string) => (await clocksOf(id)).clocks.find((c: any) => c.target === 'RESOLVE');
    expect(await resolveOf(filedBefore.id)).toMatchObject({ policyId: 'default-normal', policyVersion: 1, limitMinutes: 540 });
    expect(await resolveOf(filedAfter.id)).toMatchObject({ policyId: v.id, policyVersion: 1, limitMinutes: 120 });
    expect(formatShanghai(new Date((await resolveOf(filedAfter.id)).dueAt))).toBe('2026-03-03 12:10');
  });
});
