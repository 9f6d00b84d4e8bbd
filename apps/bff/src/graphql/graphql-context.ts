import DataLoader from 'dataloader';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unauthenticated } from '../common/domain-error';
import type { AuthService } from '../auth/auth.service';
import type { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import type { BuildingEntity, ComplexEntity, SpotEntity, UserEntity } from '../org/org.entities';
import type { AttachmentEntity, TicketEventEntity } from '../tickets/ticket.entities';
import type { TicketsRepository } from '../tickets/tickets.repository';

/** Who is calling, resolved once per request and only when a resolver asks. */
export class RequestAuth {
  private memo?: Promise<Viewer | null>;

  constructor(
    private readonly bearer: string | null,
    private readonly auth: AuthService,
    private readonly org: OrgService,
  ) {}

  /** The viewer, or null for an anonymous call. A present but invalid token is UNAUTHENTICATED, not anonymous. */
  optional(): Promise<Viewer | null> {
    this.memo ??= (async () => {
      if (!this.bearer) return null;
      const userId = this.auth.verify(this.bearer);
      const viewer = await this.org.loadViewer(userId);
      if (!viewer) throw unauthenticated('账号不存在，请重新登录');
      return viewer;
    })();
    return this.memo;
  }

  async viewer(): Promise<Viewer> {
    const v = await this.optional();
    if (!v) throw unauthenticated();
    return v;
  }
}

function byKey<K, V>(rows: V[], key: (v: V) => K, keys: readonly K[]): (V | null)[] {
  const m = new Map(rows.map((r) => [key(r), r]));
  return keys.map((k) => m.get(k) ?? null);
}

function groupBy<K, V>(rows: V[], key: (v: V) => K, keys: readonly K[]): V[][] {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    (m.get(k) ?? m.set(k, []).get(k)!).push(r);
  }
  return keys.map((k) => m.get(k) ?? []);
}

/** Per-request batch loaders: a list of N tickets costs one query per related kind, not N. */
export function createLoaders(org: OrgService, tickets: TicketsRepository) {
  return {
    user: new DataLoader<string, UserEntity | null>(async (ids) => byKey(await org.usersByIds(ids), (u) => String(u.id), ids)),
    complex: new DataLoader<number, ComplexEntity | null>(async (ids) => byKey(await org.complexesByIds(ids), (c) => c.id, ids)),
    spot: new DataLoader<number, SpotEntity | null>(async (ids) => byKey(await org.spotsByIds(ids), (s) => s.id, ids)),
    building: new DataLoader<number, BuildingEntity | null>(async (ids) => byKey(await org.buildingsByIds(ids), (b) => b.id, ids)),
    events: new DataLoader<string, TicketEventEntity[]>(async (ids) => groupBy(await tickets.eventsOf(ids), (e) => String(e.ticketId), ids)),
    attachments: new DataLoader<string, AttachmentEntity[]>(async (ids) => groupBy(await tickets.attachmentsOf(ids), (a) => String(a.ticketId), ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface GqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
  auth: RequestAuth;
  loaders: Loaders;
}
