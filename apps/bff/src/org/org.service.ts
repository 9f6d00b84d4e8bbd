import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AreaLevel, Role, UnitKind } from '@msb/shared-types';
import { forbidden } from '../common/domain-error';
import { buildViewer, type Viewer } from './domain/viewer';
import { categoriesForComplex } from './domain/category-scope';
import {
  AreaEntity, BuildingEntity, CategoryEntity, CompanyEntity, ComplexEntity, RoleAssignmentEntity, SpotEntity, UnitEntity, UserEntity,
} from './org.entities';
import { OrgRepository, type PasswordAccount, type RoleScope } from './org.repository';
import { DisplayNamesCache } from './display-names-cache';
import type { DisplayNames, DisplayNamesWanted } from './domain/display-names';

export type { DisplayNamesWanted } from './domain/display-names';
export { DisplayNames } from './domain/display-names';

/**
 * Places, organisations, users and their scoped roles. Other features use this service, never the tables
 * (OrgRepository is this feature's own). Areas, units, categories and companies are small and change rarely: they
 * are cached for a minute.
 */
@Injectable()
export class OrgService {
  private cache: { at: number; areas: AreaEntity[]; units: Map<number, UnitEntity>; categories: CategoryEntity[]; companies: Map<number, CompanyEntity> } | null = null;
  private loading: Promise<NonNullable<OrgService['cache']>> | null = null;
  private readonly names: DisplayNamesCache;
  /** Set by OrgCacheBus: tells the other processes to drop their caches too. */
  broadcast: (() => void) | null = null;

  constructor(private readonly repo: OrgRepository) {
    this.names = new DisplayNamesCache(repo);
  }

  /**
   * The cached directory. Past its minute it is refreshed in the background while the old one is served, so a
   * read inside a ticket's transaction (its listeners) does not wait for more pooled connections than the
   * transactions already hold; only a dropped directory (an org change) is waited for.
   */
  private async directory(em?: EntityManager) {
    const cached = this.cache;
    if (cached && Date.now() - cached.at < 60_000) return cached;
    const build = async (m?: EntityManager) => {
      // On a transaction's connection the four reads go one after another; on the pool, side by side.
      const [areas, units, categories, companies] = m
        ? [await this.repo.areas(m), await this.repo.units(m), await this.repo.categories(m), await this.repo.companies(m)]
        : await Promise.all([this.repo.areas(), this.repo.units(), this.repo.categories(), this.repo.companies()]);
      this.cache = { at: Date.now(), areas, units: new Map(units.map((u) => [u.id, u])), categories, companies: new Map(companies.map((c) => [c.id, c])) };
      return this.cache;
    };
    // Dropped (an org change) and asked from inside a transaction: read it on that transaction's connection,
    // never wait for another pooled one while holding this one (and the ticket's locks).
    if (!cached && em) return build(em);
    const load = (this.loading ??= build().finally(() => (this.loading = null)));
    if (!cached) return load;
    load.catch(() => undefined); // the next read tries again
    return cached;
  }

  /**
   * Drops the cached directory and display names, here and (unless the call comes from a peer) in every other
   * process. Called when a change is made and again once its transaction has had time to commit, so a read that
   * slipped in between (and cached the old row) does not outlive it.
   */
  invalidate(opts: { fromPeer?: boolean } = {}): void {
    this.cache = null;
    this.names.clear();
    if (opts.fromPeer) return;
    this.broadcast?.();
    setTimeout(() => {
      this.cache = null;
      this.names.clear();
      this.broadcast?.();
    }, 2000).unref();
  }

  /**
   * Names of complexes (with address), users, spots (with kind and building) and buildings for display, from the
   * bounded per-process cache (misses read in one query per kind). Lists (the inbox) show these without joining
   * org's tables.
   */
  displayNames(want: DisplayNamesWanted): Promise<DisplayNames> {
    return this.names.get(want);
  }

