import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface ReplyTemplateRow {
  id: number;
  companyId: number | null;
  title: string;
  body: string;
  active: boolean;
  sort: number;
}

const row = (r: any): ReplyTemplateRow => ({ id: Number(r.id), companyId: r.company_id, title: r.title, body: r.body, active: !!r.active, sort: Number(r.sort) });

/** reply_templates: admin's own table. Retired (active = 0), never deleted. */
@Injectable()
export class ReplyTemplatesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Everyone's and these companies' templates (all of them when `companyIds` is null), in order. */
  async list(companyIds: readonly number[] | null, activeOnly: boolean): Promise<ReplyTemplateRow[]> {
    const where = [companyIds === null ? 'TRUE' : companyIds.length ? '(company_id IS NULL OR company_id IN (?))' : 'company_id IS NULL'];
    if (activeOnly) where.push('active = 1');
    const rows: any[] = await this.ds.query(`SELECT * FROM reply_templates WHERE ${where.join(' AND ')} ORDER BY company_id IS NOT NULL, sort, id`, companyIds?.length ? [companyIds] : []);
    return rows.map(row);
  }

  async one(em: EntityManager | null, id: number, lock = false): Promise<ReplyTemplateRow | null> {
    const [r] = await (em ?? this.ds.manager).query(`SELECT * FROM reply_templates WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? row(r) : null;
  }

  async insert(em: EntityManager, t: Omit<ReplyTemplateRow, 'id' | 'active'>, at: Date): Promise<number> {
    const r = await em.query('INSERT INTO reply_templates (company_id, title, body, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [t.companyId, t.title, t.body, t.sort, at, at]);
    return Number(r.insertId);
  }

  async patch(em: EntityManager, id: number, f: Partial<Pick<ReplyTemplateRow, 'title' | 'body' | 'active' | 'sort'>>, at: Date): Promise<void> {
    const cols = Object.entries(f).filter(([, v]) => v !== undefined);
    if (!cols.length) return;
    await em.query(`UPDATE reply_templates SET ${cols.map(([k]) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = ?`, [...cols.map(([, v]) => (typeof v === 'boolean' ? Number(v) : v)), at, id]);
  }

  async titled(em: EntityManager, companyId: number | null, title: string, exceptId = 0): Promise<boolean> {
    return (await em.query('SELECT id FROM reply_templates WHERE company_id <=> ? AND title = ? AND id <> ? AND active = 1 LIMIT 1', [companyId, title, exceptId])).length > 0;
  }

  async nextSort(em: EntityManager, companyId: number | null): Promise<number> {
    const [r] = await em.query('SELECT COALESCE(MAX(sort), 0) AS s FROM reply_templates WHERE company_id <=> ?', [companyId]);
    return Number(r.s) + 10;
  }
}
