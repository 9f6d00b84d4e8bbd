import { AreaLevel, Role } from '@msb/shared-types';

/** What an administrator may change: everything (city/bureau), or some companies and areas. Pure data. */
export interface AdminScope {
  readonly all: boolean;
  /** Companies administered (COMPANY_ADMIN): their complexes, buildings, gates and staff. */
  readonly companyIds: ReadonlySet<number>;
  /** Areas administered (AREA_ADMIN) and every area below them. */
  readonly areaIds: ReadonlySet<number>;
  /** Communities at or under the administered areas. */
  readonly communityIds: ReadonlySet<number>;
}

export interface AreaNode {
  readonly id: number;
  readonly level: AreaLevel | string;
  readonly parentId: number | null;
}

export interface AdminAssignment {
  readonly role: Role | string;
  readonly companyId: number | null;
  readonly areaId: number | null;
}

export const ADMIN_ROLES: readonly Role[] = [Role.ADMIN, Role.COMPANY_ADMIN, Role.AREA_ADMIN];

/** The areas at or below `rootId` (the root included). */
export function areasUnder(areas: readonly AreaNode[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const a of areas) if (a.parentId === out[i]) out.push(a.id);
  return areas.some((a) => a.id === rootId) ? out : [];
}

/** An admin's scope from their assignments; null when they hold no admin role. An ADMIN on a city area, or on none, sees everything. */
export function adminScopeOf(assignments: readonly AdminAssignment[], areas: readonly AreaNode[]): AdminScope | null {
  const companyIds = new Set<number>();
  const areaIds = new Set<number>();
  let all = false;
  let any = false;
  for (const a of assignments) {
    if (a.role === Role.ADMIN) {
      any = true;
      const root = areas.find((x) => x.id === a.areaId);
      if (a.areaId == null || root?.level === AreaLevel.CITY) all = true;
      else areasUnder(areas, a.areaId).forEach((id) => areaIds.add(id));
    } else if (a.role === Role.COMPANY_ADMIN && a.companyId != null) {
      any = true;
      companyIds.add(a.companyId);
    } else if (a.role === Role.AREA_ADMIN && a.areaId != null) {
      any = true;
      areasUnder(areas, a.areaId).forEach((id) => areaIds.add(id));
    }
  }
  if (!any) return null;
  const communityIds = new Set(areas.filter((a) => a.level === AreaLevel.COMMUNITY && areaIds.has(a.id)).map((a) => a.id));
  return { all, companyIds, areaIds, communityIds };
}

/** A complex (and its buildings, gates, staff): its company's admins, the admins of the areas above it, the bureau. */
export function mayAdminComplex(s: AdminScope, c: { communityId: number; companyId: number | null }): boolean {
  return s.all || s.communityIds.has(c.communityId) || (c.companyId != null && s.companyIds.has(c.companyId));
}

/** An area (and what is created under it): admins of it or of an area above it, the bureau. */
export function mayAdminArea(s: AdminScope, areaId: number): boolean {
  return s.all || s.areaIds.has(areaId);
}

/** A company itself (its name, phone, admins): only the bureau or that company's own admins. */
export function mayAdminCompany(s: AdminScope, companyId: number): boolean {
  return s.all || s.companyIds.has(companyId);
}

/** Who may hand out a role: the bureau anything; company admins staff and managers of their complexes; area admins mediators and area admins below. */
export function mayGrant(s: AdminScope, role: Role, target: { complex?: { communityId: number; companyId: number | null }; companyId?: number | null; areaId?: number | null; unitCompanyId?: number | null }): boolean {
  if (s.all) return true;
  switch (role) {
    case Role.STAFF:
    case Role.PROJECT_MANAGER:
      return target.complex != null && target.complex.companyId != null && s.companyIds.has(target.complex.companyId);
    case Role.COMPANY_ADMIN:
      return target.companyId != null && s.companyIds.has(target.companyId);
    case Role.MEDIATOR:
    case Role.AREA_ADMIN:
      return target.areaId != null && s.areaIds.has(target.areaId);
    default:
      return false;
  }
}
