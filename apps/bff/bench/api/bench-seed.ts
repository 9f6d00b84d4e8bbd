import type { Pool } from 'mysql2/promise';

/**
 * A city-sized ticket history for the API bench, in multi-row inserts with explicit ids (no read-back): `total`
 * tickets over the demo seed's complexes (`mainShare` of them in `mainComplex`, the one the bench's staff member
 * serves), each with its timeline (REPORT, then ACCEPT and CLOSE for the 90 % that are closed). Open ones carry an
 * inbox urgency as the SLA engine keeps it (bucket 1, due within the next days), closed ones bucket 3.
 */
export async function seedHistory(pool: Pool, opts: { total: number; mainComplex: number; mainShare: number; log: (m: string) => void }): Promise<void> {
  const [complexes] = await pool.query<any[]>('SELECT id, community_id, company_id FROM complexes ORDER BY id');
  const [spots] = await pool.query<any[]>('SELECT id, complex_id FROM spots ORDER BY id');
  const [owners] = await pool.query<any[]>("SELECT DISTINCT user_id AS id FROM role_assignments WHERE role = 'OWNER' ORDER BY user_id");
  const [staff] = await pool.query<any[]>("SELECT user_id AS id, complex_id FROM role_assignments WHERE role = 'STAFF'");
  const [cats] = await pool.query<any[]>('SELECT code FROM categories');
  const [[{ maxId }]] = await pool.query<any[]>('SELECT COALESCE(MAX(id), 0) AS maxId FROM tickets');
  const spotOf = new Map<number, number>();
  for (const s of spots) if (!spotOf.has(s.complex_id)) spotOf.set(s.complex_id, s.id);
  const staffOf = new Map<number, string>();
  for (const s of staff) if (!staffOf.has(s.complex_id)) staffOf.set(s.complex_id, String(s.id));
  const main = complexes.find((c) => c.id === opts.mainComplex)!;
  const BATCH = 4000;
  const started = Date.now();
  const day0 = Date.now() - 365 * 86400_000;
  let next = Number(maxId) + 1;
  const batches: Promise<void>[] = [];
  const write = async (from: number, n: number) => {
    const tickets: unknown[][] = [];
    const events: unknown[][] = [];
    for (let k = 0; k < n; k++) {
      const id = from + k;
      const c = (id * 7919) % 1000 < opts.mainShare * 1000 ? main : complexes[id % complexes.length];
      const at = new Date(day0 + ((id * 104729) % (360 * 86400)) * 1000);
      const open = id % 10 === 0;
      const reporter = owners[id % owners.length].id;
      const cat = cats[id % cats.length].code;
      const status = open ? 'REPORTED' : 'CLOSED';
      tickets.push([id, `H-${id}`, c.id, c.community_id, c.company_id, spotOf.get(c.id) ?? null, cat, 'NORMAL', '历史工单：楼道灯不亮，请尽快处理。', reporter,
        status, open ? 1 : 3, `hist-${id}`, at, at, open ? 1 : 3, open ? Date.now() + (id % 500_000) * 1000 : -id, open ? null : at]);
      events.push([id, reporter, 'OWNER', 'REPORT', null, 'REPORTED', at]);
      if (!open) {
        const by = staffOf.get(c.id) ?? null;
        events.push([id, by, by ? 'STAFF' : 'SYSTEM', 'ACCEPT', 'REPORTED', 'ACCEPTED', new Date(+at + 600_000)]);
        events.push([id, by, by ? 'STAFF' : 'SYSTEM', 'CLOSE', 'ACCEPTED', 'CLOSED', new Date(+at + 86400_000)]);
      }
    }
    await pool.query(
      `INSERT INTO tickets (id, number, complex_id, community_id, company_id, spot_id, category_code, priority, text, reporter_id, status, version,
         idempotency_key, created_at, updated_at, urgency_bucket, urgency_sort, closed_at) VALUES ?`, [tickets]);
    await pool.query('INSERT INTO ticket_events (ticket_id, actor_id, actor_role, action, from_status, to_status, created_at) VALUES ?', [events]);
  };
  for (let done = 0; done < opts.total; done += BATCH) {
    const n = Math.min(BATCH, opts.total - done);
    batches.push(write(next, n));
    next += n;
    // Two batches in flight: the server's two cores, not more.
    if (batches.length >= 2) await batches.shift();
    if ((done / BATCH) % 25 === 0) opts.log(`  seeded ${done.toLocaleString()} tickets (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await Promise.all(batches);
  await pool.query('ANALYZE TABLE tickets, ticket_events');
  opts.log(`  seeded ${opts.total.toLocaleString()} tickets with their events in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
