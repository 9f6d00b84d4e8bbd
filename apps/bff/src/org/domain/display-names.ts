/** What a list needs named. */
export interface DisplayNamesWanted {
  complexIds: readonly number[];
  userIds: readonly string[];
  spotIds: readonly number[];
  buildingIds: readonly number[];
}

/** A cached display name (complexes carry their address, spots their kind and building). */
export interface PlaceName {
  readonly name: string;
  readonly address?: string;
  readonly kind?: string;
  readonly buildingId?: number | null;
}

/** Names found for a list; a missing id (deleted, never existed) reads as undefined. */
export class DisplayNames {
  constructor(private readonly found: ReadonlyMap<string, PlaceName>) {}

  complex(id: number): { name: string; address: string } | undefined {
    const c = this.found.get(`c:${id}`);
    return c ? { name: c.name, address: c.address ?? '' } : undefined;
  }

  user(id: string): string | undefined {
    return this.found.get(`u:${id}`)?.name;
  }

  spot(id: number): { name: string; kind: string; buildingId: number | null } | undefined {
    const s = this.found.get(`s:${id}`);
    return s ? { name: s.name, kind: s.kind ?? '', buildingId: s.buildingId ?? null } : undefined;
  }

  building(id: number): string | undefined {
    return this.found.get(`b:${id}`)?.name;
  }
}
