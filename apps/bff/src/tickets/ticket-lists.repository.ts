import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inboxSql, type InboxQuery } from './inbox-query';
import type { TicketRow } from './ticket-row';
import { mapRow } from './ticket-row-sql';

/**
 * The lists (inbox, an owner's own reports): `tickets` alone, in plans that do not depend on the optimizer's
 * statistics (see inbox-query.ts). Rows come without display names and unit kinds; TicketsService adds them
 * from org's caches.
 */
@Injectable()
export class TicketListsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async findInbox(q: InboxQuery): Promise<TicketRow[]> {
    const plan = inboxSql(q);
    if (!plan) return [];
    if ('single' in plan) return (await this.ds.query(plan.single.sql, plan.single.params)).map(rowOf);
    const ids: string[] = (await this.ds.query(plan.ids.sql, plan.ids.params)).map((r: any) => String(r.id));
    if (ids.length === 0) return [];
    const rows = plan.rows(ids);
    const byId = new Map<string, TicketRow>((await this.ds.query(rows.sql, rows.params)).map((r: any) => [String(r.id), rowOf(r)]));
    return ids.map((id) => byId.get(id)).filter((t): t is TicketRow => t !== undefined);
  }

  /** An owner's reports, newest first (keyset by id), on ix_tickets_reporter (reporter_id, id) in its order. */
  async findMine(reporterId: string, afterId: string | undefined, limit: number): Promise<TicketRow[]> {
    const params: unknown[] = [reporterId];
    let sql = 'SELECT t.* FROM tickets t FORCE INDEX (ix_tickets_reporter) WHERE t.reporter_id = ?';
    if (afterId) { sql += ' AND t.id < ?'; params.push(afterId); }
    sql += ' ORDER BY t.id DESC LIMIT ?';
    params.push(limit);
    return (await this.ds.query(sql, params)).map(rowOf);
  }
}

/** A bare tickets row: unit kinds unknown until the service fills them in. */
function rowOf(r: Record<string, unknown>): TicketRow {
  return mapRow({ ...r, handling_unit_kind: null, dispatch_target_company_id: null });
}
