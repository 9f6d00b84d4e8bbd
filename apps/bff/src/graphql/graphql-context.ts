import { Global, Injectable, Module } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What each feature adds to a request's GraphQL context. Empty here: a feature declares its piece by
 * augmenting this interface (`declare module '../graphql/graphql-context' { interface GqlContextPieces { … } }`)
 * and registers how to make it with {@link GqlContextRegistry.piece}. graphql/ knows no feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface GqlContextPieces {}

/** Per-request batch loaders, one entry per kind; each feature augments this with its own and registers them. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Loaders {}

export type GqlContext = GqlContextPieces & {
  req: FastifyRequest;
  reply: FastifyReply;
  loaders: Loaders;
};

type PieceMaker<K extends keyof GqlContextPieces> = (req: FastifyRequest) => GqlContextPieces[K];
type LoaderMaker<K extends keyof Loaders> = () => Loaders[K];

/**
 * Where features plug their per-request pieces (who is calling, batch loaders) into the context.
 * Features register in their constructors/onModuleInit; {@link context} runs per request, after start-up.
 * A key registered twice is a start-up error; loaders are built lazily, the first time one is read.
 */
@Injectable()
export class GqlContextRegistry {
  private readonly pieces = new Map<PropertyKey, (req: FastifyRequest) => unknown>();
  private readonly loaders = new Map<string, () => unknown>();

  piece<K extends keyof GqlContextPieces>(key: K, make: PieceMaker<K>): void {
    if (this.pieces.has(key) || (['req', 'reply', 'loaders'] as PropertyKey[]).includes(key)) throw new Error(`GraphQL context piece "${String(key)}" registered twice`);
    this.pieces.set(key, make as (req: FastifyRequest) => unknown);
  }

  loader<K extends keyof Loaders>(key: K, make: LoaderMaker<K>): void {
    if (this.loaders.has(key as string)) throw new Error(`GraphQL loader "${String(key)}" registered twice`);
    this.loaders.set(key as string, make);
  }

  context(req: FastifyRequest, reply: FastifyReply): GqlContext {
    const loaders: Record<string, unknown> = {};
    for (const [key, make] of this.loaders) {
      let made: unknown;
      Object.defineProperty(loaders, key, { enumerable: true, get: () => (made ??= make()) });
    }
    const ctx: Record<PropertyKey, unknown> = { req, reply, loaders };
    for (const [key, make] of this.pieces) ctx[key] = make(req);
    return ctx as unknown as GqlContext;
  }
}

/** The registry, global so every feature module can plug into it without importing this one. */
@Global()
@Module({ providers: [GqlContextRegistry], exports: [GqlContextRegistry] })
export class GqlContextModule {}

/** Loader helpers: a DataLoader batch answers in the order of its keys. */
export function byKey<K, V>(rows: V[], key: (v: V) => K, keys: readonly K[]): (V | null)[] {
  const m = new Map(rows.map((r) => [key(r), r]));
  return keys.map((k) => m.get(k) ?? null);
}

export function groupBy<K, V>(rows: V[], key: (v: V) => K, keys: readonly K[]): V[][] {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    (m.get(k) ?? m.set(k, []).get(k)!).push(r);
  }
  return keys.map((k) => m.get(k) ?? []);
}
