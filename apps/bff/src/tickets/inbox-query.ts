import type { TicketStatus } from '@msb/shared-types';

/** Keyset position in the inbox order (urgency bucket, sort key, id). */
export interface InboxCursor {
  bucket: number;
  sort: string;
  id: string;
}

export interface InboxQuery {
  /** OR-ed visibility clauses: tickets of these complexes, these units, these communities' disputes … */
  complexIds: number[];
  unitIds: number[];
  mediationCommunityIds: number[];
  oversightCommunityIds: number[] | 'ALL' | null;
  statuses?: TicketStatus[];
  categoryCodes?: string[];
  complexId?: number;
  assigneeId?: string;
  unassigned?: boolean;
  after?: InboxCursor;
  limit: number;
}

export interface Sql {
  sql: string;
  params: unknown[];
}

/** Above this many complexes or units, one IN clause replaces the per-id branches (each branch costs a range read). */
const MAX_BRANCHES = 64;
const ORDER = 'ORDER BY t.urgency_bucket, t.urgency_sort, t.id';

/**
 * The inbox as SQL whose plan does not depend on the optimizer's statistics (issue 15: a table that grew
 * behind the server's back kept small-table estimates, and the old 8-table join then started from `users` and
 * sorted all of the complex's rows, ~0.5 s a query). It reads `tickets` alone — names come from org's cache —
 * and each visibility clause becomes a branch read in inbox order from the index that has that order
 * (FORCE INDEX), so a branch reads about `limit` rows whatever the table's size.
 *
 * One branch (the usual case: a staff member's complex, a unit, the whole city): one statement returning the
 * rows. Several: `ids` picks the page's ids from the union of the branches, each limited, and `rows` reads
 * them; the caller orders the rows as `ids` listed them.
 */
export function inboxSql(q: InboxQuery): { single: Sql } | { ids: Sql; rows: (ids: readonly string[]) => Sql } | null {
  const branches: Sql[] = [];
  const each = <T>(ids: readonly T[], one: (id: T) => Sql, many: (ids: readonly T[]) => Sql) => {
    if (ids.length > MAX_BRANCHES) branches.push(many(ids));
    else for (const id of ids) branches.push(one(id));
  };
  if (q.oversightCommunityIds === 'ALL') {
    branches.push({ sql: 'FORCE INDEX (ix_tickets_urgency) WHERE 1=1', params: [] });
  } else {
    if (q.oversightCommunityIds?.length) branches.push({ sql: 'WHERE t.community_id IN (?)', params: [q.oversightCommunityIds] });
    each(q.complexIds, (id) => ({ sql: 'FORCE INDEX (ix_tickets_complex_urgency) WHERE t.complex_id = ?', params: [id] }), (ids) => ({ sql: 'WHERE t.complex_id IN (?)', params: [ids] }));
    each(q.unitIds, (id) => ({ sql: 'FORCE INDEX (ix_tickets_unit_urgency) WHERE t.handling_unit_id = ?', params: [id] }), (ids) => ({ sql: 'WHERE t.handling_unit_id IN (?)', params: [ids] }));
    if (q.unitIds.length) branches.push({ sql: 'WHERE t.dispatch_target_unit_id IN (?)', params: [q.unitIds] });
    if (q.mediationCommunityIds.length) {
      branches.push({ sql: 'WHERE t.community_id IN (?) AND t.mediation_requested_at IS NOT NULL', params: [q.mediationCommunityIds] });
    }
  }
  if (branches.length === 0) return null;

  const filter: string[] = [];
  const fp: unknown[] = [];
  if (q.statuses?.length) { filter.push('t.status IN (?)'); fp.push(q.statuses); }
  if (q.categoryCodes?.length) { filter.push('t.category_code IN (?)'); fp.push(q.categoryCodes); }
  if (q.complexId !== undefined) { filter.push('t.complex_id = ?'); fp.push(q.complexId); }
  if (q.assigneeId !== undefined) { filter.push('t.assignee_id = ?'); fp.push(q.assigneeId); }
  if (q.unassigned) filter.push('t.assignee_id IS NULL');
  if (q.after) {
    const { bucket, sort, id } = q.after;
    filter.push('(t.urgency_bucket > ? OR (t.urgency_bucket = ? AND (t.urgency_sort > ? OR (t.urgency_sort = ? AND t.id > ?))))');
    fp.push(bucket, bucket, Number(sort), Number(sort), id);
  }
  const rest = filter.length ? ` AND ${filter.join(' AND ')}` : '';
  const branch = (b: Sql, cols: string): Sql => ({ sql: `SELECT ${cols} FROM tickets t ${b.sql}${rest} ${ORDER} LIMIT ?`, params: [...b.params, ...fp, q.limit] });

  if (branches.length === 1) return { single: branch(branches[0], 't.*') };
  const parts = branches.map((b) => branch(b, 't.id, t.urgency_bucket, t.urgency_sort'));
  return {
    ids: {
      sql: `SELECT u.id FROM (${parts.map((p) => `(${p.sql})`).join(' UNION ')}) u ORDER BY u.urgency_bucket, u.urgency_sort, u.id LIMIT ?`,
      params: [...parts.flatMap((p) => p.params), q.limit],
    },
    rows: (ids) => ({ sql: 'SELECT t.* FROM tickets t WHERE t.id IN (?)', params: [ids] }),
  };
}
