import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Priority } from '@msb/shared-types';
import {
  DEFAULT_SLA_POLICIES, resolveTerms, type PolicyScope, type ResolvedTerms, type SlaPolicy, type SlaTarget, type TargetTerms,
} from './domain';

/** Policies are read on every ticket change; versions are immutable, so the list is cached briefly (other processes see an edit within this). */
const CACHE_MS = 5_000;

/**
 * SLA policy versions: the built-in defaults (sla/domain DEFAULT_SLA_POLICIES, version 1 of ids
 * `default-<priority>`) plus what admins added in `sla_policies`. A version added for a built-in id
 * supersedes it from its `effectiveFrom` on, like any other version.
 */
@Injectable()
export class SlaPolicyRepository {
  private cache: { at: number; list: SlaPolicy[] } | null = null;
  private loading: Promise<SlaPolicy[]> | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Every version of every policy, built-ins first. Inside a transaction pass its EntityManager: a second
   * connection taken while holding one can starve the pool under load.
   */
  async all(em?: EntityManager): Promise<SlaPolicy[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.list;
    if (em) return this.load(em);
    this.loading ??= this.load(this.ds.manager).finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(em: EntityManager): Promise<SlaPolicy[]> {
    {
      const rows = await em.query('SELECT * FROM sla_policies ORDER BY id, version');
      const list = [...DEFAULT_SLA_POLICIES, ...rows.map(toPolicy)];
      this.cache = { at: Date.now(), list };
      return list;
    }
  }

  invalidate(): void {
    this.cache = null;
  }

  /** One version (immutable), or null. */
  async version(id: string, version: number, em?: EntityManager): Promise<SlaPolicy | null> {
    const hit = (await this.all(em)).find((p) => p.id === id && p.version === version);
    if (hit) return hit;
    // Written by another process since our cache was filled.
    this.invalidate();
    return (await this.all(em)).find((p) => p.id === id && p.version === version) ?? null;
  }

  /** The terms of `target` under the policy version a clock runs on. */
  async termsOf(policyId: string | null, version: number | null, target: SlaTarget, em?: EntityManager): Promise<ResolvedTerms | null> {
    if (policyId === null || version === null) return null;
    const p = await this.version(policyId, version, em);
    return p ? resolveTerms(p, target) : null;
  }

  async nextVersion(id: string): Promise<number> {
    const [r] = await this.ds.query('SELECT MAX(version) AS v FROM sla_policies WHERE id = ?', [id]);
    const builtIn = DEFAULT_SLA_POLICIES.filter((p) => p.id === id).reduce((m, p) => Math.max(m, p.version), 0);
    return Math.max(Number(r?.v ?? 0), builtIn) + 1;
  }

  /** Inserts a new version; the primary key (id, version) refuses a concurrent duplicate. */
  async insert(p: SlaPolicy, createdBy: string | null, at: Date): Promise<void> {
    const scopeId = p.scope.kind === 'COMPANY' ? Number(p.scope.companyId) : p.scope.kind === 'COMPLEX' ? Number(p.scope.complexId) : p.scope.kind === 'UNIT' ? Number(p.scope.unitId) : null;
    await this.ds.query(
      `INSERT INTO sla_policies (id, version, name, scope_kind, scope_id, category_code, priority, targets, effective_from, retired_at, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [p.id, p.version, p.name, p.scope.kind, scopeId, p.category, p.priority, JSON.stringify(p.targets), p.effectiveFrom, p.retiredAt ?? null, createdBy, at],
    );
    this.invalidate();
  }
}

function toPolicy(r: Record<string, any>): SlaPolicy {
  const scope: PolicyScope =
    r.scope_kind === 'COMPANY' ? { kind: 'COMPANY', companyId: String(r.scope_id) }
      : r.scope_kind === 'COMPLEX' ? { kind: 'COMPLEX', complexId: String(r.scope_id) }
        : r.scope_kind === 'UNIT' ? { kind: 'UNIT', unitId: String(r.scope_id) }
          : { kind: 'GLOBAL' };
  const targets = (typeof r.targets === 'string' ? JSON.parse(r.targets) : r.targets) as Partial<Record<SlaTarget, TargetTerms>>;
  return {
    id: r.id, version: Number(r.version), name: r.name, scope, category: r.category_code ?? null, priority: (r.priority ?? null) as Priority | null,
    targets, effectiveFrom: new Date(r.effective_from), retiredAt: r.retired_at ? new Date(r.retired_at) : null,
  };
}
