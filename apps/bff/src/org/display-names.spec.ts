import { OrgService } from './org.service';
import type { OrgRepository } from './org.repository';

/** Org's display-name cache: misses read once per kind, hits read nothing, any org change drops it here and tells the peers. */
function fakeRepo() {
  const calls: string[] = [];
  const names = new Map<string, string>([['1', '张三'], ['2', '李四']]);
  const repo = {
    complexesByIds: async (ids: number[]) => { calls.push(`c${ids}`); return ids.map((id) => ({ id, name: `小区${id}`, address: `路${id}号` })); },
    userNamesByIds: async (ids: string[]) => { calls.push(`u${ids}`); return ids.map((id) => ({ id, name: names.get(id) ?? '?' })); },
    spotsByIds: async (ids: number[]) => { calls.push(`s${ids}`); return ids.map((id) => ({ id, name: `门${id}`, kind: 'GATE', buildingId: null })); },
    buildingsByIds: async (ids: number[]) => { calls.push(`b${ids}`); return ids.map((id) => ({ id, name: `${id}号楼` })); },
  };
  return { repo: repo as unknown as OrgRepository, calls, names };
}

describe('OrgService.displayNames', () => {
  const want = { complexIds: [1, 1], userIds: ['1', '2'], spotIds: [3], buildingIds: [] as number[] };

  it('reads each kind of miss once, then answers from the cache', async () => {
    const { repo, calls } = fakeRepo();
    const org = new OrgService(repo);
    const a = await org.displayNames(want);
    expect(calls).toEqual(['c1', 'u1,2', 's3']);
    expect([a.complex(1), a.user('2'), a.spot(3), a.building(9)]).toEqual([{ name: '小区1', address: '路1号' }, '李四', { name: '门3', kind: 'GATE', buildingId: null }, undefined]);
    await org.displayNames(want);
    expect(calls).toHaveLength(3);
  });

  it('an org change drops the names and tells the other processes; a peer\'s message is not sent on', async () => {
    const { repo, calls, names } = fakeRepo();
    const org = new OrgService(repo);
    const told = jest.fn();
    org.broadcast = told;
    await org.displayNames(want);
    names.set('2', '李四（改）');
    org.invalidate();
    expect(told).toHaveBeenCalledTimes(1);
    expect((await org.displayNames(want)).user('2')).toBe('李四（改）');
    expect(calls).toHaveLength(6);
    org.invalidate({ fromPeer: true });
    expect(told).toHaveBeenCalledTimes(1);
    await org.displayNames(want);
    expect(calls).toHaveLength(9);
  });

  it('a read that began before a change does not store what it read', async () => {
    const { repo } = fakeRepo();
    const org = new OrgService(repo);
    const pending = org.displayNames(want);
    org.invalidate({ fromPeer: true });
    await pending;
    const again = fakeRepo();
    Object.assign(repo, { userNamesByIds: again.repo.userNamesByIds, complexesByIds: again.repo.complexesByIds, spotsByIds: again.repo.spotsByIds });
    await org.displayNames(want);
    expect(again.calls).toEqual(['c1', 'u1,2', 's3']);
  });
});