  /** The caller and their scoped roles in one round trip (runs on every authenticated request). */
  async loadViewer(userId: string): Promise<Viewer | null> {
    const [user, dir] = await Promise.all([this.repo.userWithAssignments(userId), this.directory()]);
    if (!user) return null;
    return buildViewer(user.id, user.name, user.assignments, (areaId) => communitiesUnder(dir.areas, areaId));
  }

  assignmentsOf(userId: string): Promise<RoleAssignmentEntity[]> {
    return this.repo.assignmentsOf(userId);
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

  /** `em`: asked inside a transaction (see directory). */
  async category(code: string, em?: EntityManager): Promise<CategoryEntity | undefined> {
    return (await this.directory(em)).categories.find((c) => c.code === code);
  }

  /**
   * What an owner may file under at a complex: active categories that are everyone's, its company's or an area's
   * above it. Without a complex: everyone's active ones. Retired categories keep naming the tickets filed under them.
   */
  async categoriesFor(complex: { companyId: number | null; communityId: number } | null): Promise<CategoryEntity[]> {
    const dir = await this.directory();
    if (!complex) return categoriesForComplex(dir.categories, { companyId: null, communityId: -1 }, []);
    return categoriesForComplex(dir.categories, complex, dir.areas);
  }

  /** A category an owner may file under at this complex, or undefined. */
  async categoryToFile(code: string, complex: { companyId: number | null; communityId: number }): Promise<CategoryEntity | undefined> {
    return (await this.categoriesFor(complex)).find((c) => c.code === code);
  }

  /** `em`: asked inside a transaction (see directory). */
  async unit(id: number, em?: EntityManager): Promise<UnitEntity | undefined> {
    return (await this.directory(em)).units.get(id);
  }

  async units(): Promise<UnitEntity[]> {
    return [...(await this.directory()).units.values()];
  }

  /** Every area (city, districts, streets, communities), from the cached directory. */
  async areas(): Promise<AreaEntity[]> {
    return (await this.directory()).areas;
  }

  /**
   * Where a handler may dispatch, whatever the ticket: outside departments, and property teams of the
   * caller's own companies (another company's teams are neither a valid target nor the caller's
   * business; departments, which work across companies, see every team), never the caller's own units.
   */
  async dispatchCandidates(v: Viewer): Promise<UnitEntity[]> {
    if (![Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER].some((r) => v.roles.has(r))) throw forbidden();
    const served = await this.complexesByIds([...new Set([...v.staffComplexIds, ...v.managerComplexIds])]);
    const companies = new Set<number>([...v.managerCompanyIds, ...served.map((c) => c.companyId).filter((id): id is number => id != null)]);
    const anyTeam = v.roles.has(Role.DEPT_HANDLER);
    return (await this.units()).filter(
      (u) => u.active && !v.unitIds.has(u.id) && (u.kind === UnitKind.DEPARTMENT || anyTeam || (u.companyId != null && companies.has(u.companyId))),
    );
  }

  /** A property company (cached with the directory). */
  async company(id: number): Promise<CompanyEntity | undefined> {
    return (await this.directory()).companies.get(id);
  }

  async area(id: number): Promise<AreaEntity | undefined> {
    return (await this.directory()).areas.find((a) => a.id === id);
  }

  complexesByIds(ids: readonly number[]): Promise<ComplexEntity[]> {
    return this.repo.complexesByIds(ids);
  }

  complex(id: number): Promise<ComplexEntity | null> {
    return this.repo.complex(id);
  }

  /** A spot with its complex, in one query (QR resolution on the filing path). */
  spotWithComplex(spotId: number): Promise<{ spot: SpotEntity; complex: ComplexEntity } | null> {
    return this.repo.spotWithComplex(spotId);
  }

  spot(id: number): Promise<SpotEntity | null> {
    return this.repo.spot(id);
  }

  spotsByIds(ids: readonly number[]): Promise<SpotEntity[]> {
    return this.repo.spotsByIds(ids);
  }

  /** Invalidates every QR token printed for the spot so far; returns the spot with its new serial (null: no such spot). */
  async renewSpotQr(spotId: number): Promise<SpotEntity | null> {
    await this.repo.bumpQrSerial(spotId);
    return this.repo.spot(spotId);
  }

  buildingsOfComplex(complexId: number): Promise<BuildingEntity[]> {
    return this.repo.buildingsOfComplex(complexId);
  }

  buildingsByIds(ids: readonly number[]): Promise<BuildingEntity[]> {
    return this.repo.buildingsByIds(ids);
  }

  /** Locks the user's row in `em` (e.g. so one owner's requests are counted and added one at a time). */
  lockUser(em: EntityManager, userId: string): Promise<void> {
    return this.repo.lockUser(em, userId);
  }

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.repo.usersByIds(ids);
  }

