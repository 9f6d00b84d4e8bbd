import { LRUCache } from 'lru-cache';
import { DisplayNames, type DisplayNamesWanted, type PlaceName } from './domain/display-names';
import type { OrgRepository } from './org.repository';

/** Display names kept per process: bounded in bytes, and dropped on any org change (here or, through OrgCacheBus, elsewhere). */
const NAMES_MAX_BYTES = 4 * 1024 * 1024;
const NAMES_TTL_MS = 60_000;

/** OrgService's cache of display names; misses are read in one query per kind. */
export class DisplayNamesCache {
  private readonly names = new LRUCache<string, PlaceName>({
    maxSize: NAMES_MAX_BYTES,
    // Key and strings as UTF-16, plus the entry's own overhead.
    sizeCalculation: (v, k) => 96 + 2 * (k.length + v.name.length + (v.address?.length ?? 0) + (v.kind?.length ?? 0)),
    ttl: NAMES_TTL_MS,
  });
  /** A read that started before a clear does not store what it read. */
  private generation = 0;

  constructor(private readonly repo: OrgRepository) {}

  clear(): void {
    this.names.clear();
    this.generation += 1;
  }

  async get(want: DisplayNamesWanted): Promise<DisplayNames> {
    const gen = this.generation;
    const found = new Map<string, PlaceName>();
    const missing = { c: [] as number[], u: [] as string[], s: [] as number[], b: [] as number[] };
    const look = <K extends keyof typeof missing>(kind: K, ids: readonly (typeof missing)[K][number][]) => {
      for (const id of new Set(ids)) {
        const key = `${kind}:${id}`;
        const hit = this.names.get(key);
        if (hit) found.set(key, hit);
        else (missing[kind] as unknown[]).push(id);
      }
    };
    look('c', want.complexIds);
    look('u', want.userIds);
    look('s', want.spotIds);
    look('b', want.buildingIds);
    if (missing.c.length || missing.u.length || missing.s.length || missing.b.length) {
      const [complexes, users, spots, buildings] = await Promise.all([
        missing.c.length ? this.repo.complexesByIds(missing.c) : [],
        missing.u.length ? this.repo.userNamesByIds(missing.u) : [],
        missing.s.length ? this.repo.spotsByIds(missing.s) : [],
        missing.b.length ? this.repo.buildingsByIds(missing.b) : [],
      ]);
      const put = (key: string, v: PlaceName) => {
        found.set(key, v);
        if (gen === this.generation) this.names.set(key, v);
      };
      for (const c of complexes) put(`c:${c.id}`, { name: c.name, address: c.address });
      for (const u of users) put(`u:${u.id}`, { name: u.name });
      for (const sp of spots) put(`s:${sp.id}`, { name: sp.name, kind: sp.kind, buildingId: sp.buildingId });
      for (const b of buildings) put(`b:${b.id}`, { name: b.name });
    }
    return new DisplayNames(found);
  }
}
