import { areasAbove, categoriesForComplex } from './category-scope';

describe('categories a complex files under', () => {
  const areas = [
    { id: 1, parentId: null }, { id: 2, parentId: 1 }, { id: 3, parentId: 2 }, { id: 4, parentId: 3 }, // city → district → street → community
    { id: 5, parentId: 2 }, { id: 6, parentId: 5 }, // another street, another community
  ];
  const cat = (code: string, o: Partial<{ parentCode: string; active: boolean; companyId: number; areaId: number }> = {}) => ({
    code, parentCode: o.parentCode ?? null, active: o.active ?? true, companyId: o.companyId ?? null, areaId: o.areaId ?? null,
  });
  const all = [
    cat('PARKING'), cat('LIFT'), cat('LIFT_TRAPPED', { parentCode: 'LIFT' }), cat('OLD', { active: false }),
    cat('MINE', { companyId: 7 }), cat('THEIRS', { companyId: 8 }), cat('STREET3', { areaId: 3 }), cat('STREET5', { areaId: 5 }),
    cat('GONE_PARENT', { active: false }), cat('ORPHAN', { parentCode: 'GONE_PARENT' }),
  ];

  it('walks from the community up to the city', () => {
    expect([...areasAbove(areas, 4)]).toEqual([4, 3, 2, 1]);
  });

  it('offers everyone’s, the company’s own and the areas-above’s, active only, sub-types under an active parent', () => {
    expect(categoriesForComplex(all, { companyId: 7, communityId: 4 }, areas).map((c) => c.code)).toEqual(['PARKING', 'LIFT', 'LIFT_TRAPPED', 'MINE', 'STREET3']);
    expect(categoriesForComplex(all, { companyId: 8, communityId: 6 }, areas).map((c) => c.code)).toEqual(['PARKING', 'LIFT', 'LIFT_TRAPPED', 'THEIRS', 'STREET5']);
    expect(categoriesForComplex(all, { companyId: null, communityId: 6 }, areas).map((c) => c.code)).toEqual(['PARKING', 'LIFT', 'LIFT_TRAPPED', 'STREET5']);
  });
});
