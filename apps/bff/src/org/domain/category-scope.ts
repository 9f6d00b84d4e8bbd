/** Which categories a complex files under: everyone's, its company's, and those of the areas above it. Pure data. */
export interface ScopedCategory {
  readonly code: string;
  readonly parentCode: string | null;
  readonly active: boolean;
  readonly companyId: number | null;
  readonly areaId: number | null;
}

export interface AreaLink {
  readonly id: number;
  readonly parentId: number | null;
}

/** The community and every area above it. */
export function areasAbove(areas: readonly AreaLink[], communityId: number): Set<number> {
  const out = new Set<number>();
  let at: number | null = communityId;
  while (at != null && !out.has(at)) {
    out.add(at);
    at = areas.find((a) => a.id === at)?.parentId ?? null;
  }
  return out;
}

/** Does a category apply to a complex (its company, its community)? Ignores `active`. */
export function categoryAppliesTo(c: ScopedCategory, complex: { companyId: number | null; communityId: number }, above: ReadonlySet<number>): boolean {
  if (c.companyId == null && c.areaId == null) return true;
  if (c.companyId != null) return c.companyId === complex.companyId;
  return above.has(c.areaId!);
}

/**
 * The categories an owner may choose at a complex: active ones that apply to it, sub-types only under an
 * active parent. Retired ones stay on the tickets filed under them; they are only not offered again.
 */
export function categoriesForComplex<T extends ScopedCategory>(all: readonly T[], complex: { companyId: number | null; communityId: number }, areas: readonly AreaLink[]): T[] {
  const above = areasAbove(areas, complex.communityId);
  const open = new Set(all.filter((c) => c.active && categoryAppliesTo(c, complex, above)).map((c) => c.code));
  return all.filter((c) => open.has(c.code) && (c.parentCode == null || open.has(c.parentCode)));
}
