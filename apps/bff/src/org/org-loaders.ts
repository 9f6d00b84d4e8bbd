import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, GqlContextRegistry } from '../graphql/graphql-context';
import type { BuildingEntity, ComplexEntity, SpotEntity, UserEntity } from './org.entities';
import { OrgService } from './org.service';

declare module '../graphql/graphql-context' {
  interface Loaders {
    user: DataLoader<string, UserEntity | null>;
    complex: DataLoader<number, ComplexEntity | null>;
    spot: DataLoader<number, SpotEntity | null>;
    building: DataLoader<number, BuildingEntity | null>;
  }
}

/** Org's per-request batch loaders: a list of N tickets costs one query per related kind, not N. */
@Injectable()
export class OrgLoaders {
  constructor(registry: GqlContextRegistry, org: OrgService) {
    registry.loader('user', () => new DataLoader(async (ids) => byKey(await org.usersByIds(ids), (u) => String(u.id), ids)));
    registry.loader('complex', () => new DataLoader(async (ids) => byKey(await org.complexesByIds(ids), (c) => c.id, ids)));
    registry.loader('spot', () => new DataLoader(async (ids) => byKey(await org.spotsByIds(ids), (s) => s.id, ids)));
    registry.loader('building', () => new DataLoader(async (ids) => byKey(await org.buildingsByIds(ids), (b) => b.id, ids)));
  }
}
