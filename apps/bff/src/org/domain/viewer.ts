import { Role } from '@msb/shared-types';

/** The signed-in caller with their scoped role assignments, flattened into lookup sets. Pure data. */
export interface Viewer {
  readonly userId: string;
  readonly name: string;
  readonly roles: ReadonlySet<Role>;
  /** Complexes where the caller is STAFF. */
  readonly staffComplexIds: ReadonlySet<number>;
  /** Complexes where the caller is PROJECT_MANAGER. */
  readonly managerComplexIds: ReadonlySet<number>;
  /** Companies the caller manages as PROJECT_MANAGER. */
  readonly managerCompanyIds: ReadonlySet<number>;
  /** Handling units (property teams, outside departments) the caller belongs to. */
  readonly unitIds: ReadonlySet<number>;
  /** Outside departments the caller heads (DEPT_HEAD). */
  readonly headUnitIds: ReadonlySet<number>;
  readonly mediatorCommunityIds: ReadonlySet<number>;
  /** Communities under the caller's oversight area(s); 'ALL' for the city. */
  readonly oversightCommunityIds: ReadonlySet<number> | 'ALL';
}

export interface ScopedAssignment {
  role: Role;
  companyId: number | null;
  complexId: number | null;
  unitId: number | null;
  areaId: number | null;
}

/** Builds a Viewer. `communitiesUnder` maps an oversight area to the communities below it (null: the whole city). */
export function buildViewer(
  userId: string,
  name: string,
  assignments: readonly ScopedAssignment[],
  communitiesUnder: (areaId: number) => readonly number[] | null,
): Viewer {
  const roles = new Set<Role>();
  const staffComplexIds = new Set<number>();
  const managerComplexIds = new Set<number>();
  const managerCompanyIds = new Set<number>();
  const unitIds = new Set<number>();
  const headUnitIds = new Set<number>();
  const mediatorCommunityIds = new Set<number>();
  let oversight: Set<number> | 'ALL' = new Set<number>();
  for (const a of assignments) {
    roles.add(a.role);
    if (a.unitId != null) unitIds.add(a.unitId);
    switch (a.role) {
      case Role.STAFF:
        if (a.complexId != null) staffComplexIds.add(a.complexId);
        break;
      case Role.PROJECT_MANAGER:
        if (a.complexId != null) managerComplexIds.add(a.complexId);
        if (a.companyId != null) managerCompanyIds.add(a.companyId);
        break;
      case Role.DEPT_HEAD:
        if (a.unitId != null) headUnitIds.add(a.unitId);
        break;
      case Role.MEDIATOR:
        if (a.areaId != null) mediatorCommunityIds.add(a.areaId);
        break;
      case Role.OVERSIGHT: {
        if (oversight === 'ALL' || a.areaId == null) break;
        const under = communitiesUnder(a.areaId);
        if (under === null) oversight = 'ALL';
        else under.forEach((c) => (oversight as Set<number>).add(c));
        break;
      }
      default:
        break;
    }
  }
  return {
    userId, name, roles, staffComplexIds, managerComplexIds, managerCompanyIds, unitIds, headUnitIds, mediatorCommunityIds,
    oversightCommunityIds: oversight,
  };
}
