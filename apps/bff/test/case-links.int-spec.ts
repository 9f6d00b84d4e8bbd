/**
 * Issue 13 features 5–7 and 9 over HTTP, tried as an attacker would: "me too" (other owners see only a public
 * summary), merging and unmerging duplicates (into itself, across complexes, cycles, two merges at once), refusals
 * that point elsewhere, comments with photos and whom an assignment went to, bulk assignment with a stale ticket.
 */
import { NotificationKind, RefuseReason, TicketAction as A, TicketStatus as S } from '@msb/shared-types';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from './support/world';
import { act, must, walk } from './support/lifecycle-driver';
import { jpeg, upload } from './support/photos';

const PUBLIC = 'id number category { code } summary spotName status supporterCount following progress { status }';
const SIMILAR = `query($q: String!, $c: String!) { similarTickets(qrToken: $q, categoryCode: $c) { ${PUBLIC} } }`;
const SUPPORT = `mutation($i: SupportTicketInput!) { supportTicket(input: $i) { ${PUBLIC} } }`;
const MERGE = 'mutation($i: MergeTicketInput!) { mergeTicket(input: $i) { id status version mergedInto { id number } availableActions } }';
const DETAIL = 'query($id: ID!) { ticket(id: $id) { id status version supporterCount mergedInto { number } availableActions refusal { reason declinedBy declinedByName suggestedUnitName suggestHotline } clocks { target state paused stopped } timeline { action actorName assigneeName data attachments { id } } } }';

