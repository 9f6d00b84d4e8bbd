/** The admin places tree, built from the flat lists adminPlaces answers (pure, so it has a spec). */
export interface FlatPlace {
  kind: string
  id: number
  name: string
  active: boolean
  parentId: number | null
  level: string | null
  companyId: number | null
  buildingId: number | null
}

export interface TreeNode<P extends FlatPlace = FlatPlace> {
  place: P
  depth: number
  children: TreeNode<P>[]
}

/** Areas nest by parentId; complexes hang under their community; buildings and spots under their complex (spots of a building after it). */
export function placesTree<P extends FlatPlace>(p: { areas: P[]; complexes: P[]; buildings: P[]; spots: P[] }): TreeNode<P>[] {
  const areaIds = new Set(p.areas.map((a) => a.id))
  const node = (place: P, depth: number): TreeNode<P> => {
    let children: TreeNode<P>[] = []
    if (place.kind === 'AREA') {
      children = [
        ...p.areas.filter((a) => a.parentId === place.id).map((a) => node(a, depth + 1)),
        ...p.complexes.filter((c) => c.parentId === place.id).map((c) => node(c, depth + 1)),
      ]
    } else if (place.kind === 'COMPLEX') {
      const spots = p.spots.filter((s) => s.parentId === place.id)
      children = [
        ...spots.filter((s) => s.buildingId == null).map((s) => node(s, depth + 1)),
        ...p.buildings.filter((b) => b.parentId === place.id).flatMap((b) => [node(b, depth + 1), ...spots.filter((s) => s.buildingId === b.id).map((s) => node(s, depth + 2))]),
      ]
    }
    return { place, depth, children }
  }
  const roots = p.areas.filter((a) => a.parentId == null || !areaIds.has(a.parentId))
  return roots.map((r) => node(r, 0))
}

/** Depth-first, the way the screen lists them. */
export function flatten<P extends FlatPlace>(nodes: TreeNode<P>[]): TreeNode<P>[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)])
}

/** What may be created under a node: the level below an area, complexes under communities, buildings and gates under complexes. */
export function childKinds(place: FlatPlace): { kind: string; level?: string; label: string }[] {
  if (place.kind === 'AREA') {
    const next: Record<string, [string, string]> = { CITY: ['DISTRICT', '区县'], DISTRICT: ['STREET', '街道'], STREET: ['COMMUNITY', '社区'] }
    if (place.level === 'COMMUNITY') return [{ kind: 'COMPLEX', label: '小区' }]
    const n = next[place.level ?? '']
    return n ? [{ kind: 'AREA', level: n[0], label: n[1] }] : []
  }
  if (place.kind === 'COMPLEX') return [{ kind: 'BUILDING', label: '楼栋' }, { kind: 'SPOT', label: '出入口' }]
  return []
}
