import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface UnitFields {
  kind?: string;
  name?: string;
  companyId?: number | null;
  areaId?: number | null;
  active?: boolean;
}

export interface CategoryFields {
  code?: string;
  name?: string;
  defaultPriority?: string;
  emergency?: boolean;
  advice?: string | null;
  icon?: string | null;
  companyId?: number | null;
  areaId?: number | null;
  active?: boolean;
  sort?: number;
}

const UNIT_COLS: Record<string, string> = { kind: 'kind', name: 'name', companyId: 'company_id', areaId: 'area_id', active: 'active' };
const CATEGORY_COLS: Record<string, string> = {
  code: 'code', name: 'name', defaultPriority: 'default_priority', emergency: 'emergency', advice: 'advice', icon: 'icon',
  companyId: 'company_id', areaId: 'area_id', active: 'active', sort: 'sort',
};

function columns(map: Record<string, string>, fields: object): [string[], unknown[]] {
  const cols: string[] = [];
  const vals: unknown[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (!map[k]) throw new Error(`not a writable field: ${k}`);
    cols.push(map[k]);
    vals.push(typeof v === 'boolean' ? Number(v) : v);
  }
  return [cols, vals];
}

const unitRow = (r: any) => ({ id: Number(r.id), kind: r.kind as string, name: r.name as string, companyId: r.company_id as number | null, areaId: r.area_id as number | null, active: !!r.active });
const categoryRow = (r: any) => ({
  code: r.code as string, name: r.name as string, parentCode: r.parent_code as string | null, defaultPriority: r.default_priority as string, emergency: !!r.emergency,
  advice: r.advice as string | null, icon: r.icon as string | null, companyId: r.company_id as number | null, areaId: r.area_id as number | null, active: !!r.active, sort: Number(r.sort),
});
export type UnitRow = ReturnType<typeof unitRow>;
export type CategoryRow = ReturnType<typeof categoryRow>;

/**
 * Administrative writes to units (property teams, outside departments) and categories, inside the caller's
 * transaction so the change and its audit event commit together. Rows are retired (active = 0), never deleted.
 */
@Injectable()
export class OrgCatalogRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async unit(em: EntityManager | null, id: number, lock = false): Promise<UnitRow | null> {
    const [r] = await (em ?? this.ds.manager).query(`SELECT * FROM units WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? unitRow(r) : null;
  }

  async allUnits(): Promise<UnitRow[]> {
    return ((await this.ds.query('SELECT * FROM units ORDER BY id')) as any[]).map(unitRow);
  }

  async insertUnit(em: EntityManager, f: UnitFields): Promise<number> {
    const [cols, vals] = columns(UNIT_COLS, f);
    return Number((await em.query(`INSERT INTO units (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, vals)).insertId);
  }

  async patchUnit(em: EntityManager, id: number, f: UnitFields): Promise<void> {
    const [cols, vals] = columns(UNIT_COLS, f);
    if (cols.length) await em.query(`UPDATE units SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...vals, id]);
  }

  /** A unit of the same kind and owner (company or area) with this name, other than `exceptId`. */
  async unitNamed(em: EntityManager, f: { kind: string; companyId: number | null; areaId: number | null }, name: string, exceptId = 0): Promise<boolean> {
    const rows = await em.query('SELECT id FROM units WHERE kind = ? AND company_id <=> ? AND area_id <=> ? AND name = ? AND id <> ? LIMIT 1', [f.kind, f.companyId, f.areaId, name, exceptId]);
    return rows.length > 0;
  }

  /** Who holds a role on these units (department handlers, team members), with the assignment to revoke. */
  async membersOf(unitIds: readonly number[]): Promise<{ unitId: number; assignmentId: number; userId: string; name: string; phone: string | null; active: boolean; role: string }[]> {
    if (!unitIds.length) return [];
    const rows: any[] = await this.ds.query(
      `SELECT r.unit_id, r.id, r.role, u.id AS user_id, u.name, u.phone, u.active FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE r.unit_id IN (?) ORDER BY r.id`,
      [unitIds],
    );
    return rows.map((r) => ({ unitId: r.unit_id, assignmentId: Number(r.id), userId: String(r.user_id), name: r.name, phone: r.phone, active: !!r.active, role: r.role }));
  }

  async category(em: EntityManager | null, code: string, lock = false): Promise<CategoryRow | null> {
    const [r] = await (em ?? this.ds.manager).query(`SELECT * FROM categories WHERE code = ?${lock ? ' FOR UPDATE' : ''}`, [code]);
    return r ? categoryRow(r) : null;
  }

  async allCategories(): Promise<CategoryRow[]> {
    return ((await this.ds.query('SELECT * FROM categories ORDER BY sort, code')) as any[]).map(categoryRow);
  }

  async insertCategory(em: EntityManager, f: CategoryFields): Promise<void> {
    const [cols, vals] = columns(CATEGORY_COLS, f);
    await em.query(`INSERT INTO categories (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, vals);
  }

  async patchCategory(em: EntityManager, code: string, f: CategoryFields): Promise<void> {
    const [cols, vals] = columns(CATEGORY_COLS, f);
    if (cols.length) await em.query(`UPDATE categories SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE code = ?`, [...vals, code]);
  }

  /** A top-level category with this name among those one company or area sees (its own and everyone's). */
  async categoryNamed(em: EntityManager, owner: { companyId: number | null; areaId: number | null }, name: string, exceptCode = ''): Promise<boolean> {
    const rows = await em.query(
      `SELECT code FROM categories WHERE parent_code IS NULL AND name = ? AND code <> ? AND active = 1
       AND ((company_id IS NULL AND area_id IS NULL) OR company_id <=> ? AND area_id <=> ?) LIMIT 1`,
      [name, exceptCode, owner.companyId, owner.areaId],
    );
    return rows.length > 0;
  }

  async nextSort(em: EntityManager): Promise<number> {
    const [r] = await em.query('SELECT COALESCE(MAX(sort), 0) AS s FROM categories');
    return Number(r.s) + 10;
  }
}
