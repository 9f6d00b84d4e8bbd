/**
 * Going live from an empty database: the bureau admin comes from the admin:create command; everything else
 * (areas, company, complex, buildings, gates, staff) is set up over GraphQL, every change on the audit trail,
 * and a ticket filed at the new gate reaches the new staff's inbox.
 */
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { countEvents, create, login, owner, runCli } from './admin-support';

describe('onboarding from an empty database', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('admin:create makes the first bureau admin (and refuses bad input without a trace)', async () => {
    const bad = await runCli('admin/admin-create.cli.ts', ['--phone', '12345', '--name', '局管理员', '--password', 'Start2026x']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('手机号格式不正确');
    expect(await countEvents(t)).toBe(0);
    const r = await runCli('admin/admin-create.cli.ts', ['--phone', '13700000001', '--name', '局管理员', '--password', 'Start2026x']);
    expect(r).toEqual({ code: 0, out: expect.stringContaining('已创建住建局管理员 局管理员（13700000001）') });
    admin = await login(t, '13700000001', 'Start2026x');
    const me = ok(await t.gql('{ me { roles } }', {}, admin)).me;
    expect(me.roles).toEqual(['ADMIN']);
    const trail = ok(await t.gql('{ adminEvents { action actorId actorName objectType } }', {}, admin)).adminEvents;
    expect(trail.map((e: any) => e.action).sort()).toEqual(['ACCOUNT_CREATE', 'ROLE_GRANT']);
    expect(trail[0]).toMatchObject({ actorId: null, actorName: '命令行 admin:create', objectType: 'USER' });
  }, 120_000);

  it('sets up district → street → community → complex → buildings → gates and a company', async () => {
    ids.city = await create(t, admin, { kind: 'AREA', level: 'CITY', name: '新市' });
    ids.district = await create(t, admin, { kind: 'AREA', parentId: ids.city, name: '新区' });
    ids.street = await create(t, admin, { kind: 'AREA', parentId: ids.district, name: '新街道' });
    ids.community = await create(t, admin, { kind: 'AREA', parentId: ids.street, name: '新社区' });
    ids.company = await create(t, admin, { kind: 'COMPANY', name: '新物业公司', servicePhone: '0531-88886666' });
    ids.complex = await create(t, admin, { kind: 'COMPLEX', parentId: ids.community, name: '新家园', address: '新路1号', companyId: ids.company, servicePhone: '0531-88886666', emergencyPhone: '13900001111' });
    ids.b1 = await create(t, admin, { kind: 'BUILDING', parentId: ids.complex, name: '1号楼' });
    ids.b2 = await create(t, admin, { kind: 'BUILDING', parentId: ids.complex, name: '2号楼' });
    ids.gate = await create(t, admin, { kind: 'SPOT', parentId: ids.complex, name: '东门' });
    ids.lobby = await create(t, admin, { kind: 'SPOT', parentId: ids.complex, name: '1号楼大堂', spotKind: 'LOBBY', buildingId: ids.b1 });
    const p = ok(await t.gql('{ adminPlaces { areas { id level parentId } complexes { id parentId companyId } buildings { id } spots { id buildingId spotKind } } }', {}, admin)).adminPlaces;
    expect(p.areas.map((a: any) => a.level)).toEqual(['CITY', 'DISTRICT', 'STREET', 'COMMUNITY']);
    expect(p.complexes).toEqual([{ id: ids.complex, parentId: ids.community, companyId: ids.company }]);
    expect(p.spots).toEqual([{ id: ids.gate, buildingId: null, spotKind: 'GATE' }, { id: ids.lobby, buildingId: ids.b1, spotKind: 'LOBBY' }]);
  });

  it('bad input gets a typed error and changes nothing', async () => {
    const before = await countEvents(t);
    const tries: [Record<string, unknown>, string][] = [
      [{ kind: 'AREA', parentId: 999999, name: 'x' }, 'NOT_FOUND'],
      [{ kind: 'AREA', parentId: ids.community, name: '楼下' }, 'BAD_USER_INPUT'],
      [{ kind: 'BUILDING', parentId: ids.complex, name: '1号楼' }, 'CONFLICT'],
      [{ kind: 'BUILDING', parentId: ids.complex, name: '  ' }, 'BAD_USER_INPUT'],
      [{ kind: 'SPOT', parentId: ids.complex, name: '西门', spotKind: 'ROOF' }, 'BAD_USER_INPUT'],
      [{ kind: 'COMPLEX', parentId: ids.street, name: '错级小区' }, 'NOT_FOUND'],
      [{ kind: 'COMPLEX', parentId: ids.community, name: '电话错', servicePhone: 'call me' }, 'BAD_USER_INPUT'],
    ];
    for (const [input, code] of tries) {
      const r = await t.gql('mutation($i: CreatePlaceInput!) { createPlace(input: $i) { id } }', { i: input }, admin);
      expect({ input, code: codeOf(r) }).toEqual({ input, code });
    }
    const invite = await t.gql('mutation($i: InviteAccountInput!) { inviteAccount(input: $i) { userId } }', { i: { phone: '1380', name: '王', role: 'STAFF', complexId: ids.complex } }, admin);
    expect(codeOf(invite)).toBe('BAD_USER_INPUT');
    expect(await countEvents(t)).toBe(before);
  });

  it('invites staff by phone; the one-time code sets their password; a ticket at the new gate reaches their inbox', async () => {
    const inv = ok(await t.gql('mutation($i: InviteAccountInput!) { inviteAccount(input: $i) { userId oneTimeCode } }', { i: { phone: '13700000011', name: '新师傅', role: 'STAFF', complexId: ids.complex } }, admin)).inviteAccount;
    expect(inv.oneTimeCode).toMatch(/^[2-9A-Z]{8}$/);
    const wrong = await t.gql('mutation { setPasswordWithCode(phone: "13700000011", code: "AAAAAAAA", password: "Staff2026x") }');
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    ok(await t.gql('mutation($c: String!) { setPasswordWithCode(phone: "13700000011", code: $c, password: "Staff2026x") }', { c: inv.oneTimeCode }));
    const reuse = await t.gql('mutation($c: String!) { setPasswordWithCode(phone: "13700000011", code: $c, password: "Other2026x") }', { c: inv.oneTimeCode });
    expect(codeOf(reuse)).toBe('BAD_USER_INPUT');
    const staff = await login(t, '13700000011', 'Staff2026x');

    const link = ok(await t.gql('query($s: Int!) { spotQrLink(spotId: $s) }', { s: ids.gate }, admin)).spotQrLink as string;
    expect(ok(await t.gql('query($s: Int!) { spotQrLink(spotId: $s) }', { s: ids.gate }, admin)).spotQrLink).toBe(link);
    const filed = ok(await t.gql(
      'mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id } }',
      { i: { qrToken: link.split('/q/')[1], idempotencyKey: 'onboard-ticket-0001', categoryCode: 'FACILITIES', text: '东门门禁坏了，刷不开。' } },
      await owner(t, '13900009999'),
    )).reportTicket;
    const inbox = ok(await t.gql('{ inbox(first: 20) { nodes { id } } }', {}, staff)).inbox.nodes.map((n: any) => n.id);
    expect(inbox).toEqual([filed.id]);
    ids.ticket = Number(filed.id);

    const acct = ok(await t.gql('{ adminAccounts(search: "新师傅") { id active hasPassword roles { role complexId companyId scopeName } } }', {}, admin)).adminAccounts;
    expect(acct).toEqual([{ id: inv.userId, active: true, hasPassword: true, roles: [{ role: 'STAFF', complexId: ids.complex, companyId: ids.company, scopeName: '新家园' }] }]);
    ids.staff = Number(inv.userId);
  });

  it('reset password: the old one stops at once, the code sets a new one; deactivation locks the account out', async () => {
    const code = ok(await t.gql('mutation($u: ID!) { resetPassword(userId: $u) }', { u: String(ids.staff) }, admin)).resetPassword;
    expect(codeOf(await t.gql('mutation { loginWithPassword(phone: "13700000011", password: "Staff2026x") { token } }'))).toBe('UNAUTHENTICATED');
    ok(await t.gql('mutation($c: String!) { setPasswordWithCode(phone: "13700000011", code: $c, password: "Fresh2026x") }', { c: code }));
    const token = await login(t, '13700000011', 'Fresh2026x');
    ok(await t.gql('mutation($u: ID!) { setAccountActive(userId: $u, active: false) }', { u: String(ids.staff) }, admin));
    expect(codeOf(await t.gql('{ me { id } }', {}, token))).toBe('UNAUTHENTICATED');
    ok(await t.gql('mutation($u: ID!) { setAccountActive(userId: $u, active: true) }', { u: String(ids.staff) }, admin));
    expect(ok(await t.gql('{ me { name } }', {}, token)).me.name).toBe('新师傅');
  });

  it('rename, move, deactivate, rotate: each on the trail with before → after', async () => {
    ok(await t.gql('mutation($id: Int!) { updatePlace(kind: SPOT, id: $id, input: { name: "东大门" }) { name } }', { id: ids.gate }, admin));
    ok(await t.gql('mutation($id: Int!, $b: Int) { movePlace(kind: SPOT, id: $id, parentId: $b) { buildingId } }', { id: ids.lobby, b: ids.b2 }, admin));
    const trail = ok(await t.gql('query($id: String) { adminEvents(filter: { objectType: "SPOT", objectId: $id }) { action before after } }', { id: String(ids.gate) }, admin)).adminEvents;
    expect(trail[0]).toMatchObject({ action: 'SPOT_UPDATE' });
    expect(JSON.parse(trail[0].before)).toEqual({ name: '东门' });
    expect(JSON.parse(trail[0].after)).toEqual({ name: '东大门' });
    const moved = ok(await t.gql('{ adminEvents(filter: { action: "SPOT_MOVE" }) { before after } }', {}, admin)).adminEvents[0];
    expect([JSON.parse(moved.before), JSON.parse(moved.after)]).toEqual([{ buildingId: ids.b1 }, { buildingId: ids.b2 }]);
    const found = ok(await t.gql('{ adminEvents(filter: { text: "东大门" }) { objectId } }', {}, admin)).adminEvents;
    expect(found.map((e: any) => e.objectId)).toContain(String(ids.gate));

    const old = ok(await t.gql('query($s: Int!) { spotQrLink(spotId: $s) }', { s: ids.gate }, admin)).spotQrLink.split('/q/')[1];
    const fresh = ok(await t.gql('mutation($s: Int!) { rotateSpotQr(spotId: $s) }', { s: ids.gate }, admin)).rotateSpotQr.split('/q/')[1];
    const landing = await t.gql('query($tk: String!) { complexByQrToken(token: $tk) { spot { id } } }', { tk: old });
    expect(landing.errors?.[0]).toMatchObject({ message: '此二维码已更换，请扫描新码或联系物业 0531-88886666', extensions: { reason: 'REPLACED', phone: '0531-88886666' } });
    expect(ok(await t.gql('query($tk: String!) { complexByQrToken(token: $tk) { spot { id } } }', { tk: fresh })).complexByQrToken.spot.id).toBe(ids.gate);
    ok(await t.gql('mutation($id: Int!) { setPlaceActive(kind: SPOT, id: $id, active: false) { active } }', { id: ids.gate }, admin));
    const off = await t.gql('query($tk: String!) { complexByQrToken(token: $tk) { spot { id } } }', { tk: fresh });
    expect(off.errors?.[0].extensions.reason).toBe('REVOKED');
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM spots'))[0].n)).toBe(2);
    await expect(t.ds.query('UPDATE admin_events SET actor_name = ? WHERE id = 1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.ds.query('DELETE FROM admin_events')).rejects.toThrow(/append-only/);
  });

  it('a change of property company keeps history; the old ticket keeps the old company', async () => {
    const other = await create(t, admin, { kind: 'COMPANY', name: '接管物业公司' });
    const bad = await t.gql('mutation($c: Int!, $co: Int) { setComplexCompany(complexId: $c, companyId: $co, effectiveFrom: "2026-13-01") { id } }', { c: ids.complex, co: other }, admin);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const before = ok(await t.gql('query($c: Int!) { complexCompanyHistory(complexId: $c) { companyId effectiveFrom } }', { c: ids.complex }, admin)).complexCompanyHistory;
    const since: string = before[before.length - 1].effectiveFrom;
    const dayBefore = new Date(Date.parse(`${since}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const early = await t.gql('mutation($c: Int!, $co: Int, $d: String!) { setComplexCompany(complexId: $c, companyId: $co, effectiveFrom: $d) { id } }', { c: ids.complex, co: other, d: dayBefore }, admin);
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0].extensions.field).toBe('effectiveFrom');
    const from = new Date(Date.parse(`${since}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    ok(await t.gql('mutation($c: Int!, $co: Int, $d: String!) { setComplexCompany(complexId: $c, companyId: $co, effectiveFrom: $d) { companyId } }', { c: ids.complex, co: other, d: from }, admin));
    const h = ok(await t.gql('query($c: Int!) { complexCompanyHistory(complexId: $c) { companyId effectiveFrom } }', { c: ids.complex }, admin)).complexCompanyHistory;
    expect(h.map((x: any) => x.companyId)).toEqual([ids.company, other]);
    expect(h[1].effectiveFrom).toBe(from);
    const [tk] = await t.ds.query('SELECT company_id FROM tickets WHERE id = ?', [ids.ticket]);
    expect(tk.company_id).toBe(ids.company);
  });
});
