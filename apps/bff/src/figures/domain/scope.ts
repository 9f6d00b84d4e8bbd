import { AreaLevel, Role } from '@msb/shared-types';
import type { Viewer } from '../../org/domain/viewer';

export enum ScopeKind {
  COMPLEX = 'COMPLEX',
  COMPANY = 'COMPANY',
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
  DISTRICT = 'DISTRICT',
  CITY = 'CITY',
}

export interface ScopeRef {
  readonly kind: ScopeKind;
  readonly id: number;
}

export interface Places {
  readonly areas: readonly { id: number; level: AreaLevel; name: string; parentId: number | null }[];
  readonly companies: readonly { id: number; name: string }[];
  readonly complexes: readonly { id: number; name: string; communityId: number; companyId: number | null }[];
  /** Complexes that have tickets filed under each company (so a company keeps the complexes it ran before a change). */
  readonly companyHistory?: ReadonlyMap<number, readonly number[]>;
}

export interface ResolvedScope extends ScopeRef {
  readonly name: string;
  /** The complexes whose tickets the figures sum: the scope's, limited to what the viewer may see. */
  readonly complexIds: readonly number[];
  /** A company scope counts only the tickets filed under it (tickets.company_id), in complexes it runs or ran. */
  readonly companyId?: number;
}

const AREA_KIND: Partial<Record<ScopeKind, AreaLevel>> = {
  [ScopeKind.COMMUNITY]: AreaLevel.COMMUNITY,
  [ScopeKind.STREET]: AreaLevel.STREET,
  [ScopeKind.DISTRICT]: AreaLevel.DISTRICT,
  [ScopeKind.CITY]: AreaLevel.CITY,
};

export const KIND_OF_LEVEL: Record<AreaLevel, ScopeKind> = {
  [AreaLevel.COMMUNITY]: ScopeKind.COMMUNITY,
  [AreaLevel.STREET]: ScopeKind.STREET,
  [AreaLevel.DISTRICT]: ScopeKind.DISTRICT,
  [AreaLevel.CITY]: ScopeKind.CITY,
};

/** May this viewer read figures at all? Oversight, admins and project managers (their own complexes). */
export function readsFigures(v: Viewer): boolean {
  return v.roles.has(Role.OVERSIGHT) || v.roles.has(Role.ADMIN) || v.roles.has(Role.PROJECT_MANAGER);
}

/** Complexes the viewer may see figures of; 'ALL' for admins and city-wide oversight. */
export function visibleComplexes(v: Viewer, p: Places): ReadonlySet<number> | 'ALL' {
  if (v.roles.has(Role.ADMIN)) return 'ALL';
  const o = v.roles.has(Role.OVERSIGHT) ? v.oversightCommunityIds : new Set<number>();
  if (o === 'ALL') return 'ALL';
  const out = new Set<number>(v.managerComplexIds);
  for (const c of p.complexes) if (o.has(c.communityId)) out.add(c.id);
  return out;
}

/** Communities at or under an area. */
export function communitiesUnder(p: Places, areaId: number): Set<number> {
  const out = new Set<number>();
  const walk = (id: number) => {
    const a = p.areas.find((x) => x.id === id);
    if (!a) return;
    if (a.level === AreaLevel.COMMUNITY) out.add(a.id);
    for (const child of p.areas) if (child.parentId === id) walk(child.id);
  };
  walk(areaId);
  return out;
}

/** The area of `level` a community lies in (itself for COMMUNITY), or undefined. */
export function ancestorAt(p: Places, communityId: number, level: AreaLevel): number | undefined {
  let a = p.areas.find((x) => x.id === communityId);
  while (a && a.level !== level) a = a.parentId === null ? undefined : p.areas.find((x) => x.id === a!.parentId);
  return a?.id;
}

/**
 * The scope's complexes as the viewer may see them, or null when the scope does not exist or is not
 * theirs (the caller answers NOT_FOUND). An area must lie wholly inside what the viewer oversees; a
 * company is shown as its complexes within the viewer's sight.
 */
export function resolveScope(v: Viewer, p: Places, ref: ScopeRef): ResolvedScope | null {
  const visible = visibleComplexes(v, p);
  const sees = (id: number) => visible === 'ALL' || visible.has(id);
  let name: string;
  let all: number[];
  if (ref.kind === ScopeKind.COMPLEX) {
    const c = p.complexes.find((x) => x.id === ref.id);
    if (!c) return null;
    name = c.name;
    all = [c.id];
  } else if (ref.kind === ScopeKind.COMPANY) {
    const co = p.companies.find((x) => x.id === ref.id);
    if (!co) return null;
    name = co.name;
    all = [...new Set([...p.complexes.filter((c) => c.companyId === co.id).map((c) => c.id), ...(p.companyHistory?.get(co.id) ?? [])])].sort((a, b) => a - b);
    const mine = all.filter(sees);
    if (mine.length === 0) return null;
    return { ...ref, name, complexIds: mine, companyId: co.id };
  } else {
    const area = p.areas.find((a) => a.id === ref.id && a.level === AREA_KIND[ref.kind]);
    if (!area) return null;
    name = area.name;
    const communities = communitiesUnder(p, area.id);
    all = p.complexes.filter((c) => communities.has(c.communityId)).map((c) => c.id);
    if (visible !== 'ALL') {
      const o = v.roles.has(Role.OVERSIGHT) ? v.oversightCommunityIds : new Set<number>();
      if (o === 'ALL') return { ...ref, name, complexIds: all };
      if (communities.size === 0 || ![...communities].every((c) => o.has(c))) return null;
    }
    return { ...ref, name, complexIds: all };
  }
  if (!all.every(sees)) return null;
  return { ...ref, name, complexIds: all };
}
