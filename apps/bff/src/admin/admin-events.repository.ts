import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** One administrative change: who, when, what, before → after. */
export interface AdminEventInput {
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string | number;
  objectName: string;
  companyId?: number | null;
  communityId?: number | null;
  areaId?: number | null;
  before: unknown;
  after: unknown;
  importId?: number | null;
}

export interface AdminEventRow extends Omit<AdminEventInput, 'objectId' | 'before' | 'after'> {
  id: string;
  objectId: string;
  before: string | null;
  after: string | null;
}

export interface AdminEventFilter {
  objectType?: string | null;
  objectId?: string | null;
  actorId?: string | null;
  action?: string | null;
  text?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** null: everything (the bureau); otherwise events touching one of these companies, communities or areas. */
  scope: { companyIds: number[]; communityIds: number[]; areaIds: number[] } | null;
  beforeId?: string | null;
  first: number;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** admin_events: append-only (triggers refuse UPDATE and DELETE); rows are written in the change's own transaction. */
@Injectable()
export class AdminEventsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async append(em: EntityManager, e: AdminEventInput): Promise<string> {
    const r = await em.query(
      `INSERT INTO admin_events (at, actor_id, actor_name, action, object_type, object_id, object_name, company_id, community_id, area_id, before_json, after_json, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.at, e.actorId, e.actorName.slice(0, 64), e.action, e.objectType, String(e.objectId), e.objectName.slice(0, 128), e.companyId ?? null, e.communityId ?? null, e.areaId ?? null, json(e.before), json(e.after), e.importId ?? null],
    );
    return String(r.insertId);
  }

  async list(f: AdminEventFilter): Promise<AdminEventRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, ...v: unknown[]) => (where.push(sql), args.push(...v));
    if (f.objectType) add('object_type = ?', f.objectType);
    if (f.objectId) add('object_id = ?', f.objectId);
    if (f.actorId) add('actor_id = ?', f.actorId);
    if (f.action) add('action = ?', f.action);
    if (f.from) add('at >= ?', f.from);
    if (f.to) add('at < ?', f.to);
    if (f.beforeId) add('id < ?', f.beforeId);
    if (f.text) {
      const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add('(object_name LIKE ? OR actor_name LIKE ? OR before_json LIKE ? OR after_json LIKE ?)', like, like, like, like);
    }
    if (f.scope) {
      const parts: string[] = [];
      for (const [col, ids] of [['company_id', f.scope.companyIds], ['community_id', f.scope.communityIds], ['area_id', f.scope.areaIds]] as const) {
        if (ids.length) (parts.push(`${col} IN (?)`), args.push(ids));
      }
      where.push(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
    }
    const rows: any[] = await this.ds.query(
      `SELECT * FROM admin_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      [...args, f.first],
    );
    return rows.map((r) => ({
      id: String(r.id), at: new Date(r.at), actorId: r.actor_id == null ? null : String(r.actor_id), actorName: r.actor_name, action: r.action,
      objectType: r.object_type, objectId: r.object_id, objectName: r.object_name, companyId: r.company_id, communityId: r.community_id, areaId: r.area_id,
      before: r.before_json == null ? null : typeof r.before_json === 'string' ? r.before_json : JSON.stringify(r.before_json),
      after: r.after_json == null ? null : typeof r.after_json === 'string' ? r.after_json : JSON.stringify(r.after_json),
      importId: r.import_id,
    }));
  }
}
