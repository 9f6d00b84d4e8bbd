/**
 * Issue 13's defects found by a new user over HTTP, each as it was reported (real HTTP, real MariaDB): a
 * subscription sent as a POST, an idempotency key reused for another report, a report without contact fields.
 * (Field names in errors: bad-input.int-spec.ts; handlers() scope and complex names: authorization.int-spec.ts.)
 */
import { TicketAction as A } from '@msb/shared-types';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, type World } from './support/world';
import { countRows, must, walk } from './support/lifecycle-driver';

describe('issue 13 defects', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const report = (key: string, over: Record<string, unknown> = {}) =>
    t.gql('mutation($i: ReportTicketInput!) { reportTicket(input: $i) { id number contactPhone } }', {
      i: { qrToken: w.qrA, idempotencyKey: key, categoryCode: 'FACILITIES', text: '3号楼电梯间顶灯不亮，晚上很黑。', ...over },
    }, w.ownerA.token);

  it('4: a subscription sent over HTTP POST is BAD_USER_INPUT (subscriptions need the WebSocket), never INTERNAL', async () => {
    for (const query of ['subscription { notificationAdded { id } }', 'subscription Live { notificationAdded { id createdAt } }']) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${w.staffA.token}` }, body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SUBSCRIPTION_NEEDS_WEBSOCKET' });
      expect(body.errors?.[0].message).toContain('WebSocket');
      expect(body.data ?? null).toBeNull();
    }
    // Anonymous too, and GET as well.
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('subscription { notificationAdded { id } }')}`);
    const g = (await get.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(g.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('5: the same key and the same report answer the same ticket; the same key with another report is a clear error and files nothing', async () => {
    const first = ok(await report('reuse-key-0001')).reportTicket;
    expect(ok(await report('reuse-key-0001')).reportTicket.id).toBe(first.id);
    expect(ok(await report('reuse-key-0001', { text: '  3号楼电梯间顶灯不亮，晚上很黑。 ' })).reportTicket.id).toBe(first.id); // same after trimming
    const before = await countRows(t, 'tickets');
    for (const other of [{ text: '5号楼门口的路灯也坏了，请一起修。' }, { categoryCode: 'PARKING' }, { qrToken: w.qrB }]) {
      const r = await report('reuse-key-0001', other);
      expect({ other, code: codeOf(r), ext: r.errors?.[0].extensions }).toEqual({
        other, code: 'BAD_USER_INPUT', ext: expect.objectContaining({ field: 'idempotencyKey', reason: 'IDEMPOTENCY_KEY_REUSED', ticketNumber: first.number }),
      });
    }
    expect(await countRows(t, 'tickets')).toBe(before);
    // Concurrent first filings with one key and different texts: one ticket; the other learns it was not filed.
    const rs = await Promise.all(['一号楼漏水了，请来看看。', '二号楼漏水了，请来看看。'].map((text) => report('reuse-key-0002', { text })));
    expect(rs.filter((r) => !r.errors).length).toBe(1);
    expect(rs.filter((r) => codeOf(r) === 'BAD_USER_INPUT').length).toBe(1);
    expect(await countRows(t, 'tickets', 'idempotency_key = ?', ['reuse-key-0002'])).toBe(1);
  });

  it('6: a report without contact fields keeps the phone the owner signed in with; the handler can reveal it', async () => {
    const [{ phone }] = await t.ds.query('SELECT phone FROM users WHERE id = ?', [w.ownerA.id]);
    const filed = ok(await report('no-contact-0001')).reportTicket;
    expect(filed.contactPhone).toBe(phone);
    const [row] = await t.ds.query('SELECT contact_phone FROM tickets WHERE id = ?', [filed.id]);
    expect(row.contact_phone).toBe(phone);
    await must(t, w, A.ACCEPT, w.staffA, { id: filed.id, version: 1 });
    expect(ok(await t.gql('mutation($id: ID!) { revealContact(ticketId: $id) { phone } }', { id: filed.id }, w.staffA.token)).revealContact.phone).toBe(phone);
    // A number given is kept as given.
    const given = ok(await report('no-contact-0002', { contactPhone: '13512345678' })).reportTicket;
    expect(given.contactPhone).toBe('13512345678');
    // Staff still see it masked.
    const s = await walk(t, w, []);
    expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { contactPhone } }', { id: s.id }, w.staffA.token)).ticket.contactPhone).toMatch(/^177\*{4}\d{4}$/);
  });
});
