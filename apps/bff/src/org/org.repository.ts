import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '@msb/shared-types';
import type { ScopedAssignment } from './domain/viewer';
import {
  AreaEntity, BuildingEntity, CategoryEntity, CompanyEntity, ComplexEntity, RoleAssignmentEntity, SpotEntity, UnitEntity, UserEntity,
} from './org.entities';

/** A staff account as password sign-in reads it. */
export interface PasswordAccount {
  readonly id: string;
  readonly passwordHash: string | null;
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
}

/** Who holds a role where: one scope column is matched (unit, complex, company or area). */
export interface RoleScope {
  readonly unitId?: number | null;
  readonly complexId?: number | null;
  readonly companyId?: number | null;
  readonly areaId?: number | null;
}

const ids = (rows: { user_id: string | number }[]) => rows.map((r) => String(r.user_id));

/** Deadlock (1213), lock wait timeout (1205), and MariaDB's report of a deadlock on an auto-increment table (1467). */
const RETRYABLE = new Set([1213, 1205, 1467]);

/**
 * The org tables: areas, companies, complexes, buildings, spots, units, users, role_assignments,
 * categories. Nothing else reads or writes them; other features ask OrgService.
 */
@Injectable()
export class OrgRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  // ---- directory (small, cached by the service) ---------------------------------------------

  areas(em: EntityManager = this.ds.manager): Promise<AreaEntity[]> {
    return em.getRepository(AreaEntity).find();
  }

  units(em: EntityManager = this.ds.manager): Promise<UnitEntity[]> {
    return em.getRepository(UnitEntity).find();
  }

  categories(em: EntityManager = this.ds.manager): Promise<CategoryEntity[]> {
    return em.getRepository(CategoryEntity).find({ order: { sort: 'ASC' } });
  }

  // ---- places --------------------------------------------------------------------------------

  complexesByIds(ids: readonly number[]): Promise<ComplexEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(ComplexEntity).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).getMany();
  }

  complex(id: number): Promise<ComplexEntity | null> {
    return this.ds.getRepository(ComplexEntity).findOne({ where: { id } });
  }

  /** A spot with its complex, in one query (QR resolution on the filing path). */
  async spotWithComplex(spotId: number): Promise<{ spot: SpotEntity; complex: ComplexEntity } | null> {
    const [r] = await this.ds.query(
      `SELECT s.id, s.complex_id, s.building_id, s.kind, s.name, s.qr_serial, s.active, c.name AS c_name, c.address, c.community_id, c.company_id,
              c.active AS c_active, c.service_phone, c.emergency_phone
       FROM spots s JOIN complexes c ON c.id = s.complex_id WHERE s.id = ?`,
      [spotId],
    );
    if (!r) return null;
    return {
      spot: { id: r.id, complexId: r.complex_id, buildingId: r.building_id, kind: r.kind, name: r.name, qrSerial: r.qr_serial, active: !!r.active },
      complex: {
        id: r.complex_id, name: r.c_name, address: r.address, communityId: r.community_id, companyId: r.company_id, active: !!r.c_active,
        servicePhone: r.service_phone, emergencyPhone: r.emergency_phone,
      },
    };
  }

  spot(id: number): Promise<SpotEntity | null> {
    return this.ds.getRepository(SpotEntity).findOne({ where: { id } });
  }

  spotsByIds(ids: readonly number[]): Promise<SpotEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(SpotEntity).createQueryBuilder('s').where('s.id IN (:...ids)', { ids }).getMany();
  }

  /** Moves the spot's QR serial on, so every token printed so far stops resolving. */
  async bumpQrSerial(spotId: number): Promise<void> {
    await this.ds.query('UPDATE spots SET qr_serial = qr_serial + 1 WHERE id = ?', [spotId]);
  }

  buildingsOfComplex(complexId: number): Promise<BuildingEntity[]> {
    return this.ds.getRepository(BuildingEntity).find({ where: { complexId }, order: { id: 'ASC' } });
  }

  buildingsByIds(ids: readonly number[]): Promise<BuildingEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(BuildingEntity).createQueryBuilder('b').where('b.id IN (:...ids)', { ids }).getMany();
  }

  // ---- users and their roles -----------------------------------------------------------------

  /** A user's name and every role assignment, in one round trip; null when there is no such user. */
  async userWithAssignments(userId: string): Promise<{ id: string; name: string; assignments: ScopedAssignment[] } | null> {
    const rows: any[] = await this.ds.query(
      `SELECT u.id, u.name, r.role, r.company_id, r.complex_id, r.unit_id, r.area_id
       FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id WHERE u.id = ? AND u.active = 1`,
      [userId],
    );
    if (rows.length === 0) return null;
    const assignments = rows
      .filter((r) => r.role !== null)
      .map((r) => ({ role: r.role, companyId: r.company_id, complexId: r.complex_id, unitId: r.unit_id, areaId: r.area_id }));
    return { id: String(rows[0].id), name: rows[0].name, assignments };
  }

  assignmentsOf(userId: string): Promise<RoleAssignmentEntity[]> {
    return this.ds.getRepository(RoleAssignmentEntity).find({ where: { userId }, order: { id: 'ASC' } });
  }

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(UserEntity).createQueryBuilder('u').select(['u.id', 'u.name', 'u.phone']).where('u.id IN (:...ids)', { ids }).getMany();
  }

  /** Ids and names only (what lists display; no phone). */
  async userNamesByIds(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    const rows = await this.ds.query('SELECT id, name FROM users WHERE id IN (?)', [ids]);
    return rows.map((r: any) => ({ id: String(r.id), name: r.name }));
  }

  async isHandlerFor(userId: string, complexId: number, unitId: number | null): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT 1 FROM role_assignments WHERE user_id = ? AND (
         (role IN (?, ?) AND complex_id = ?) OR (? IS NOT NULL AND unit_id = ?)) LIMIT 1`,
      [userId, Role.STAFF, Role.PROJECT_MANAGER, complexId, unitId, unitId],
    );
    return rows.length > 0;
  }

  async openidOf(userId: string, em: EntityManager = this.ds.manager): Promise<string | null> {
    const rows = await em.query('SELECT wx_openid FROM users WHERE id = ?', [userId]);
    return rows[0]?.wx_openid ?? null;
  }

  /** Users holding one of `roles` in the scope (any role when `roles` is null). */
  async userIdsWithRole(roles: readonly Role[] | null, scope: RoleScope, em: EntityManager = this.ds.manager): Promise<string[]> {
    const col = scope.unitId != null ? 'unit_id' : scope.complexId != null ? 'complex_id' : scope.companyId != null ? 'company_id' : scope.areaId != null ? 'area_id' : null;
    if (!col || roles?.length === 0) return [];
    const value = scope.unitId ?? scope.complexId ?? scope.companyId ?? scope.areaId;
    const rows = roles
      ? await em.query(`SELECT DISTINCT user_id FROM role_assignments WHERE ${col} = ? AND role IN (?)`, [value, roles])
      : await em.query(`SELECT DISTINCT user_id FROM role_assignments WHERE ${col} = ?`, [value]);
    return ids(rows);
  }

  /** Holders of `role` assigned to the parent area (the street) of a community. */
  async userIdsWithRoleAboveCommunity(role: Role, communityId: number, em: EntityManager = this.ds.manager): Promise<string[]> {
    return ids(await em.query(
      'SELECT DISTINCT r.user_id FROM areas c JOIN role_assignments r ON r.area_id = c.parent_id AND r.role = ? WHERE c.id = ?',
      [role, communityId],
    ));
  }

  /** Staff and managers serving a complex (for the manager's assign sheet). */
  async handlersOfComplex(complexId: number): Promise<{ id: string; name: string; role: Role }[]> {
    const rows = await this.ds.query(
      `SELECT u.id, u.name, MIN(r.role) AS role
       FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE r.complex_id = ? AND r.role IN (?, ?)
       GROUP BY u.id, u.name ORDER BY u.id`,
      [complexId, Role.STAFF, Role.PROJECT_MANAGER],
    );
    return rows.map((r: any) => ({ id: String(r.id), name: r.name, role: r.role }));
  }

  // ---- sign-in -------------------------------------------------------------------------------

  async passwordAccount(phone: string): Promise<PasswordAccount | null> {
    const [u] = await this.ds.query('SELECT id, password_hash, failed_logins, locked_until FROM users WHERE phone = ? AND active = 1', [phone]);
    return u ? { id: String(u.id), passwordHash: u.password_hash, failedLogins: Number(u.failed_logins), lockedUntil: u.locked_until ? new Date(u.locked_until) : null } : null;
  }

  /** Counts a failed password; the failure after `maxFailures` locks the account until `lockUntil` and starts the count again. */
  async recordLoginFailure(userId: string, maxFailures: number, lockUntil: Date): Promise<void> {
    await this.ds.query(
      `UPDATE users SET failed_logins = failed_logins + 1,
         locked_until = IF(failed_logins >= ?, ?, locked_until),
         failed_logins = IF(failed_logins >= ?, 0, failed_logins) WHERE id = ?`,
      [maxFailures, lockUntil, maxFailures, userId],
    );
  }

  async clearLoginFailures(userId: string): Promise<void> {
    await this.ds.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?', [userId]);
  }

  /** Locks one user's row in the caller's transaction: another feature's per-person steps then run one at a time. */
  async lockUser(em: EntityManager, userId: string): Promise<void> {
    await em.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [userId]);
  }

  /**
   * The owner account of a phone or WeChat openid, created on first sign-in with its plain OWNER role in
   * one transaction (never a user without a role). READ COMMITTED and insert-first, so first sign-ins of
   * different phones take no gap locks on each other (SELECT … FOR UPDATE of a missing row did, and they
   * deadlocked); the role is a single-row INSERT (INSERT … SELECT under concurrency failed with "Failed
   * to read auto-increment value"). An account found without its role is locked before the role is
   * added, so two sign-ins add one. Deadlocks are retried.
   */
  async ensureOwner(by: { phone: string } | { wxOpenid: string }, name: string): Promise<string> {
    const [col, val] = 'phone' in by ? ['phone', by.phone] : ['wx_openid', by.wxOpenid];
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction('READ COMMITTED', async (em) => {
          const made = await em.query(`INSERT IGNORE INTO users (name, ${col}) VALUES (?, ?)`, [name, val]);
          if (Number(made.affectedRows) === 1) {
            const id = String(made.insertId);
            await em.query('INSERT INTO role_assignments (user_id, role) VALUES (?, ?)', [id, Role.OWNER]);
            return id;
          }
          const [u] = await em.query(`SELECT id FROM users WHERE ${col} = ?`, [val]);
          const userId = String(u.id);
          const hasRole = async () => (await em.query('SELECT 1 FROM role_assignments WHERE user_id = ? AND role = ? LIMIT 1', [userId, Role.OWNER])).length > 0;
          if (await hasRole()) return userId;
          await em.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [userId]);
          if (!(await hasRole())) await em.query('INSERT INTO role_assignments (user_id, role) VALUES (?, ?)', [userId, Role.OWNER]);
          return userId;
        });
      } catch (e) {
        if (attempt >= 8 || !RETRYABLE.has(errnoOf(e))) throw e;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  async createChannelAccount(name: string): Promise<string> {
    return this.ds.transaction(async (em) => {
      const res = await em.query('INSERT INTO users (name, phone) VALUES (?, NULL)', [name.slice(0, 64)]);
      const id = String(res.insertId);
      await em.query('INSERT INTO role_assignments (user_id, role) VALUES (?, ?)', [id, Role.OWNER]);
      return id;
    });
  }

  async places(): Promise<{ complexes: ComplexEntity[]; buildings: BuildingEntity[]; spots: SpotEntity[] }> {
    const [complexes, buildings, spots] = await Promise.all([
      this.ds.getRepository(ComplexEntity).find({ order: { id: 'ASC' } }),
      this.ds.getRepository(BuildingEntity).find({ order: { complexId: 'ASC', id: 'ASC' } }),
      this.ds.getRepository(SpotEntity).find({ order: { complexId: 'ASC', id: 'ASC' } }),
    ]);
    return { complexes, buildings, spots };
  }

  companies(em: EntityManager = this.ds.manager): Promise<CompanyEntity[]> {
    return em.getRepository(CompanyEntity).find({ order: { id: 'ASC' } });
  }

  allComplexes(): Promise<ComplexEntity[]> {
    return this.ds.getRepository(ComplexEntity).find({ order: { id: 'ASC' } });
  }
}

function errnoOf(e: unknown): number {
  const x = e as { errno?: number; driverError?: { errno?: number } };
  return x?.errno ?? x?.driverError?.errno ?? 0;
}
