import { inboxSql, type InboxQuery } from '../src/tickets/inbox-query';
import { ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type World } from './support/world';

/**
 * Issue 15: rows written behind the server's back (a bulk import, the bench's bare inserts) left MariaDB with the
 * estimates of the small table it had opened, and the inbox's old 8-table join then started from `users` and sorted
 * every ticket of the complex ("Using temporary; Using filesort", ~0.5 s a query at 38k rows; ANALYZE TABLE cured
 * it). The inbox now reads `tickets` alone, each scope on the index that yields the inbox order: whatever the
 * statistics, the plan reads about a page of rows. This spec grows the table by bare SQL after the first page and
 * checks the plans the inbox sends and the page it answers.
 */
const INBOX = '{ inbox(first: 20) { nodes { id number complex { name } reporter { name } } pageInfo { endCursor hasNextPage } } }';
const GROW = 20_000;

describe('inbox plans after the table grew behind the server', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('each statement reads tickets in inbox order from an index, and the page is the most urgent twenty', async () => {
    for (let i = 0; i < 3; i++) await fileTicket(t, w.ownerA, w.qrA, { idempotencyKey: `inbox-plan-${i}` });
    expect(ok(await t.gql(INBOX, {}, w.staffA.token)).inbox.nodes).toHaveLength(3);

    const [c] = await t.ds.query('SELECT community_id, company_id FROM complexes WHERE id = ?', [w.complexA]);
    const now = new Date();
    for (let from = 0; from < GROW; from += 2000) {
      const rows = Array.from({ length: 2000 }, (_, k) => {
        const i = from + k;
        return [`P-${i}`, w.complexA, c.community_id, c.company_id, w.spotA, 'PARKING', 'NORMAL', 'bulk', w.ownerA2.id, 'CLOSED', 1, `bulk-${i}`, now, now, 3, -(1_000_000 + i)];
      });
      await t.ds.query(
        `INSERT INTO tickets (number, complex_id, community_id, company_id, spot_id, category_code, priority, text, reporter_id, status, version,
           idempotency_key, created_at, updated_at, urgency_bucket, urgency_sort) VALUES ?`, [rows]);
    }

    const scopes: [string, InboxQuery][] = [
      ['staff of one complex', { complexIds: [w.complexA], unitIds: [], mediationCommunityIds: [], oversightCommunityIds: null, limit: 21 }],
      ['the whole city', { complexIds: [], unitIds: [], mediationCommunityIds: [], oversightCommunityIds: 'ALL', limit: 21 }],
      ['staff, filtered by status', { complexIds: [w.complexA], unitIds: [], mediationCommunityIds: [], oversightCommunityIds: null, statuses: ['REPORTED' as never], limit: 21 }],
    ];
    for (const [name, q] of scopes) {
      const plan = inboxSql(q)!;
      expect('single' in plan).toBe(true);
      const { sql, params } = (plan as { single: { sql: string; params: unknown[] } }).single;
      const explained: any[] = await t.ds.query(`EXPLAIN ${sql}`, params);
      const row = explained.find((e) => e.table === 't');
      expect({ name, key: row.key, extra: row.Extra ?? '' }).toEqual({ name, key: expect.stringMatching(/urgency/), extra: expect.not.stringMatching(/filesort|temporary/i) });
      expect(explained).toHaveLength(1);
    }
    // Several scopes (a member of a unit): each branch limited, ids first; no branch reads every ticket of the complex.
    const multi = inboxSql({ complexIds: [w.complexA], unitIds: [w.teamA], mediationCommunityIds: [], oversightCommunityIds: null, limit: 21 });
    expect(multi && 'ids' in multi).toBe(true);
    const branches: any[] = await t.ds.query(`EXPLAIN ${(multi as { ids: { sql: string } }).ids.sql}`, (multi as { ids: { params: unknown[] } }).ids.params);
    const complexBranch = branches.find((e) => e.table === 't' && e.key === 'ix_tickets_complex_urgency');
    expect(complexBranch?.Extra ?? '').not.toMatch(/filesort|temporary/i);

    // The page: the three filed (a running clock, bucket 1) before the bulk rows (bucket 3, newest first), with names.
    const page = ok(await t.gql(INBOX, {}, w.staffA.token)).inbox;
    const [expected] = [await t.ds.query('SELECT id FROM tickets WHERE complex_id = ? ORDER BY urgency_bucket, urgency_sort, id LIMIT 20', [w.complexA])];
    expect(page.nodes.map((n: any) => n.id)).toEqual(expected.map((r: any) => String(r.id)));
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.nodes[0].complex.name).toBe('甲小区');
    expect(page.nodes.slice(3).every((n: any) => n.reporter.name === w.ownerA2.name)).toBe(true);
  });
});
