/**
 * Reply templates: the bureau writes everyone's, a company admin its own company's; staff of a complex pick
 * from everyone's and their company's active ones (never another company's); retired ones are not offered;
 * every change is on the audit trail.
 */
import { adminActors } from '../support/admin-actors';
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type Actor, type World } from '../support/world';

const T = 'id companyId title body active';

describe('reply templates', () => {
  let t: TestApp;
  let w: World;
  let a: { companyAdminA: Actor; companyAdminB: Actor; streetAdmin: Actor };
  let companyA: number;
  let companyB: number;
  const create = (token: string, i: Record<string, unknown>) => t.gql(`mutation($i: ReplyTemplateInput!) { createReplyTemplate(input: $i) { ${T} } }`, { i }, token);
  const picks = async (token: string, complexId: number | null) => ok(await t.gql('query($c: Int) { replyTemplates(complexId: $c) { title } }', { c: complexId }, token)).replyTemplates.map((x: any) => x.title) as string[];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    a = await adminActors(t, w);
    [{ company_id: companyA }] = await t.ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexA]);
    [{ company_id: companyB }] = await t.ds.query('SELECT company_id FROM complexes WHERE id = ?', [w.complexB]);
  });
  afterAll(() => t.close());

  it('everyone’s and each company’s own; staff see theirs and everyone’s only', async () => {
    ok(await create(w.admin.token, { title: '已受理', body: '您好，您反映的问题已受理，我们会尽快处理。' }));
    const mine = ok(await create(a.companyAdminA.token, { companyId: companyA, title: '已派维修', body: '维修师傅将于今天下午上门，请保持电话畅通。' })).createReplyTemplate;
    ok(await create(a.companyAdminB.token, { companyId: companyB, title: '乙公司专用', body: '乙公司的回复。' }));
    expect(await picks(w.staffA.token, w.complexA)).toEqual(['已受理', '已派维修']);
    expect(await picks(w.staffB.token, w.complexB)).toEqual(['已受理', '乙公司专用']);
    // Asking for another company's complex gives only everyone's.
    expect(await picks(w.staffB.token, w.complexA)).toEqual(['已受理']);
    expect(await picks(w.dept.token, null)).toEqual(['已受理']);
    expect(codeOf(await t.gql('{ replyTemplates { id } }', {}, w.ownerA.token))).toBe('FORBIDDEN');
    // Edits and retirement, audited; retired ones are not offered but stay in the admin's list.
    ok(await t.gql('mutation($id: ID!) { updateReplyTemplate(id: $id, body: "维修师傅将于明天上午上门。") { id } }', { id: mine.id }, a.companyAdminA.token));
    ok(await t.gql('mutation($id: ID!) { updateReplyTemplate(id: $id, active: false) { id } }', { id: mine.id }, a.companyAdminA.token));
    expect(await picks(w.staffA.token, w.complexA)).toEqual(['已受理']);
    const admin = ok(await t.gql(`{ adminReplyTemplates { ${T} } }`, {}, a.companyAdminA.token)).adminReplyTemplates;
    expect(admin.map((x: any) => [x.title, x.active])).toEqual([['已受理', true], ['已派维修', false]]);
    const trail = ok(await t.gql('query($id: String) { adminEvents(filter: { objectType: "TEMPLATE", objectId: $id }) { action before after } }', { id: String(mine.id) }, a.companyAdminA.token)).adminEvents;
    expect(trail.map((e: any) => e.action)).toEqual(['TEMPLATE_RETIRE', 'TEMPLATE_UPDATE', 'TEMPLATE_CREATE']);
    expect(JSON.parse(trail[1].after)).toEqual({ body: '维修师傅将于明天上午上门。' });
  });

  it('refuses what is not the caller’s, and garbage, without a trace', async () => {
    const before = Number((await t.ds.query('SELECT COUNT(*) AS n FROM admin_events'))[0].n);
    const [theirs] = await t.ds.query('SELECT id FROM reply_templates WHERE company_id = ?', [companyB]);
    expect(codeOf(await create(a.companyAdminA.token, { companyId: companyB, title: '越权', body: '越权' }))).toBe('NOT_FOUND');
    expect(codeOf(await create(a.companyAdminA.token, { title: '通用', body: '通用' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await create(a.companyAdminA.token, { companyId: companyA, title: '', body: 'x' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await create(a.companyAdminA.token, { companyId: companyA, title: '长', body: 'x'.repeat(501) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await create(a.companyAdminA.token, { companyId: companyA, title: '控制符', body: 'a\u0000b' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await create(w.staffA.token, { companyId: companyA, title: '员工', body: '员工' }))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql('mutation($id: ID!) { updateReplyTemplate(id: $id, active: false) { id } }', { id: String(theirs.id) }, a.companyAdminA.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql('mutation { updateReplyTemplate(id: "nope", active: false) { id } }', {}, a.companyAdminA.token))).toBe('NOT_FOUND');
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM admin_events'))[0].n)).toBe(before);
  });
});
