/**
 * Owners bound to their rooms (issue 11 §10): requested by the owner and confirmed by the complex's staff, or
 * bound at once with a six-digit code staff show; one owner many rooms; unbind. And the attacks: binding
 * someone else's room (only ever a request the property sees, flagged), deciding it yourself, another
 * complex's staff, garbage, guessing codes, and the same request sent at once.
 */
import { ROOM_LIMITS } from '../../src/rooms/domain/room-rules';
import { codeOf, ok, startTestApp, type GqlResult, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';

const B = 'id complexId buildingId buildingName unit room label status method reason ownerName othersVerified';

const count = (rs: GqlResult[]) => {
  const c: Record<string, number> = {};
  for (const r of rs) {
    const k = r.errors?.[0]?.extensions.code ?? 'OK';
    c[k] = (c[k] ?? 0) + 1;
  }
  return c;
};

describe('room bindings', () => {
  let t: TestApp;
  let w: World;
  let building2: number;
  let buildingB: number;
  const request = (token: string, input: Record<string, unknown>) => t.gql(`mutation($i: RoomInput!) { requestRoomBinding(input: $i) { ${B} } }`, { i: input }, token);
  const decide = (token: string, id: string, approve: boolean, reason?: string) => t.gql(`mutation($id: ID!, $a: Boolean!, $r: String) { decideRoomBinding(id: $id, approve: $a, reason: $r) { ${B} } }`, { id, a: approve, r: reason ?? null }, token);
  const issue = (token: string, input: Record<string, unknown>) => t.gql('mutation($i: RoomInput!) { issueRoomCode(input: $i) { code expiresAt label } }', { i: input }, token);
  const withCode = (token: string, complexId: number, code: string) => t.gql(`mutation($c: Int!, $k: String!) { bindRoomWithCode(complexId: $c, code: $k) { ${B} } }`, { c: complexId, k: code }, token);
  const mine = async (token: string) => ok(await t.gql(`{ myRooms { ${B} } }`, {}, token)).myRooms as any[];

  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '20' });
    w = await buildWorld(t);
    building2 = Number((await t.ds.query('INSERT INTO buildings (complex_id, name) VALUES (?, ?)', [w.complexA, '2号楼'])).insertId);
    buildingB = Number((await t.ds.query('INSERT INTO buildings (complex_id, name) VALUES (?, ?)', [w.complexB, '乙1号楼'])).insertId);
  });
  afterAll(() => t.close());

  it('an owner asks, the complex’s staff confirm; a second room; unbind', async () => {
    const r = ok(await request(w.ownerA.token, { complexId: w.complexA, buildingId: w.buildingA, unit: '2单元', room: '502室' })).requestRoomBinding;
    expect(r).toMatchObject({ status: 'PENDING', unit: '2', room: '502', label: '1号楼 2单元 502室', ownerName: null });
    const pending = ok(await t.gql(`query($c: Int!) { roomBindings(complexId: $c, status: PENDING) { ${B} } }`, { c: w.complexA }, w.staffA.token)).roomBindings;
    expect(pending).toEqual([expect.objectContaining({ id: r.id, ownerName: '业主甲', othersVerified: 0 })]);
    const ok1 = ok(await decide(w.staffA.token, r.id, true)).decideRoomBinding;
    expect(ok1).toMatchObject({ status: 'VERIFIED', method: 'STAFF' });
    const second = ok(await request(w.ownerA.token, { complexId: w.complexA, buildingId: building2, room: '101' })).requestRoomBinding;
    ok(await decide(w.staffA.token, second.id, true));
    expect((await mine(w.ownerA.token)).map((b) => [b.label, b.status])).toEqual([['1号楼 2单元 502室', 'VERIFIED'], ['2号楼 101室', 'VERIFIED']]);
    expect(ok(await t.gql('mutation($id: ID!) { unbindRoom(id: $id) }', { id: second.id }, w.ownerA.token)).unbindRoom).toBe(true);
    expect((await mine(w.ownerA.token)).map((b) => b.label)).toEqual(['1号楼 2单元 502室']);
    // Rejection needs a reason, and is final.
    const third = ok(await request(w.ownerA.token, { complexId: w.complexA, buildingId: building2, room: '102' })).requestRoomBinding;
    expect(codeOf(await decide(w.staffA.token, third.id, false))).toBe('BAD_USER_INPUT');
    expect(ok(await decide(w.staffA.token, third.id, false, '该房屋登记的业主不是您'))).toBeTruthy();
    expect(codeOf(await decide(w.staffA.token, third.id, true))).toBe('CONFLICT');
  });

  it('someone else’s room: only a request, flagged to staff; nobody decides their own or another complex’s', async () => {
    const theirs = ok(await request(w.ownerB.token, { complexId: w.complexA, buildingId: w.buildingA, unit: '2', room: '502' })).requestRoomBinding;
    expect(theirs.status).toBe('PENDING');
    const seen = ok(await t.gql(`query($c: Int!) { roomBindings(complexId: $c, status: PENDING) { ${B} } }`, { c: w.complexA }, w.staffA.token)).roomBindings;
    expect(seen.find((b: any) => b.id === theirs.id)).toMatchObject({ ownerName: '业主乙', othersVerified: 1 });
    expect(codeOf(await decide(w.ownerB.token, theirs.id, true))).toBe('NOT_FOUND');
    expect(codeOf(await decide(w.staffB.token, theirs.id, true))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql('query($c: Int!) { roomBindings(complexId: $c) { id } }', { c: w.complexA }, w.staffB.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql('query($c: Int!) { roomBindings(complexId: $c) { id } }', { c: w.complexA }, w.ownerA.token))).toBe('FORBIDDEN');
    // Nobody unbinds another owner's room, nor staff theirs on the owner's behalf through the owner's call.
    const [a] = await mine(w.ownerA.token);
    expect(codeOf(await t.gql('mutation($id: ID!) { unbindRoom(id: $id) }', { id: a.id }, w.ownerB.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql('mutation { unbindRoom(id: "1 OR 1=1") }', {}, w.ownerB.token))).toBe('NOT_FOUND');
    expect(codeOf(await issue(w.staffB.token, { complexId: w.complexA, buildingId: w.buildingA, room: '503' }))).toBe('NOT_FOUND');
    expect(codeOf(await issue(w.ownerA.token, { complexId: w.complexA, buildingId: w.buildingA, room: '503' }))).toBe('FORBIDDEN');
  });

  it('garbage is refused with the field it is about, and nothing is written', async () => {
    const before = Number((await t.ds.query('SELECT COUNT(*) AS n FROM room_bindings'))[0].n);
    const tries: [Record<string, unknown>, string][] = [
      [{ complexId: w.complexA, buildingId: buildingB, room: '101' }, 'buildingId'],
      [{ complexId: w.complexA, buildingId: 999999, room: '101' }, 'buildingId'],
      [{ complexId: 999999, buildingId: w.buildingA, room: '101' }, 'complexId'],
      [{ complexId: w.complexA, buildingId: w.buildingA, room: '' }, 'room'],
      [{ complexId: w.complexA, buildingId: w.buildingA, room: '1'.repeat(17) }, 'room'],
      [{ complexId: w.complexA, buildingId: w.buildingA, room: "101'; DROP TABLE users; --" }, 'room'],
      [{ complexId: w.complexA, buildingId: w.buildingA, room: '10\u00001' }, 'room'],
      [{ complexId: w.complexA, buildingId: w.buildingA, unit: '<b>2</b>', room: '101' }, 'unit'],
      [{ complexId: w.complexA, buildingId: w.buildingA, room: '😀' }, 'room'],
    ];
    for (const [input, field] of tries) {
      const r = await request(w.ownerA.token, input);
      expect({ input, code: codeOf(r), field: r.errors?.[0]?.extensions.field }).toEqual({ input, code: 'BAD_USER_INPUT', field });
    }
    expect(codeOf(await request(w.staffA.token, { complexId: w.complexA, buildingId: w.buildingA, room: '101' }))).toBe('FORBIDDEN');
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM room_bindings'))[0].n)).toBe(before);
  });

  it('at once: the same request 10 times is one binding; 14 different rooms stop at the cap; two decisions, one wins', async () => {
    const same = await Promise.all(Array.from({ length: 10 }, () => request(w.ownerA2.token, { complexId: w.complexA, buildingId: building2, room: '808' })));
    expect(count(same)).toEqual({ OK: 10 });
    expect(new Set(same.map((r) => r.data.requestRoomBinding.id)).size).toBe(1);
    const rows = await t.ds.query("SELECT COUNT(*) AS n FROM room_bindings WHERE user_id = ? AND room_label = '808'", [w.ownerA2.id]);
    expect(Number(rows[0].n)).toBe(1);
    const id = same[0].data.requestRoomBinding.id;
    const decisions = await Promise.all([decide(w.staffA.token, id, true), decide(w.staffA2.token, id, true), decide(w.managerA.token, id, false, '重复')]);
    expect(count(decisions)).toEqual({ OK: 1, CONFLICT: 2 });
    const many = await Promise.all(Array.from({ length: 14 }, (_, i) => request(w.ownerA2.token, { complexId: w.complexA, buildingId: building2, room: String(900 + i) })));
    const c = count(many);
    expect(c.OK).toBe(ROOM_LIMITS.liveBindingsPerOwner - 1);
    expect(c.BAD_USER_INPUT).toBe(14 - (ROOM_LIMITS.liveBindingsPerOwner - 1));
    expect((await mine(w.ownerA2.token)).length).toBe(ROOM_LIMITS.liveBindingsPerOwner);
  });

  it('a code staff show binds at once, once; guessing is capped per owner', async () => {
    const code = ok(await issue(w.staffA.token, { complexId: w.complexA, buildingId: w.buildingA, unit: '3', room: '301' })).issueRoomCode;
    expect(code).toMatchObject({ code: expect.stringMatching(/^\d{6}$/), label: '1号楼 3单元 301室' });
    // Two owners with the same code at once: exactly one gets the room.
    const both = await Promise.all([withCode(w.ownerB.token, w.complexA, code.code), withCode(w.ownerA.token, w.complexA, code.code)]);
    expect(count(both)).toEqual({ OK: 1, BAD_USER_INPUT: 1 });
    const winner = both.find((r) => !r.errors)!.data.bindRoomWithCode;
    expect(winner).toMatchObject({ status: 'VERIFIED', method: 'CODE', label: '1号楼 3单元 301室' });
    // The code is for complex A only.
    const other = ok(await issue(w.staffA.token, { complexId: w.complexA, buildingId: w.buildingA, room: '302' })).issueRoomCode;
    expect(codeOf(await withCode(w.ownerB.token, w.complexB, other.code))).toBe('BAD_USER_INPUT');
    expect(codeOf(await withCode(w.ownerB.token, w.complexA, 'abcdef'))).toBe('BAD_USER_INPUT');
    // 15 guesses at once from one owner: the cap's worth are checked, the rest RATE_LIMITED — then even the right code waits.
    const [{ n: used }] = await t.ds.query("SELECT COUNT(*) AS n FROM auth_attempts WHERE bucket = ?", [`room-code:${w.ownerB.id}`]);
    expect(Number(used)).toBe(1);
    const hits = Number((await t.ds.query('SELECT hits FROM auth_attempts WHERE bucket = ?', [`room-code:${w.ownerB.id}`]))[0].hits);
    const guesses = await Promise.all(Array.from({ length: 15 }, (_, i) => withCode(w.ownerB.token, w.complexA, String(100000 + i * 7919))));
    const g = count(guesses);
    expect(g.RATE_LIMITED).toBe(15 - (ROOM_LIMITS.codeTriesPerOwner.hits - hits));
    expect(codeOf(await withCode(w.ownerB.token, w.complexA, other.code))).toBe('RATE_LIMITED');
    expect(ok(await withCode(w.ownerA.token, w.complexA, other.code)).bindRoomWithCode.label).toBe('1号楼 302室');
  });

  it('a ticket filed from a verified room carries it for staff; a pending, another owner’s or another complex’s binding is refused', async () => {
    const [verified] = (await mine(w.ownerA.token)).filter((b) => b.status === 'VERIFIED' && b.label === '1号楼 2单元 502室');
    const tk = await fileTicket(t, w.ownerA, w.qrA, { roomBindingId: verified.id, text: '卫生间楼上漏水，天花板在滴水。' });
    const seen = ok(await t.gql('query($id: ID!) { ticket(id: $id) { room building { id name } } }', { id: tk.id }, w.staffA.token)).ticket;
    expect(seen).toEqual({ room: '1号楼 2单元 502室', building: { id: w.buildingA, name: '1号楼' } });
    const inbox = ok(await t.gql('{ inbox(first: 50) { nodes { id room } } }', {}, w.staffA.token)).inbox.nodes;
    expect(inbox.find((n: any) => n.id === tk.id)?.room).toBe('1号楼 2单元 502室');
    const file = (token: string, qr: string, roomBindingId: string, key: string) =>
      t.gql('mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id } }', { i: { qrToken: qr, idempotencyKey: key, categoryCode: 'FACILITIES', text: '房屋绑定的尝试。', roomBindingId } }, token);
    const pending = ok(await request(w.ownerA.token, { complexId: w.complexA, buildingId: w.buildingA, room: '999' })).requestRoomBinding;
    for (const [token, qr, id, key] of [
      [w.ownerA.token, w.qrA, pending.id, 'room-try-1'],
      [w.ownerB.token, w.qrA, verified.id, 'room-try-2'],
      [w.ownerA.token, w.qrB, verified.id, 'room-try-3'],
      [w.ownerA.token, w.qrA, '1; DROP TABLE tickets', 'room-try-4'],
    ] as const) {
      const r = await file(token, qr, id, key);
      expect({ key, code: codeOf(r), field: r.errors?.[0]?.extensions.field }).toEqual({ key, code: 'BAD_USER_INPUT', field: 'roomBindingId' });
    }
    // Unbound owners still report (anyone at the gate can); their tickets carry no room.
    const plain = await fileTicket(t, w.ownerB, w.qrA);
    expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { room } }', { id: plain.id }, w.staffA.token)).ticket.room).toBeNull();
  });
});
