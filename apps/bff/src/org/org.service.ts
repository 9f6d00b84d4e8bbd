import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AreaLevel, Role } from '@msb/shared-types';
import { buildViewer, type Viewer } from './domain/viewer';
import {
  AreaEntity, BuildingEntity, CategoryEntity, ComplexEntity, RoleAssignmentEntity, SpotEntity, UnitEntity, UserEntity,
} from './org.entities';

/**
 * Places, organisations, users and their scoped roles. Other features use this service, never the tables.
 * Areas, units and categories are small and change rarely: they are cached for a minute.
 */
@Injectable()
export class OrgService {
  private cache: { at: number; areas: AreaEntity[]; units: Map<number, UnitEntity>; categories: CategoryEntity[] } | null = null;
  private loading: Promise<NonNullable<OrgService['cache']>> | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private async directory() {
    if (this.cache && Date.now() - this.cache.at < 60_000) return this.cache;
    this.loading ??= (async () => {
      const [areas, units, categories] = await Promise.all([
        this.ds.getRepository(AreaEntity).find(),
        this.ds.getRepository(UnitEntity).find(),
        this.ds.getRepository(CategoryEntity).find({ order: { sort: 'ASC' } }),
      ]);
      this.cache = { at: Date.now(), areas, units: new Map(units.map((u) => [u.id, u])), categories };
      return this.cache;
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  invalidate(): void {
    this.cache = null;
  }

  /** The caller and their scoped roles in one round trip (runs on every authenticated request). */
  async loadViewer(userId: string): Promise<Viewer | null> {
    const [rows, dir] = await Promise.all([
      this.ds.query(
        `SELECT u.id, u.name, r.role, r.company_id, r.complex_id, r.unit_id, r.area_id
         FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id WHERE u.id = ?`,
        [userId],
      ) as Promise<any[]>,
      this.directory(),
    ]);
    if (rows.length === 0) return null;
    const assignments = rows
      .filter((r) => r.role !== null)
      .map((r) => ({ role: r.role, companyId: r.company_id, complexId: r.complex_id, unitId: r.unit_id, areaId: r.area_id }));
    return buildViewer(String(rows[0].id), rows[0].name, assignments, (areaId) => communitiesUnder(dir.areas, areaId));
  }

  async assignmentsOf(userId: string): Promise<RoleAssignmentEntity[]> {
    return this.ds.getRepository(RoleAssignmentEntity).find({ where: { userId }, order: { id: 'ASC' } });
  }

  /** Synchronous lookups over the cached directory, for mapping many rows at once. */
  async lookups(): Promise<{ category(code: string): CategoryEntity | undefined; unit(id: number): UnitEntity | undefined }> {
    const dir = await this.directory();
    const byCode = new Map(dir.categories.map((c) => [c.code, c]));
    return { category: (code) => byCode.get(code), unit: (id) => dir.units.get(id) };
  }

  async categories(): Promise<CategoryEntity[]> {
    return (await this.directory()).categories;
  }

  async category(code: string): Promise<CategoryEntity | undefined> {
    return (await this.directory()).categories.find((c) => c.code === code);
  }

  async unit(id: number): Promise<UnitEntity | undefined> {
    return (await this.directory()).units.get(id);
  }

  async units(): Promise<UnitEntity[]> {
    return [...(await this.directory()).units.values()];
  }

  async area(id: number): Promise<AreaEntity | undefined> {
    return (await this.directory()).areas.find((a) => a.id === id);
  }

  async complexesByIds(ids: readonly number[]): Promise<ComplexEntity[]> {
    if (ids.length === 0) return [];
    return this.ds.getRepository(ComplexEntity).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).getMany();
  }

  async complex(id: number): Promise<ComplexEntity | null> {
    return this.ds.getRepository(ComplexEntity).findOne({ where: { id } });
  }

  /** A spot with its complex, in one query (QR resolution on the filing path). */
  async spotWithComplex(spotId: number): Promise<{ spot: SpotEntity; complex: ComplexEntity } | null> {
    const [r] = await this.ds.query(
      `SELECT s.id, s.complex_id, s.building_id, s.kind, s.name, s.qr_serial, c.name AS c_name, c.address, c.community_id, c.company_id
       FROM spots s JOIN complexes c ON c.id = s.complex_id WHERE s.id = ?`,
      [spotId],
    );
    if (!r) return null;
    return {
      spot: { id: r.id, complexId: r.complex_id, buildingId: r.building_id, kind: r.kind, name: r.name, qrSerial: r.qr_serial },
      complex: { id: r.complex_id, name: r.c_name, address: r.address, communityId: r.community_id, companyId: r.company_id },
    };
  }

  async spot(id: number): Promise<SpotEntity | null> {
    return this.ds.getRepository(SpotEntity).findOne({ where: { id } });
  }

  async spotsByIds(ids: readonly number[]): Promise<SpotEntity[]> {
    if (ids.length === 0) return [];
    return this.ds.getRepository(SpotEntity).createQueryBuilder('s').where('s.id IN (:...ids)', { ids }).getMany();
  }

  async buildingsOfComplex(complexId: number): Promise<BuildingEntity[]> {
    return this.ds.getRepository(BuildingEntity).find({ where: { complexId }, order: { id: 'ASC' } });
  }

  async buildingsByIds(ids: readonly number[]): Promise<BuildingEntity[]> {
    if (ids.length === 0) return [];
    return this.ds.getRepository(BuildingEntity).createQueryBuilder('b').where('b.id IN (:...ids)', { ids }).getMany();
  }

  async usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    return this.ds.getRepository(UserEntity).createQueryBuilder('u').select(['u.id', 'u.name', 'u.phone']).where('u.id IN (:...ids)', { ids }).getMany();
  }

  /** Can `userId` be given work on a ticket of `complexId` (staff or manager there), or in `unitId`? */
  async isHandlerFor(userId: string, complexId: number, unitId: number | null): Promise<boolean> {
    const rows = await this.ds.query(
      `SELECT 1 FROM role_assignments WHERE user_id = ? AND (
         (role IN (?, ?) AND complex_id = ?) OR (? IS NOT NULL AND unit_id = ?)) LIMIT 1`,
      [userId, Role.STAFF, Role.PROJECT_MANAGER, complexId, unitId, unitId],
    );
    return rows.length > 0;
  }

  /** The WeChat openid of a user (owners who signed in through the mini-program), or null. */
  async openidOf(userId: string): Promise<string | null> {
    const rows = await this.ds.query('SELECT wx_openid FROM users WHERE id = ?', [userId]);
    return rows[0]?.wx_openid ?? null;
  }

  /** Users holding one of `roles` scoped to a unit, a complex or an area (community), e.g. to notify them. */
  async userIdsWithRole(roles: readonly Role[], scope: { unitId?: number | null; complexId?: number | null; areaId?: number | null }): Promise<string[]> {
    const col = scope.unitId != null ? 'unit_id' : scope.complexId != null ? 'complex_id' : scope.areaId != null ? 'area_id' : null;
    if (!col || roles.length === 0) return [];
    const rows = await this.ds.query(`SELECT DISTINCT user_id FROM role_assignments WHERE ${col} = ? AND role IN (?)`, [scope.unitId ?? scope.complexId ?? scope.areaId, roles]);
    return rows.map((r: { user_id: string | number }) => String(r.user_id));
  }

  /** Staff and managers serving a complex, with their open workload (for the manager's assign sheet). */
  async handlersOfComplex(complexId: number): Promise<{ id: string; name: string; role: Role; openCount: number }[]> {
    const rows = await this.ds.query(
      `SELECT u.id, u.name, MIN(r.role) AS role,
         (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = u.id AND t.status IN ('ACCEPTED','IN_PROGRESS','DISPATCHED')) AS open_count
       FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE r.complex_id = ? AND r.role IN (?, ?)
       GROUP BY u.id, u.name ORDER BY u.id`,
      [complexId, Role.STAFF, Role.PROJECT_MANAGER],
    );
    return rows.map((r: any) => ({ id: String(r.id), name: r.name, role: r.role, openCount: Number(r.open_count) }));
  }
}

/** Communities at or under an area; null means the whole city (no restriction). */
export function communitiesUnder(areas: readonly AreaEntity[], areaId: number): number[] | null {
  const root = areas.find((a) => a.id === areaId);
  if (!root) return [];
  if (root.level === AreaLevel.CITY) return null;
  const out: number[] = [];
  const walk = (id: number) => {
    for (const a of areas) if (a.parentId === id) (a.level === AreaLevel.COMMUNITY ? out.push(a.id) : walk(a.id));
  };
  if (root.level === AreaLevel.COMMUNITY) out.push(root.id);
  else walk(root.id);
  return out;
}
