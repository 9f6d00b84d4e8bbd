/**
 * Outside departments and their handlers, property teams, and categories per company or area: created,
 * renamed, retired (never deleted) by the admins whose scope they are in, every change on the audit trail;
 * a retired department receives no new dispatch and a retired category is no longer offered, while the
 * tickets already filed under it keep it.
 */
import { OrgService } from '../../src/org/org.service';
import { adminActors } from '../support/admin-actors';
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';

const UNIT = 'id kind name companyId areaId active members { assignmentId userId name role }';
const CAT = 'code name parentCode defaultPriority emergency advice icon companyId areaId active';

describe('departments, teams and categories', () => {
  let t: TestApp;
  let w: World;
  let a: { companyAdminA: Actor; companyAdminB: Actor; streetAdmin: Actor };
  let district: number;
  let companyA: number;

  const createUnit = (token: string, input: Record<string, unknown>) => t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { ${UNIT} } }`, { i: input }, token);
  const createCategory = (token: string, input: Record<string, unknown>) => t.gql(`mutation($i: CategoryInput!) { createCategory(input: $i) { ${CAT} } }`, { i: input }, token);
  const offered = async (complexId: number) => ok(await t.gql('query($c: Int) { categories(complexId: $c) { code name } }', { c: complexId })).categories.map((c: any) => c.code) as string[];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    a = await adminActors(t, w);
    [{ parent_id: district }] = await t.ds.query('SELECT parent_id FROM areas WHERE id = ?', [w.street]);
    [{ company_id: companyA }] = await t.ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexA]);
  });
  afterAll(() => t.close());

  it('the bureau creates a department, invites its handler, renames it; every step on the audit trail', async () => {
    const d = ok(await createUnit(w.admin.token, { kind: 'DEPARTMENT', name: '市场监管所', areaId: district })).createUnit;
    expect(d).toMatchObject({ kind: 'DEPARTMENT', areaId: district, active: true, members: [] });
    const inv = ok(await t.gql('mutation($i: InviteAccountInput!) { inviteAccount(input: $i) { userId oneTimeCode } }', { i: { phone: '13720100001', name: '监管员', role: 'DEPT_HANDLER', unitId: d.id } }, w.admin.token)).inviteAccount;
    expect(inv.oneTimeCode).toMatch(/^[A-Z2-9]{8}$/);
    const renamed = ok(await t.gql(`mutation($id: Int!) { updateUnit(id: $id, name: "市场监督管理所") { ${UNIT} } }`, { id: d.id }, w.admin.token)).updateUnit;
    expect(renamed.name).toBe('市场监督管理所');
    expect(renamed.members).toEqual([expect.objectContaining({ userId: inv.userId, name: '监管员', role: 'DEPT_HANDLER' })]);
    const trail = ok(await t.gql('query($id: String) { adminEvents(filter: { objectType: "UNIT", objectId: $id }) { action before after } }', { id: String(d.id) }, w.admin.token)).adminEvents;
    expect(trail.map((e: any) => e.action)).toEqual(['UNIT_UPDATE', 'UNIT_CREATE']);
    expect(JSON.parse(trail[0].before)).toEqual({ name: '市场监管所' });
    // Removing the handler is revoking that role.
    ok(await t.gql('mutation($a: Int!) { revokeRole(assignmentId: $a) }', { a: renamed.members[0].assignmentId }, w.admin.token));
    expect(ok(await t.gql(`{ adminUnits { ${UNIT} } }`, {}, w.admin.token)).adminUnits.find((u: any) => u.id === d.id).members).toEqual([]);
  });

  it('scoped admins: a street admin manages departments of its street only; company admins their own teams; garbage refused, nothing recorded', async () => {
    const before = Number((await t.ds.query('SELECT COUNT(*) AS n FROM admin_events'))[0].n);
    const refusals: [string, Record<string, unknown>, string][] = [
      [a.streetAdmin.token, { kind: 'DEPARTMENT', name: '区城管', areaId: district }, 'NOT_FOUND'],
      [a.streetAdmin.token, { kind: 'DEPARTMENT', name: '社区办', areaId: w.communityA }, 'BAD_USER_INPUT'],
      [a.companyAdminB.token, { kind: 'PROPERTY_TEAM', name: '别人的班组', companyId: companyA }, 'NOT_FOUND'],
      [w.admin.token, { kind: 'DEPARTMENT', name: '城管局', areaId: district }, 'CONFLICT'],
      [w.admin.token, { kind: 'DEPARTMENT', name: '   ', areaId: district }, 'BAD_USER_INPUT'],
      [w.admin.token, { kind: 'DEPARTMENT', name: 'x'.repeat(129), areaId: district }, 'BAD_USER_INPUT'],
      [w.staffA.token, { kind: 'PROPERTY_TEAM', name: '自建班组', companyId: companyA }, 'FORBIDDEN'],
    ];
    for (const [token, input, code] of refusals) expect({ input, code: codeOf(await createUnit(token, input)) }).toEqual({ input, code });
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM admin_events'))[0].n)).toBe(before);
    const mine = ok(await createUnit(a.streetAdmin.token, { kind: 'DEPARTMENT', name: '街道城建办', areaId: w.street })).createUnit;
    expect(ok(await t.gql(`{ adminUnits { id } }`, {}, a.streetAdmin.token)).adminUnits.map((u: any) => u.id)).toEqual([mine.id]);
    // A street admin sets its own department's handler, not the district's.
    const grant = (unitId: number, phone: string) => t.gql('mutation($i: InviteAccountInput!) { inviteAccount(input: $i) { userId } }', { i: { phone, name: '办理人', role: 'DEPT_HANDLER', unitId } }, a.streetAdmin.token);
    ok(await grant(mine.id, '13720100002'));
    expect(codeOf(await grant(w.deptCg, '13720100003'))).toBe('FORBIDDEN');
    const team = ok(await createUnit(a.companyAdminA.token, { kind: 'PROPERTY_TEAM', name: '甲保洁班', companyId: companyA })).createUnit;
    expect(codeOf(await t.gql('mutation($id: Int!) { updateUnit(id: $id, active: false) { id } }', { id: team.id }, a.companyAdminB.token))).toBe('NOT_FOUND');
  });

  it('a retired department is no longer a dispatch target; tickets it handled keep it; reopening brings it back', async () => {
    const targets = async () => ok(await t.gql('{ dispatchTargets { id } }', {}, w.staffA.token)).dispatchTargets.map((u: any) => u.id) as number[];
    expect(await targets()).toContain(w.deptCg);
    ok(await t.gql('mutation($id: Int!) { updateUnit(id: $id, active: false) { active } }', { id: w.deptCg }, w.admin.token));
    t.app.get(OrgService).invalidate();
    expect(await targets()).not.toContain(w.deptCg);
    const trail = ok(await t.gql('query($id: String) { adminEvents(filter: { objectType: "UNIT", objectId: $id }) { action } }', { id: String(w.deptCg) }, w.admin.token)).adminEvents;
    expect(trail[0].action).toBe('UNIT_RETIRE');
    ok(await t.gql('mutation($id: Int!) { updateUnit(id: $id, active: true) { active } }', { id: w.deptCg }, w.admin.token));
    expect(await targets()).toContain(w.deptCg);
  });

  it('categories: a company adds its own (offered only at its complexes), renames it, retires it; tickets filed under it keep it', async () => {
    const c = ok(await createCategory(a.companyAdminA.token, { name: '快递柜', companyId: companyA, icon: 'box', advice: '请注明柜号' })).createCategory;
    expect(c).toMatchObject({ name: '快递柜', companyId: companyA, areaId: null, active: true, defaultPriority: 'NORMAL', icon: 'box' });
    expect(await offered(w.complexA)).toContain(c.code);
    expect(await offered(w.complexB)).not.toContain(c.code);
    expect(ok(await t.gql('{ categories { code } }')).categories.map((x: any) => x.code)).not.toContain(c.code);
    // Not at another company's complex, even with a valid code.
    const elsewhere = await t.gql('mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id } }', { i: { qrToken: w.qrB, idempotencyKey: 'cat-b-1', categoryCode: c.code, text: '快递柜坏了打不开。' } }, w.ownerB.token);
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
    const ticket = await fileTicket(t, w.ownerA, w.qrA, { categoryCode: c.code, text: '快递柜屏幕不亮了。' });
    const renamed = ok(await t.gql(`mutation($c: String!) { updateCategory(code: $c, input: { name: "智能快递柜" }) { ${CAT} } }`, { c: c.code }, a.companyAdminA.token)).updateCategory;
    expect(renamed).toMatchObject({ code: c.code, name: '智能快递柜' });
    ok(await t.gql('mutation($c: String!) { updateCategory(code: $c, input: { active: false }) { active } }', { c: c.code }, a.companyAdminA.token));
    expect(await offered(w.complexA)).not.toContain(c.code);
    const refiled = await t.gql('mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id } }', { i: { qrToken: w.qrA, idempotencyKey: 'cat-a-2', categoryCode: c.code, text: '快递柜又坏了。' } }, w.ownerA.token);
    expect(codeOf(refiled)).toBe('BAD_USER_INPUT');
    // The ticket filed before still shows its category, by its new name, to its owner and to staff.
    const seen = ok(await t.gql('query($id: ID!) { ticket(id: $id) { category { code name active } } }', { id: ticket.id }, w.staffA.token)).ticket;
    expect(seen.category).toEqual({ code: c.code, name: '智能快递柜', active: false });
    const trail = ok(await t.gql('query($id: String) { adminEvents(filter: { objectType: "CATEGORY", objectId: $id }) { action } }', { id: c.code }, a.companyAdminA.token)).adminEvents;
    expect(trail.map((e: any) => e.action)).toEqual(['CATEGORY_RETIRE', 'CATEGORY_UPDATE', 'CATEGORY_CREATE']);
  });

  it('categories: who may add what; an area’s category is offered under it; a retired built-in is no longer offered', async () => {
    expect(codeOf(await createCategory(a.companyAdminB.token, { name: '别家的', companyId: companyA }))).toBe('NOT_FOUND');
    expect(codeOf(await createCategory(a.companyAdminA.token, { name: '全市通用' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createCategory(a.companyAdminA.token, { name: '停车管理', companyId: companyA }))).toBe('CONFLICT');
    expect(codeOf(await createCategory(a.companyAdminA.token, { name: '图标', companyId: companyA, icon: '<svg>' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createCategory(a.streetAdmin.token, { name: '别的街道', areaId: district }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql('mutation { updateCategory(code: "PARKING", input: { active: false }) { code } }', {}, a.companyAdminA.token))).toBe('NOT_FOUND');
    const s = ok(await createCategory(a.streetAdmin.token, { name: '违建', areaId: w.street, defaultPriority: 'HIGH' })).createCategory;
    expect(await offered(w.complexA)).toContain(s.code);
    expect(await offered(w.complexB)).not.toContain(s.code);
    // The bureau retires a built-in: gone from every list, its sub-types with it.
    const lift = (await t.ds.query("SELECT code FROM categories WHERE parent_code IS NOT NULL LIMIT 1"))[0]?.code as string | undefined;
    const parent = lift ? (await t.ds.query('SELECT parent_code FROM categories WHERE code = ?', [lift]))[0].parent_code : 'PARKING';
    ok(await t.gql('mutation($c: String!) { updateCategory(code: $c, input: { active: false }) { active } }', { c: parent }, w.admin.token));
    const now = await offered(w.complexA);
    expect(now).not.toContain(parent);
    if (lift) expect(now).not.toContain(lift);
    ok(await t.gql('mutation($c: String!) { updateCategory(code: $c, input: { active: true }) { active } }', { c: parent }, w.admin.token));
    expect(await offered(w.complexA)).toContain(parent);
  });
});
