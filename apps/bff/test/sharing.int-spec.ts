/**
 * Issue 12 §10, the family's read-only view, attacked over HTTP (real MariaDB): the reporter shares a ticket
 * by a link; anyone holding the link sees that one ticket's course without a phone, a contact, a name or a
 * photo; nobody else may share it; the link dies when stopped or after 7 days; guessed, malformed and dead
 * links all get the same NOT_FOUND, and an address that keeps guessing is cut off; a link never opens another
 * ticket; only the token's hash is stored.
 */
import { TicketAction as A } from '@msb/shared-types';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type World } from './support/world';
import { must } from './support/lifecycle-driver';
import { newShareToken, SHARE_TTL_DAYS, SHARED_LOOKUP_LIMITS } from '../src/sharing/domain/share-policy';

const VIEW = `query($s: String!) { sharedTicket(token: $s) { number status categoryName complexName spotName text expiresAt
  timeline { action label toStatus at note } clocks { target state dueAt } } }`;
const DAY = 86_400_000;

describe('分享给家人: a read-only link to one ticket', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const share = (ticketId: string, token = w.ownerA.token) => t.gql('mutation($id: ID!) { shareTicket(ticketId: $id) { token expiresAt path url } }', { id: ticketId }, token);
  const view = (s: string, token?: string) => t.gql(VIEW, { s }, token);
  const stop = (ticketId: string, token = w.ownerA.token) => t.gql('mutation($id: ID!) { stopSharingTicket(ticketId: $id) }', { id: ticketId }, token);

  let ticket: { id: string; number: string; version: number };
  let link = '';

  it('the reporter shares; anyone with the link sees the course of that ticket, with no phone, contact, name or photo', async () => {
    ticket = await fileTicket(t, w.ownerA, w.qrA, { text: '楼道灯坏了，师傅来之前请先打我电话13912345678。', contactPhone: '13912345678', contactName: '陈女士' });
    const accepted = await must(t, w, A.ACCEPT, w.staffA, ticket);
    await must(t, w, A.COMMENT, w.staffA, accepted, { text: '已联系业主13912345678' });
    const s = ok(await share(ticket.id)).shareTicket;
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.path).toBe(`/tickets/pages/shared/index?s=${s.token}`);
    expect(s.url).toContain(`/#/tickets/pages/shared/index?s=${s.token}`);
    expect(new Date(s.expiresAt).getTime() - t.clock.now().getTime()).toBe(SHARE_TTL_DAYS * DAY);
    link = s.token;

    // Not signed in at all.
    const v = ok(await view(link)).sharedTicket;
    expect(v).toMatchObject({ number: ticket.number, status: 'ACCEPTED', complexName: '甲小区', spotName: '东门' });
    expect(v.timeline.map((e: { action: string }) => e.action)).toEqual([A.REPORT, A.ACCEPT]);
    expect(v.clocks.length).toBeGreaterThan(0);
    const everything = JSON.stringify(v);
    expect(everything).not.toContain('13912345678');
    expect(everything).toContain('139****5678');
    expect(everything).not.toContain('陈女士');
    expect(everything).not.toContain(w.ownerA.name);
    expect(everything).not.toContain(w.staffA.name);
    // The schema has no such fields to ask for (a document naming one is refused as bad input).
    for (const field of ['contactPhone', 'contactName', 'reporter { id }', 'attachments { id }', 'id']) {
      expect(codeOf(await t.gql(`query($s: String!) { sharedTicket(token: $s) { ${field} } }`, { s: link }))).toBe('BAD_USER_INPUT');
    }
    // Only the hash is stored.
    const rows = await t.ds.query('SELECT token_hash FROM ticket_shares WHERE ticket_id = ?', [ticket.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(link);
  });

  it('only the reporter may share, see or stop sharing: another owner NOT_FOUND, staff FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    expect(codeOf(await share(ticket.id, w.ownerA2.token))).toBe('NOT_FOUND');
    expect(codeOf(await share(ticket.id, w.staffA.token))).toBe('FORBIDDEN');
    expect(codeOf(await share(ticket.id, w.managerB.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql('mutation($id: ID!) { shareTicket(ticketId: $id) { token } }', { id: ticket.id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await stop(ticket.id, w.ownerA2.token))).toBe('NOT_FOUND');
    expect(codeOf(await stop(ticket.id, w.staffA.token))).toBe('FORBIDDEN');
    expect(ok(await view(link)).sharedTicket.number).toBe(ticket.number);
  });

  it('a link opens its own ticket and no other, and a signed-in stranger gets no more than anyone', async () => {
    const other = await fileTicket(t, w.ownerA, w.qrA, { text: '另一件事：车库门坏了，进出不方便。' });
    const otherLink = ok(await share(other.id)).shareTicket.token;
    expect(ok(await view(link, w.ownerB.token)).sharedTicket.number).toBe(ticket.number);
    expect(ok(await view(otherLink)).sharedTicket.number).toBe(other.number);
    // Stopping one ticket's links leaves the other's.
    expect(ok(await stop(other.id)).stopSharingTicket).toBe(1);
    expect(codeOf(await view(otherLink))).toBe('NOT_FOUND');
    expect(ok(await view(link)).sharedTicket.number).toBe(ticket.number);
  });

  it('stopped: every link of the ticket dies at once, with the same answer as a link that never was', async () => {
    const second = ok(await share(ticket.id)).shareTicket.token;
    expect(ok(await t.gql('query($id: ID!) { ticketSharing(ticketId: $id) { active until } }', { id: ticket.id }, w.ownerA.token)).ticketSharing.active).toBe(2);
    expect(ok(await stop(ticket.id)).stopSharingTicket).toBe(2);
    const dead = await view(link);
    const never = await view(newShareToken());
    expect(codeOf(dead)).toBe('NOT_FOUND');
    expect(codeOf(await view(second))).toBe('NOT_FOUND');
    expect(dead.errors![0].message).toBe(never.errors![0].message);
    expect(ok(await t.gql('query($id: ID!) { ticketSharing(ticketId: $id) { active } }', { id: ticket.id }, w.ownerA.token)).ticketSharing.active).toBe(0);
  });

  it(`expired: a link works for ${SHARE_TTL_DAYS} days and not a minute more`, async () => {
    const fresh = ok(await share(ticket.id)).shareTicket.token;
    t.clock.advance(SHARE_TTL_DAYS * DAY - 60_000);
    expect(codeOf(await view(fresh))).toBeUndefined();
    t.clock.advance(120_000);
    expect(codeOf(await view(fresh))).toBe('NOT_FOUND');
  });

  it('at most 10 new links a ticket a day', async () => {
    const fresh = await fileTicket(t, w.ownerA, w.qrA, { text: '电梯按钮不灵，按了没有反应。' });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 11; i++) codes.push(codeOf(await share(fresh.id)));
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(undefined));
    expect(codes[10]).toBe('RATE_LIMITED');
  });

  it('guessing: malformed and random tokens are NOT_FOUND until the address has missed too often, then even a real link waits', async () => {
    t.clock.advance(SHARED_LOOKUP_LIMITS.missesPerAddress.windowMs + 1000);
    const live = ok(await share((await fileTicket(t, w.ownerA, w.qrA, { text: '小区门口的路灯不亮了。' })).id)).shareTicket.token;
    const guesses = ["' OR 1=1 --", '', 'x'.repeat(43), live.slice(0, 42), `${live.slice(0, 42)}${live[42] === 'A' ? 'B' : 'A'}`, ...Array.from({ length: 40 }, () => newShareToken())];
    const codes: (string | undefined)[] = [];
    for (const g of guesses) codes.push(codeOf(await view(g)));
    const cut = SHARED_LOOKUP_LIMITS.missesPerAddress.hits;
    expect(codes.slice(0, cut)).toEqual(Array(cut).fill('NOT_FOUND'));
    expect(new Set(codes.slice(cut))).toEqual(new Set(['RATE_LIMITED']));
    expect(codeOf(await view(live))).toBe('RATE_LIMITED');
    // The window passes: the real link works again.
    t.clock.advance(SHARED_LOOKUP_LIMITS.missesPerAddress.windowMs + 1000);
    expect(codeOf(await view(live))).toBeUndefined();
  });
});
