import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@msb/shared-types';

/** The kinds of place an administrator edits, each one org table. */
export type PlaceKind = 'AREA' | 'COMPANY' | 'COMPLEX' | 'BUILDING' | 'SPOT';

const TABLE: Record<PlaceKind, string> = { AREA: 'areas', COMPANY: 'companies', COMPLEX: 'complexes', BUILDING: 'buildings', SPOT: 'spots' };
/** Columns an administrator may set, per kind (camelCase field → column). */
const WRITABLE: Record<PlaceKind, Record<string, string>> = {
  AREA: { level: 'level', name: 'name', parentId: 'parent_id', active: 'active' },
  COMPANY: { name: 'name', servicePhone: 'service_phone', active: 'active' },
  COMPLEX: { name: 'name', address: 'address', communityId: 'community_id', companyId: 'company_id', servicePhone: 'service_phone', emergencyPhone: 'emergency_phone', active: 'active' },
  BUILDING: { complexId: 'complex_id', name: 'name', active: 'active' },
  SPOT: { complexId: 'complex_id', buildingId: 'building_id', kind: 'kind', name: 'name', active: 'active' },
};
const USER_WRITABLE: Record<string, string> = { name: 'name', phone: 'phone', active: 'active', passwordHash: 'password_hash' };

const camel = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), k === 'active' ? !!v : v]));

function columns(map: Record<string, string>, fields: Record<string, unknown>): [string[], unknown[]] {
  const cols: string[] = [];
  const vals: unknown[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const col = map[k];
    if (!col) throw new Error(`not a writable field: ${k}`);
    cols.push(col);
    vals.push(typeof v === 'boolean' ? Number(v) : v);
  }
  return [cols, vals];
}

export interface AssignmentInput {
  role: Role;
  companyId?: number | null;
  complexId?: number | null;
  unitId?: number | null;
  areaId?: number | null;
}

/**
 * Writes to the org tables on an administrator's behalf, always inside the caller's transaction (`em`), so
 * the change and its admin_events row commit together. Reads with `lock` take the row's before-image FOR UPDATE.
 */