describe('issue 13: me too, duplicates, helpful refusals, photos on comments, bulk assignment', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const detail = async (id: string, who: Actor = w.admin) => ok(await t.gql(DETAIL, { id }, who.token)).ticket;
  const notices = async (who: Actor, ticketId: string) =>
    (await t.ds.query('SELECT kind, title, body FROM notifications WHERE user_id = ? AND ticket_id = ? ORDER BY id', [who.id, ticketId])) as { kind: string; title: string; body: string }[];
  const merge = (who: Actor, dup: { id: string; version: number }, intoTicketId: string) => t.gql(MERGE, { i: { ticketId: dup.id, version: dup.version, intoTicketId } }, who.token);

  describe('"me too"', () => {
    it('while filing, other owners see open reports of the complex and category as a public summary, never who or where', async () => {
      const mine = await fileTicket(t, w.ownerA, w.qrA, { text: '3号楼2单元电梯困人，我是张三，电话13512345678', categoryCode: 'ELEVATOR' });
      await fileTicket(t, w.ownerA, w.qrA, { categoryCode: 'PARKING', text: '消防通道被占用了' });
      await fileTicket(t, w.ownerB, w.qrB, { categoryCode: 'ELEVATOR', text: '乙小区电梯也坏了' });
      const list = ok(await t.gql(SIMILAR, { q: w.qrA, c: 'ELEVATOR' }, w.ownerA2.token)).similarTickets;
      expect(list.map((x: any) => x.id)).toEqual([mine.id]);
      expect(list[0]).toMatchObject({ category: { code: 'ELEVATOR' }, status: S.REPORTED, supporterCount: 0, following: false, spotName: '东门' });
      expect(list[0].summary).not.toMatch(/[0-9]|13512345678/);
      expect(list[0].summary.length).toBeLessThanOrEqual(30);
      // The reporter is not offered their own report; staff and anonymous callers get nothing.
      expect(ok(await t.gql(SIMILAR, { q: w.qrA, c: 'ELEVATOR' }, w.ownerA.token)).similarTickets).toEqual([]);
      expect(codeOf(await t.gql(SIMILAR, { q: w.qrA, c: 'ELEVATOR' }, w.staffA.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(SIMILAR, { q: w.qrA, c: 'ELEVATOR' }))).toBe('UNAUTHENTICATED');
      for (const [q, c] of [['garbage', 'ELEVATOR'], [w.qrA, 'NO_SUCH'], [w.qrA, "' OR 1=1 --"]]) expect(codeOf(await t.gql(SIMILAR, { q, c }, w.ownerA2.token))).toBe('BAD_USER_INPUT');
      // Nothing about people in the public type at all.
      expect(codeOf(await t.gql('query($q: String!) { similarTickets(qrToken: $q, categoryCode: "ELEVATOR") { reporter { name } } }', { q: w.qrA }, w.ownerA2.token))).toBeDefined();
    });

    it('joining counts a supporter once, needs a QR code of that complex, and the follower hears of progress without names', async () => {
      const s = await fileTicket(t, w.ownerA, w.qrA);
      const joined = ok(await t.gql(SUPPORT, { i: { ticketId: s.id, qrToken: w.qrA } }, w.ownerA2.token)).supportTicket;
      expect(joined).toMatchObject({ id: s.id, following: true, supporterCount: 1 });
      expect(codeOf(await t.gql(SUPPORT, { i: { ticketId: s.id, qrToken: w.qrA } }, w.ownerA2.token))).toBe('BAD_USER_INPUT');
      // Twice at once: one follower row.
      await Promise.all([1, 2].map(() => t.gql(SUPPORT, { i: { ticketId: s.id, qrToken: w.qrA } }, w.ownerB.token)));
      expect((await detail(s.id)).supporterCount).toBe(2);
      expect(codeOf(await t.gql(SUPPORT, { i: { ticketId: s.id, qrToken: w.qrB } }, w.ownerA2.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(SUPPORT, { i: { ticketId: s.id, qrToken: 'forged' } }, w.ownerA2.token))).toBe('NOT_FOUND');
      for (const id of ['abc', '-1', '99999999']) expect(codeOf(await t.gql(SUPPORT, { i: { ticketId: id, qrToken: w.qrA } }, w.ownerA2.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(SUPPORT, { i: { ticketId: s.id, qrToken: w.qrA } }, w.ownerA.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(SUPPORT, { i: { ticketId: s.id, qrToken: w.qrA } }, w.staffA.token))).toBe('FORBIDDEN');
      // The follower sees it publicly, nobody else; the full ticket stays closed to them.
      expect(ok(await t.gql(`query($id: ID!) { publicTicket(id: $id) { ${PUBLIC} } }`, { id: s.id }, w.ownerA2.token)).publicTicket.following).toBe(true);
      expect(codeOf(await t.gql('query($id: ID!) { publicTicket(id: $id) { id } }', { id: s.id }, w.staffB.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql('query($id: ID!) { ticket(id: $id) { id } }', { id: s.id }, w.ownerA2.token))).toBe('NOT_FOUND');
      expect(ok(await t.gql('{ followedTickets { id } }', undefined, w.ownerA2.token)).followedTickets.map((x: any) => x.id)).toContain(s.id);
      // Progress reaches the follower: status only, never the handler's note.
      await must(t, w, A.ACCEPT, w.staffA, s, { note: '已安排张师傅，电话13900000000' });
      const got = await notices(w.ownerA2, s.id);
      expect(got.map((n) => n.kind)).toEqual([NotificationKind.FOLLOWED_TICKET_UPDATED]);
      expect(got[0].body).not.toContain('张师傅');
      // The reporter's timeline shows the "me too" without the other owner's name; staff see who.
      const own = (await detail(s.id, w.ownerA)).timeline.filter((e: any) => e.action === A.SUPPORT);
      expect(own.map((e: any) => e.actorName)).toEqual([null, null]);
      expect((await detail(s.id, w.staffA)).timeline.filter((e: any) => e.action === A.SUPPORT).map((e: any) => e.actorName).sort()).toEqual([w.ownerA2.name, w.ownerB.name].sort());
    });
  });

  describe('merging duplicates', () => {
    it('a duplicate merged into an open ticket closes as MERGED; its owner follows the survivor; unmerge undoes exactly that', async () => {
      const survivor = await walk(t, w, [[A.ACCEPT, 'staffA']]);
      const dup = await fileTicket(t, w.ownerA2, w.qrA);
      const merged = ok(await merge(w.staffA, dup, survivor.id)).mergeTicket;
      expect(merged).toMatchObject({ status: S.MERGED, version: dup.version + 1, availableActions: [A.UNMERGE, A.COMMENT] });
      expect(merged.mergedInto.id).toBe(survivor.id);
      expect((await detail(survivor.id)).timeline.map((e: any) => e.action)).toContain('MERGED_IN');
      expect((await detail(survivor.id)).supporterCount).toBe(1);
      expect((await notices(w.ownerA2, dup.id)).map((n) => n.kind)).toEqual([NotificationKind.TICKET_MERGED]);
      expect(ok(await t.gql('{ followedTickets { id } }', undefined, w.ownerA2.token)).followedTickets.map((x: any) => x.id)).toContain(survivor.id);
      const closed = await detail(dup.id);
      expect(closed.clocks.filter((c: any) => !c.stopped && !c.paused && c.state === 'RUNNING')).toEqual([]);

      const back = await must(t, w, A.UNMERGE, w.managerA, { id: dup.id, version: merged.version });
      expect(back).toMatchObject({ status: S.REPORTED, assignee: null });
      expect((await detail(survivor.id)).supporterCount).toBe(0);
      expect((await detail(survivor.id)).timeline.map((e: any) => e.action)).toContain('UNMERGED_OUT');
      expect((await notices(w.ownerA2, dup.id)).map((n) => n.kind)).toEqual([NotificationKind.TICKET_MERGED, NotificationKind.TICKET_UNMERGED]);
      expect((await detail(dup.id)).clocks.filter((c: any) => c.state === 'RUNNING' && !c.stopped).map((c: any) => c.target)).toEqual(['ACCEPT']);
    });

    it('refuses merging into itself, across complexes, into a merged or closed ticket, garbage ids; nothing is written', async () => {
      const dup = await fileTicket(t, w.ownerA, w.qrA);
      const other = await fileTicket(t, w.ownerB, w.qrB);
      const done = await walk(t, w, [[A.WITHDRAW, 'ownerA']]);
      const gone = await fileTicket(t, w.ownerA, w.qrA);
      const into = await fileTicket(t, w.ownerA, w.qrA);
      ok(await merge(w.staffA, gone, into.id));
      const events = Number((await t.ds.query('SELECT COUNT(*) AS n FROM ticket_events'))[0].n);
      for (const target of [dup.id, other.id, done.id, gone.id, 'abc', '-1', '99999999999', '1 OR 1=1', '']) {
        const r = await merge(w.staffA, dup, target);
        expect({ target, code: codeOf(r), field: r.errors?.[0].extensions?.field }).toEqual({ target, code: 'BAD_USER_INPUT', field: 'intoTicketId' });
      }
      // Company B's staff cannot even see company A's duplicate; owners and departments may not merge.
      expect(codeOf(await merge(w.staffB, dup, other.id))).toBe('NOT_FOUND');
      expect(codeOf(await merge(w.ownerA, dup, into.id))).toBe('FORBIDDEN');
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM ticket_events'))[0].n)).toBe(events);
      expect((await detail(dup.id)).status).toBe(S.REPORTED);
    });

    it('two merges sent at once cannot make a cycle: A into B and B into A, one wins; many into one all land', async () => {
      for (let round = 0; round < 3; round++) {
        const a = await fileTicket(t, w.ownerA, w.qrA);
        const b = await fileTicket(t, w.ownerA2, w.qrA);
        const [ab, ba] = await Promise.all([merge(w.staffA, a, b.id), merge(w.staffA2, b, a.id)]);
        const codes = [codeOf(ab), codeOf(ba)];
        expect(codes.filter((c) => c === undefined)).toHaveLength(1);
        const rows = await t.ds.query('SELECT status FROM tickets WHERE id IN (?)', [[a.id, b.id]]);
        expect(rows.map((r: any) => r.status).sort()).toEqual([S.MERGED, S.REPORTED].sort());
      }
      const survivor = await fileTicket(t, w.ownerA, w.qrA);
      const dups = await Promise.all([w.ownerA2, w.ownerB, w.ownerA2].map((o) => fileTicket(t, o, w.qrA)));
      const answers = await Promise.all(dups.map((d, i) => merge(i % 2 ? w.staffA : w.managerA, d, survivor.id)));
      expect(answers.map(codeOf)).toEqual([undefined, undefined, undefined]);
      expect((await detail(survivor.id)).supporterCount).toBe(2);
      // A stale version of the duplicate is a CONFLICT, like every other change.
      const stale = await fileTicket(t, w.ownerA, w.qrA);
      expect(codeOf(await merge(w.staffA, { id: stale.id, version: stale.version + 5 }, survivor.id))).toBe('CONFLICT');
    });
  });

  describe('refusals that help', () => {
    it('"not our remit" names who declined and where to turn (a listed department or 12345), for the owner to read', async () => {
      const s = await fileTicket(t, w.ownerA, w.qrA);
      const refuse = (extra: Record<string, unknown>) => act(t, A.REFUSE, w.staffA, s, { reason: RefuseReason.NOT_OUR_REMIT, note: '属于市政管网', suggestHotline: undefined, ...extra }, w);
      expect((await refuse({})).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suggestedUnitId' });
      expect((await refuse({ suggestedUnitId: w.teamA })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suggestedUnitId' });
      expect((await refuse({ suggestedUnitId: 999999 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suggestedUnitId' });
      ok(await refuse({ suggestedUnitId: w.deptCg, suggestHotline: true }));
      const seen = await detail(s.id, w.ownerA);
      expect(seen.refusal).toMatchObject({ reason: RefuseReason.NOT_OUR_REMIT, declinedByName: w.staffA.name, suggestedUnitName: '城管局', suggestHotline: true });
      expect(seen.refusal.declinedBy).toMatch(/^甲物业/);
      expect((await notices(w.ownerA, s.id)).map((n) => n.kind)).toEqual([NotificationKind.TICKET_REFUSED]);
    });
  });

  describe('comments with photos, and whom an assignment went to', () => {
    it('owner and staff comment with photos; another’s photo is refused; the assign entry names the assignee', async () => {
      const s = await walk(t, w, [[A.ACCEPT, 'staffA']]);
      const photo = async (who: Actor) => String((await upload(t, who, jpeg())).body.id);
      const mine = await photo(w.ownerA);
      ok(await t.gql('mutation($i: CommentTicketInput!) { commentTicket(input: $i) { id } }', { i: { ticketId: s.id, text: '又坏了，见照片', photoIds: [mine] } }, w.ownerA.token));
      const theirs = await photo(w.staffA);
      const stolen = await t.gql('mutation($i: CommentTicketInput!) { commentTicket(input: $i) { id } }', { i: { ticketId: s.id, text: '照片', photoIds: [theirs] } }, w.ownerA.token);
      expect(stolen.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoIds' });
      ok(await t.gql('mutation($i: CommentTicketInput!) { commentTicket(input: $i) { id } }', { i: { ticketId: s.id, text: '已到现场', photoIds: [theirs] } }, w.staffA.token));
      await must(t, w, A.ASSIGN, w.managerA, s, { assigneeId: w.staffA2.id });
      const tl = (await detail(s.id, w.ownerA)).timeline;
      expect(tl.filter((e: any) => e.action === A.COMMENT).map((e: any) => e.attachments.length)).toEqual([1, 1]);
      expect(tl.filter((e: any) => e.action === A.ACCEPT || e.action === A.ASSIGN).map((e: any) => e.assigneeName)).toEqual([w.staffA.name, w.staffA2.name]);
    });
  });

  describe('bulk assignment', () => {
    const BULK = 'mutation($i: BulkAssignInput!) { bulkAssignTickets(input: $i) { ticketId ok code message ticket { id version assignee { id } } } }';

    it('gives each ticket its own compare-and-set and event; a stale one fails alone with CONFLICT', async () => {
      const [x, y, z] = await Promise.all([1, 2, 3].map(() => walk(t, w, [[A.ACCEPT, 'managerA']])));
      const other = await fileTicket(t, w.ownerB, w.qrB);
      const items = [{ ticketId: x.id, version: x.version }, { ticketId: y.id, version: y.version - 1 }, { ticketId: z.id, version: z.version }, { ticketId: other.id, version: 1 }, { ticketId: x.id, version: x.version }];
      const r = ok(await t.gql(BULK, { i: { items, assigneeId: w.staffA2.id } }, w.managerA.token)).bulkAssignTickets;
      expect(r.map((a: any) => [a.ticketId, a.ok, a.code])).toEqual([[x.id, true, null], [y.id, false, 'CONFLICT'], [z.id, true, null], [other.id, false, 'NOT_FOUND'], [x.id, false, 'BAD_USER_INPUT']]);
      expect(r[0].ticket).toMatchObject({ version: x.version + 1, assignee: { id: w.staffA2.id } });
      const events = await t.ds.query('SELECT ticket_id FROM ticket_events WHERE action = ? AND ticket_id IN (?)', [A.ASSIGN, [x.id, y.id, z.id]]);
      expect(events.map((e: any) => String(e.ticket_id)).sort()).toEqual([x.id, z.id].sort());
    });

    it('is for project managers only, with 1–50 tickets', async () => {
      const x = await walk(t, w, [[A.ACCEPT, 'managerA']]);
      const i = { items: [{ ticketId: x.id, version: x.version }], assigneeId: w.staffA2.id };
      for (const who of [w.staffA, w.ownerA, w.dept, w.oversightCity, w.admin]) expect(codeOf(await t.gql(BULK, { i }, who.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(BULK, { i }))).toBe('UNAUTHENTICATED');
      for (const items of [[], Array.from({ length: 51 }, () => i.items[0])]) expect(codeOf(await t.gql(BULK, { i: { ...i, items } }, w.managerA.token))).toBe('BAD_USER_INPUT');
      const bad = ok(await t.gql(BULK, { i: { ...i, assigneeId: w.staffB.id } }, w.managerA.token)).bulkAssignTickets;
      expect(bad.map((a: any) => a.code)).toEqual(['BAD_USER_INPUT']);
    });
  });
});
