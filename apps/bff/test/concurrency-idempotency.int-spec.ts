/**
 * Races and retries over real HTTP: optimistic concurrency on the ticket version, idempotent filing,
 * and QR tokens that must not be accepted (forged, revoked, malformed, unknown key).
 */
import { TicketAction as A } from '@msb/shared-types';
import { signQrToken } from '../src/qr/domain/qr-token';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type World } from './support/world';
import { act, countRows, walk } from './support/lifecycle-driver';

const REPORT = 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id number status version } }';

describe('concurrency and idempotency over HTTP', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const report = (input: Record<string, unknown>, token = w.ownerA.token) =>
    t.gql(REPORT, { input: { qrToken: w.qrA, categoryCode: 'ELEVATOR', text: '3号电梯按钮失灵，经常停不准楼层。', ...input } }, token);

  describe('two concurrent acceptTicket on one ticket', () => {
    it('exactly one wins and the other gets CONFLICT, over 20 tickets', async () => {
      const tickets = await Promise.all(Array.from({ length: 20 }, () => fileTicket(t, w.ownerA, w.qrA)));
      const rounds = await Promise.all(tickets.map((tk) => Promise.all([
        act(t, A.ACCEPT, w.staffA, tk),
        act(t, A.ACCEPT, w.staffA2, tk),
      ])));
      for (const [i, pair] of rounds.entries()) {
        const codes = pair.map(codeOf).sort();
        expect({ ticket: i, codes }).toEqual({ ticket: i, codes: ['CONFLICT', undefined] });
        const winner = pair.find((r) => !r.errors)!.data!.acceptTicket;
        expect(winner).toMatchObject({ status: 'ACCEPTED', version: 2 });
      }
      const ids = tickets.map((tk) => tk.id);
      const events = await t.ds.query("SELECT ticket_id, COUNT(*) AS n FROM ticket_events WHERE action = 'ACCEPT' AND ticket_id IN (?) GROUP BY ticket_id", [ids]);
      expect(events).toHaveLength(20);
      for (const e of events) expect(Number(e.n)).toBe(1);
      // The assignee is whoever won, never a mix.
      const rows = await t.ds.query('SELECT t.assignee_id, e.actor_id FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.action = ? WHERE t.id IN (?)', ['ACCEPT', ids]);
      for (const r of rows) expect(String(r.assignee_id)).toBe(String(r.actor_id));
    });

    it('different actions racing on one version: accept vs refuse vs withdraw, one wins', async () => {
      const tickets = await Promise.all(Array.from({ length: 10 }, () => fileTicket(t, w.ownerA, w.qrA)));
      const rounds = await Promise.all(tickets.map((tk) => Promise.all([
        act(t, A.ACCEPT, w.managerA, tk, {}, w),
        act(t, A.REFUSE, w.staffA, tk, {}, w),
        act(t, A.WITHDRAW, w.ownerA, tk, {}, w),
      ])));
      for (const pair of rounds) expect(pair.filter((r) => !r.errors)).toHaveLength(1);
      for (const pair of rounds) for (const r of pair.filter((x) => x.errors)) expect(codeOf(r)).toBe('CONFLICT');
      const [{ n }] = await t.ds.query("SELECT COUNT(*) AS n FROM ticket_events WHERE action <> 'REPORT' AND ticket_id IN (?)", [tickets.map((x) => x.id)]);
      expect(Number(n)).toBe(10);
    });

    it('a comment racing a status change is refused, not attached to a state it never saw', async () => {
      const s = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA']]);
      // A comment is checked against the status the caller read; resolve it first, then comment as of IN_PROGRESS.
      const [resolve, comment] = await Promise.all([act(t, A.RESOLVE, w.staffA, s, {}, w), act(t, A.COMMENT, w.ownerA, s, {}, w)]);
      expect(codeOf(resolve)).toBeUndefined();
      const ev = await t.ds.query('SELECT action, from_status, to_status FROM ticket_events WHERE ticket_id = ? AND action = ?', [s.id, 'COMMENT']);
      if (comment.errors) {
        expect(codeOf(comment)).toBe('CONFLICT');
        expect(ev).toHaveLength(0);
      } else {
        expect(ev).toHaveLength(1);
        expect(ev[0].from_status).toBe(ev[0].to_status); // recorded against the status it was checked with
      }
    });
  });

  describe('reportTicket with an idempotency key', () => {
    it('a retry with the same key returns the same ticket, never a second', async () => {
      const before = await countRows(t, 'tickets');
      const first = ok(await report({ idempotencyKey: 'retry-key-0001' })).reportTicket;
      const again = ok(await report({ idempotencyKey: 'retry-key-0001' })).reportTicket;
      expect(again).toEqual(first);
      expect(await countRows(t, 'tickets')).toBe(before + 1);
      expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [first.id])).toBe(1);
    });

    it('concurrent retries with one key make one ticket and one event', async () => {
      for (let round = 0; round < 5; round++) {
        const key = `burst-key-${round}-${Date.now()}`;
        const answers = await Promise.all(Array.from({ length: 8 }, () => report({ idempotencyKey: key })));
        for (const a of answers) expect(a.errors).toBeUndefined();
        const ids = new Set(answers.map((a) => a.data.reportTicket.id));
        expect(ids.size).toBe(1);
        const [id] = [...ids];
        expect(await countRows(t, 'tickets', 'idempotency_key = ?', [key])).toBe(1);
        expect(await countRows(t, 'ticket_events', 'ticket_id = ?', [id])).toBe(1);
      }
    });

    it('the key belongs to its owner: another owner with the same key files their own ticket', async () => {
      const a = ok(await report({ idempotencyKey: 'shared-key-0001' }, w.ownerA.token)).reportTicket;
      const b = ok(await report({ idempotencyKey: 'shared-key-0001' }, w.ownerA2.token)).reportTicket;
      expect(b.id).not.toBe(a.id);
    });

    it('refuses a malformed key', async () => {
      for (const key of ['', 'short', 'has spaces in it', 'x'.repeat(65), '中文提交编号很长很长']) {
        const r = await report({ idempotencyKey: key });
        expect({ key, code: codeOf(r) }).toEqual({ key, code: 'BAD_USER_INPUT' });
        expect(r.errors![0].extensions.field).toBe('idempotencyKey');
      }
    });
  });

  describe('QR tokens that must not file a ticket', () => {
    const keys = { k0: 'old-test-key', k1: 'test-qr-key' };

    const refuse = async (token: string, reason: string) => {
      const before = { tickets: await countRows(t, 'tickets'), events: await countRows(t, 'ticket_events') };
      const r = await report({ qrToken: token, idempotencyKey: `qr-${reason}-${Math.random().toString(36).slice(2, 10)}` });
      expect({ code: codeOf(r), reason: r.errors?.[0].extensions.reason, field: r.errors?.[0].extensions.field }).toEqual({ code: 'BAD_USER_INPUT', reason, field: 'qrToken' });
      const landing = await t.gql('query($tk: String!) { complexByQrToken(token: $tk) { complex { id } } }', { tk: token });
      expect({ code: codeOf(landing), reason: landing.errors?.[0].extensions.reason }).toEqual({ code: 'BAD_USER_INPUT', reason });
      expect({ tickets: await countRows(t, 'tickets'), events: await countRows(t, 'ticket_events') }).toEqual(before);
    };

    it('forged: a valid shape with a wrong signature, or another spot under the same signature', async () => {
      const [kid, spot, serial] = w.qrA.split('.');
      await refuse(signQrToken({ k1: 'not-the-real-key' }, { kid: 'k1', spotId: w.spotA, serial: 1 }), 'FORGED');
      await refuse(`${kid}.${w.spotB}.${serial}.${w.qrA.split('.')[3]}`, 'FORGED');
      await refuse(`${kid}.${spot}.${Number(serial) + 1}.${w.qrA.split('.')[3]}`, 'FORGED');
    });

    it('malformed', async () => {
      for (const tk of ['', 'abc', 'k1.1.1', `${w.qrA}x`, `${w.qrA}.extra`, 'k1.-1.1.AAAAAAAAAAAAAAAAAAAAAA', '../../etc/passwd']) await refuse(tk, 'MALFORMED');
    });

    it('unknown key id (a key that was never configured or has been retired)', async () => {
      await refuse(signQrToken({ k9: 'some-key' }, { kid: 'k9', spotId: w.spotA, serial: 1 }), 'UNKNOWN_KEY');
    });

    it('a spot that does not exist', async () => {
      await refuse(signQrToken(keys, { kid: 'k1', spotId: 999999, serial: 1 }), 'UNKNOWN_SPOT');
    });

    it('an older key still listed keeps working (rotation)', async () => {
      const old = signQrToken(keys, { kid: 'k0', spotId: w.spotA, serial: 1 });
      const r = ok(await report({ qrToken: old, idempotencyKey: 'rotated-key-0001' })).reportTicket;
      expect(r.status).toBe('REPORTED');
    });

    it('revoked: after revokeSpotQr every earlier token of the spot is refused, and the new link works', async () => {
      const spot = (await t.ds.query('INSERT INTO spots (complex_id, kind, name) VALUES (?, ?, ?)', [w.complexA, 'LOBBY', '2号楼大堂'])).insertId;
      const old = signQrToken(keys, { kid: 'k1', spotId: Number(spot), serial: 1 });
      ok(await report({ qrToken: old, idempotencyKey: 'before-revoke-01' }));
      const link = ok(await t.gql('mutation($s: Int!) { revokeSpotQr(spotId: $s) }', { s: Number(spot) }, w.managerA.token)).revokeSpotQr as string;
      await refuse(old, 'REPLACED');
      const fresh = link.split('/q/')[1];
      expect(fresh).toMatch(new RegExp(`^k1\\.${spot}\\.2\\.`));
      expect(ok(await report({ qrToken: fresh, idempotencyKey: 'after-revoke-001' })).reportTicket.status).toBe('REPORTED');
    });
  });
});
