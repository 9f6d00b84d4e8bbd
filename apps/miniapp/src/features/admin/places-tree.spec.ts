import { childKinds, flatten, placesTree, type FlatPlace } from './places-tree'

const p = (kind: string, id: number, parentId: number | null, extra: Partial<FlatPlace> = {}): FlatPlace => ({ kind, id, name: `${kind}${id}`, active: true, parentId, level: null, companyId: null, buildingId: null, ...extra })

describe('placesTree', () => {
  const areas = [p('AREA', 1, null, { level: 'CITY' }), p('AREA', 2, 1, { level: 'DISTRICT' }), p('AREA', 3, 2, { level: 'STREET' }), p('AREA', 4, 3, { level: 'COMMUNITY' })]
  const complexes = [p('COMPLEX', 10, 4)]
  const buildings = [p('BUILDING', 20, 10), p('BUILDING', 21, 10)]
  const spots = [p('SPOT', 30, 10), p('SPOT', 31, 10, { buildingId: 21 })]

  it('nests areas, complexes, gates, buildings and their lobbies depth first', () => {
    const rows = flatten(placesTree({ areas, complexes, buildings, spots })).map((n) => [n.place.kind, n.place.id, n.depth])
    expect(rows).toEqual([['AREA', 1, 0], ['AREA', 2, 1], ['AREA', 3, 2], ['AREA', 4, 3], ['COMPLEX', 10, 4], ['SPOT', 30, 5], ['BUILDING', 20, 5], ['BUILDING', 21, 5], ['SPOT', 31, 6]])
  })

  it('a scoped admin whose top area has a parent outside the list still gets it as a root', () => {
    expect(placesTree({ areas: areas.slice(2), complexes, buildings: [], spots: [] }).map((n) => n.place.id)).toEqual([3])
  })

  it('offers the level below, complexes in communities, buildings and gates in complexes', () => {
    expect(childKinds(areas[0]).map((k) => k.level)).toEqual(['DISTRICT'])
    expect(childKinds(areas[3]).map((k) => k.kind)).toEqual(['COMPLEX'])
    expect(childKinds(complexes[0]).map((k) => k.kind)).toEqual(['BUILDING', 'SPOT'])
    expect(childKinds(buildings[0])).toEqual([])
  })
})