  /** Can `userId` be given work on a ticket of `complexId` (staff or manager there), or in `unitId`? */
  isHandlerFor(userId: string, complexId: number, unitId: number | null): Promise<boolean> {
    return this.repo.isHandlerFor(userId, complexId, unitId);
  }

  /** The WeChat openid of a user (owners who signed in through the mini-program), or null. */
  openidOf(userId: string, em?: EntityManager): Promise<string | null> {
    return this.repo.openidOf(userId, em);
  }

  /**
   * Users holding one of `roles` (any role when null) scoped to a unit, a complex, a company or an area
   * (community), e.g. to notify them. `em` reads inside the caller's transaction.
   */
  userIdsWithRole(roles: readonly Role[] | null, scope: RoleScope, em?: EntityManager): Promise<string[]> {
    return this.repo.userIdsWithRole(roles, scope, em);
  }

  /** Holders of `role` over the street a community belongs to (e.g. its oversight viewers). */
  userIdsWithRoleOverCommunity(role: Role, communityId: number, em?: EntityManager): Promise<string[]> {
    return this.repo.userIdsWithRoleAboveCommunity(role, communityId, em);
  }

  /** Staff and managers serving a complex, by user id (the assign sheet adds their workload). */
  handlersOfComplex(complexId: number): Promise<{ id: string; name: string; role: Role }[]> {
    return this.repo.handlersOfComplex(complexId);
  }

  // ---- sign-in (for AuthService) -------------------------------------------------------------

  passwordAccount(phone: string): Promise<PasswordAccount | null> {
    return this.repo.passwordAccount(phone);
  }

  recordLoginFailure(userId: string, maxFailures: number, lockUntil: Date): Promise<void> {
    return this.repo.recordLoginFailure(userId, maxFailures, lockUntil);
  }

  clearLoginFailures(userId: string): Promise<void> {
    return this.repo.clearLoginFailures(userId);
  }

  /** The owner with this phone or WeChat openid, created with the OWNER role on first sign-in; returns the user id. */
  ensureOwner(by: { phone: string } | { wxOpenid: string }, name: string): Promise<string> {
    return this.repo.ensureOwner(by, name);
  }

  /**
   * An account that files on behalf of an outside channel (an Open311 client, the 12345 hotline): a user
   * without phone or password (it cannot sign in) holding a plain OWNER role, so its tickets are ordinary
   * reports whose REPORTER it is.
   */
  createChannelAccount(name: string): Promise<string> {
    return this.repo.createChannelAccount(name);
  }

  /** Every complex, building and spot (ids and names), for channels that list our places. */
  places(): Promise<{ complexes: ComplexEntity[]; buildings: BuildingEntity[]; spots: SpotEntity[] }> {
    return this.repo.places();
  }

  /** Every area, company and complex (ids, names, parents): the places figures are summed over. */
  async figurePlaces(): Promise<{ areas: AreaEntity[]; companies: CompanyEntity[]; complexes: ComplexEntity[] }> {
    const [dir, companies, complexes] = await Promise.all([this.directory(), this.repo.companies(), this.repo.allComplexes()]);
    return { areas: dir.areas, companies, complexes };
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