@Injectable()
export class OrgAdminRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async place(em: EntityManager | null, kind: PlaceKind, id: number, lock = false): Promise<Record<string, any> | null> {
    const [r] = await (em ?? this.ds.manager).query(`SELECT * FROM ${TABLE[kind]} WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? camel(r) : null;
  }

  async insertPlace(em: EntityManager, kind: PlaceKind, fields: Record<string, unknown>): Promise<number> {
    const [cols, vals] = columns(WRITABLE[kind], fields);
    const r = await em.query(`INSERT INTO ${TABLE[kind]} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, vals);
    return Number(r.insertId);
  }

  async patchPlace(em: EntityManager, kind: PlaceKind, id: number, fields: Record<string, unknown>): Promise<void> {
    const [cols, vals] = columns(WRITABLE[kind], fields);
    if (cols.length) await em.query(`UPDATE ${TABLE[kind]} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...vals, id]);
  }

  /** Places with this name under the same parent (names are unique among siblings). */
  async siblingNamed(em: EntityManager, kind: PlaceKind, parent: { col: string; id: number | null } | null, name: string, exceptId?: number): Promise<number | null> {
    const where = parent ? (parent.id == null ? `${parent.col} IS NULL AND ` : `${parent.col} = ? AND `) : '';
    const args = parent && parent.id != null ? [parent.id] : [];
    const [r] = await em.query(`SELECT id FROM ${TABLE[kind]} WHERE ${where}name = ? AND id <> ? LIMIT 1`, [...args, name, exceptId ?? 0]);
    return r ? Number(r.id) : null;
  }

  async bumpQrSerial(em: EntityManager, spotId: number): Promise<void> {
    await em.query('UPDATE spots SET qr_serial = qr_serial + 1 WHERE id = ?', [spotId]);
  }

  async recordCompanyChange(em: EntityManager, complexId: number, companyId: number | null, effectiveFrom: string, at: Date, by: string | null): Promise<void> {
    await em.query('INSERT INTO complex_companies (complex_id, company_id, effective_from, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)', [complexId, companyId, effectiveFrom, at, by]);
  }

  /** The start date of the complex's current company period, read in the change's transaction (null when none is recorded). */
  async currentCompanyFrom(em: EntityManager, complexId: number): Promise<string | null> {
    const [r] = await em.query(`SELECT DATE_FORMAT(MAX(effective_from), '%Y-%m-%d') AS d FROM complex_companies WHERE complex_id = ?`, [complexId]);
    return r?.d ?? null;
  }

  async companyHistory(complexId: number): Promise<{ companyId: number | null; companyName: string | null; effectiveFrom: string; recordedAt: Date }[]> {
    const rows: any[] = await this.ds.query(
      `SELECT h.company_id, c.name, DATE_FORMAT(h.effective_from, '%Y-%m-%d') AS d, h.recorded_at FROM complex_companies h
       LEFT JOIN companies c ON c.id = h.company_id WHERE h.complex_id = ? ORDER BY h.effective_from, h.id`,
      [complexId],
    );
    return rows.map((r) => ({ companyId: r.company_id, companyName: r.name, effectiveFrom: r.d, recordedAt: new Date(r.recorded_at) }));
  }

  // ---- accounts -------------------------------------------------------------------------------

  async user(em: EntityManager | null, id: string, lock = false): Promise<Record<string, any> | null> {
    const [r] = await (em ?? this.ds.manager).query(`SELECT id, name, phone, active, created_at, password_hash IS NOT NULL AS has_password FROM users WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? { ...camel(r), id: String(r.id), hasPassword: !!r.has_password } : null;
  }

  async userIdByPhone(em: EntityManager | null, phone: string): Promise<string | null> {
    const [r] = await (em ?? this.ds.manager).query('SELECT id FROM users WHERE phone = ?', [phone]);
    return r ? String(r.id) : null;
  }

  async insertUser(em: EntityManager, name: string, phone: string, passwordHash: string | null = null): Promise<string> {
    const r = await em.query('INSERT INTO users (name, phone, password_hash) VALUES (?, ?, ?)', [name, phone, passwordHash]);
    return String(r.insertId);
  }

  async patchUser(em: EntityManager, id: string, fields: Record<string, unknown>): Promise<void> {
    const [cols, vals] = columns(USER_WRITABLE, fields);
    if (cols.length) await em.query(`UPDATE users SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...vals, id]);
  }

  async assignments(em: EntityManager | null, userIds: readonly string[]): Promise<Record<string, any>[]> {
    if (!userIds.length) return [];
    const rows: any[] = await (em ?? this.ds.manager).query('SELECT * FROM role_assignments WHERE user_id IN (?) ORDER BY id', [userIds]);
    return rows.map((r) => ({ ...camel(r), id: Number(r.id), userId: String(r.user_id) }));
  }

  async assignment(em: EntityManager, id: number): Promise<Record<string, any> | null> {
    const [r] = await em.query('SELECT * FROM role_assignments WHERE id = ? FOR UPDATE', [id]);
    return r ? { ...camel(r), userId: String(r.user_id) } : null;
  }

  /** Adds the assignment unless the user already holds exactly it; returns its id and whether it is new. */
  async grant(em: EntityManager, userId: string, a: AssignmentInput): Promise<{ id: number; created: boolean }> {
    const vals = [a.role, a.companyId ?? null, a.complexId ?? null, a.unitId ?? null, a.areaId ?? null];
    const [found] = await em.query(
      `SELECT id FROM role_assignments WHERE user_id = ? AND role = ? AND company_id <=> ? AND complex_id <=> ? AND unit_id <=> ? AND area_id <=> ? FOR UPDATE`,
      [userId, ...vals],
    );
    if (found) return { id: Number(found.id), created: false };
    const r = await em.query('INSERT INTO role_assignments (user_id, role, company_id, complex_id, unit_id, area_id) VALUES (?, ?, ?, ?, ?, ?)', [userId, ...vals]);
    return { id: Number(r.insertId), created: true };
  }

  async removeAssignment(em: EntityManager, id: number): Promise<void> {
    await em.query('DELETE FROM role_assignments WHERE id = ?', [id]);
  }

  /** Accounts matching a name or phone fragment (every account when empty), newest first. */
  async searchUsers(text: string, first: number, onlyIds: readonly string[] | null): Promise<Record<string, any>[]> {
    if (onlyIds && !onlyIds.length) return [];
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: any[] = await this.ds.query(
      `SELECT id, name, phone, active, created_at, password_hash IS NOT NULL AS has_password FROM users
       WHERE (name LIKE ? OR phone LIKE ?)${onlyIds ? ' AND id IN (?)' : ''} ORDER BY id DESC LIMIT ?`,
      onlyIds ? [like, like, onlyIds, first] : [like, like, first],
    );
    return rows.map((r) => ({ ...camel(r), id: String(r.id), hasPassword: !!r.has_password }));
  }

  /** Users holding a role on one of these complexes, companies or areas (what a scoped admin may list). */
  async userIdsInScope(complexIds: readonly number[], companyIds: readonly number[], areaIds: readonly number[]): Promise<string[]> {
    const parts: string[] = [];
    const args: unknown[] = [];
    for (const [col, ids] of [['complex_id', complexIds], ['company_id', companyIds], ['area_id', areaIds]] as const) if (ids.length) (parts.push(`${col} IN (?)`), args.push(ids));
    if (!parts.length) return [];
    const rows: any[] = await this.ds.query(`SELECT DISTINCT user_id FROM role_assignments WHERE ${parts.join(' OR ')}`, args);
    return rows.map((r) => String(r.user_id));
  }

  /** Staff and managers of these complexes with their phones (the importer's natural key). */
  async staffOfComplexes(complexIds: readonly number[]): Promise<{ complexId: number; phone: string; role: string }[]> {
    if (!complexIds.length) return [];
    const rows: any[] = await this.ds.query(
      `SELECT r.complex_id, u.phone, r.role FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE r.complex_id IN (?) AND r.role IN ('STAFF', 'PROJECT_MANAGER') AND u.phone IS NOT NULL`,
      [complexIds],
    );
    return rows.map((r) => ({ complexId: r.complex_id, phone: r.phone, role: r.role }));
  }

  async namesByPhones(phones: readonly string[]): Promise<Map<string, string>> {
    if (!phones.length) return new Map();
    const rows: any[] = await this.ds.query('SELECT phone, name FROM users WHERE phone IN (?)', [phones]);
    return new Map(rows.map((r) => [r.phone as string, r.name as string]));
  }

  /** Every place, for the admin tree (the service filters by scope). */
  async allPlaces(): Promise<Record<PlaceKind, Record<string, any>[]>> {
    const kinds = Object.keys(TABLE) as PlaceKind[];
    const lists = await Promise.all(kinds.map((k) => this.ds.query(`SELECT * FROM ${TABLE[k]} ORDER BY id`)));
    return Object.fromEntries(kinds.map((k, i) => [k, (lists[i] as any[]).map(camel)])) as Record<PlaceKind, Record<string, any>[]>;
  }
}
