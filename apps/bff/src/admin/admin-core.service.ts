import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { forbidden } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { ADMIN_ROLES, adminScopeOf, type AdminScope } from './domain/admin-scope';
import { AdminEventsRepository, type AdminEventInput } from './admin-events.repository';

/** Who made a change: a signed-in admin, or a command run on the server (actor null). */
export interface AdminActor {
  id: string | null;
  name: string;
}

export type Record_ = (e: Omit<AdminEventInput, 'at' | 'actorId' | 'actorName'>) => Promise<void>;

/** The admin feature's spine: who may administer what, and one transaction per change with its audit event. */
@Injectable()
export class AdminCore {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly org: OrgService,
    private readonly events: AdminEventsRepository,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The caller's admin scope; FORBIDDEN when they hold no admin role. */
  async scope(v: Viewer): Promise<AdminScope> {
    if (!ADMIN_ROLES.some((r) => v.roles.has(r))) throw forbidden('仅管理员可执行此操作');
    const [assignments, areas] = await Promise.all([this.org.assignmentsOf(v.userId), this.org.areas()]);
    const s = adminScopeOf(assignments, areas);
    if (!s) throw forbidden('仅管理员可执行此操作');
    return s;
  }

  actor(v: Viewer): AdminActor {
    return { id: v.userId, name: v.name };
  }

  /**
   * Runs `fn` in one transaction; every `record(...)` call appends an admin_events row in that same
   * transaction, so a change without its trace (or a trace without its change) cannot commit.
   */
  async change<T>(actor: AdminActor, fn: (em: EntityManager, record: Record_) => Promise<T>, importId: number | null = null): Promise<T> {
    const at = this.clock.now();
    return this.ds.transaction(async (em) => {
      const record: Record_ = async (e) => {
        await this.events.append(em, { ...e, at, actorId: actor.id, actorName: actor.name, importId: e.importId ?? importId });
      };
      return fn(em, record);
    });
  }
}
