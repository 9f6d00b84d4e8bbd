import { Injectable } from '@nestjs/common';
import { AreaLevel, Role } from '@msb/shared-types';
import { notFound } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import { OrgAdminService, type PlaceKind } from '../org/org-admin.service';
import type { Viewer } from '../org/domain/viewer';
import { mayAdminArea, mayAdminComplex, mayAdminCompany, type AdminScope } from './domain/admin-scope';
import { AdminCore } from './admin-core.service';
import { AdminEventsRepository, type AdminEventFilter } from './admin-events.repository';
import type { AdminAccount, AdminPlace, AdminPlaces } from './models/admin.models';

type Row = Record<string, any>;

/** What an administrator reads: the places in scope, accounts with every role, the audit trail. */
@Injectable()
export class AdminDirectoryService {
  constructor(
    private readonly core: AdminCore,
    private readonly org: OrgService,
    private readonly orgAdmin: OrgAdminService,
    private readonly events: AdminEventsRepository,
  ) {}

  async places(v: Viewer): Promise<AdminPlaces> {
    const scope = await this.core.scope(v);
    return this.placesIn(scope);
  }

  async placesIn(scope: AdminScope): Promise<AdminPlaces> {
    const all = await this.orgAdmin.allPlaces();
    const complexes = all.COMPLEX.filter((c) => mayAdminComplex(scope, c as any));
    const cids = new Set(complexes.map((c) => c.id));
    // Areas: those administered plus their ancestors (so the tree has its path) and the communities of visible complexes.
    const byId = new Map(all.AREA.map((a) => [a.id, a]));
    const keep = new Set<number>();
    const up = (id: number | null) => { for (let a = id != null ? byId.get(id) : undefined; a && !keep.has(a.id); a = a.parentId != null ? byId.get(a.parentId) : undefined) keep.add(a.id); };
    all.AREA.filter((a) => mayAdminArea(scope, a.id)).forEach((a) => up(a.id));
    complexes.forEach((c) => up(c.communityId));
    const companies = all.COMPANY.filter((co) => scope.all || mayAdminCompany(scope, co.id) || complexes.some((c) => c.companyId === co.id));
    return {
      areas: all.AREA.filter((a) => keep.has(a.id)).map((a) => place('AREA', a)),
      companies: companies.map((co) => place('COMPANY', co)),
      complexes: complexes.map((c) => place('COMPLEX', c)),
      buildings: all.BUILDING.filter((b) => cids.has(b.complexId)).map((b) => place('BUILDING', b)),
      spots: all.SPOT.filter((s) => cids.has(s.complexId)).map((s) => place('SPOT', s)),
    };
  }

  async companyHistory(v: Viewer, complexId: number) {
    const scope = await this.core.scope(v);
    const c = await this.orgAdmin.place(null, 'COMPLEX', complexId);
    if (!c || !mayAdminComplex(scope, c as any)) throw notFound('小区');
    return this.orgAdmin.companyHistory(complexId);
  }

  /** Accounts (by name or phone fragment) holding a role in the caller's scope — the bureau sees every account. */
  async accounts(v: Viewer, text: string, first: number): Promise<AdminAccount[]> {
    const scope = await this.core.scope(v);
    let ids: string[] | null = null;
    if (!scope.all) {
      const { complexes } = await this.placesIn(scope);
      ids = await this.orgAdmin.userIdsInScope(complexes.map((c) => c.id), [...scope.companyIds], [...scope.areaIds]);
    }
    const users = await this.orgAdmin.searchUsers(text.trim().slice(0, 32), Math.min(Math.max(first, 1), 200), ids);
    return this.withRoles(users);
  }

  async account(v: Viewer, userId: string): Promise<AdminAccount> {
    const scope = await this.core.scope(v);
    const user = await this.orgAdmin.user(null, userId);
    if (!user) throw notFound('账号');
    if (!scope.all) {
      const { complexes } = await this.placesIn(scope);
      const ids = await this.orgAdmin.userIdsInScope(complexes.map((c) => c.id), [...scope.companyIds], [...scope.areaIds]);
      if (!ids.includes(userId)) throw notFound('账号');
    }
    return (await this.withRoles([user]))[0];
  }

  async auditTrail(v: Viewer, f: Omit<AdminEventFilter, 'scope' | 'first'>, first: number) {
    const scope = await this.core.scope(v);
    return this.events.list({
      ...f, first: Math.min(Math.max(first, 1), 200),
      scope: scope.all ? null : { companyIds: [...scope.companyIds], communityIds: [...scope.communityIds], areaIds: [...scope.areaIds] },
    });
  }

  private async withRoles(users: Row[]): Promise<AdminAccount[]> {
    const [assignments, all, units] = await Promise.all([this.orgAdmin.assignments(null, users.map((u) => u.id)), this.orgAdmin.allPlaces(), this.org.units()]);
    const nameOf = (rows: Row[], id: number | null) => (id == null ? null : rows.find((r) => r.id === id)?.name ?? `#${id}`);
    return users.map((u) => ({
      id: u.id, name: u.name, phone: u.phone, active: u.active, hasPassword: u.hasPassword,
      roles: assignments.filter((a) => a.userId === u.id).map((a) => ({
        id: a.id, role: a.role as Role, companyId: a.companyId, complexId: a.complexId, unitId: a.unitId, areaId: a.areaId,
        scopeName: [nameOf(all.COMPANY, a.role === Role.COMPANY_ADMIN ? a.companyId : null), nameOf(all.COMPLEX, a.complexId), nameOf(units, a.unitId), nameOf(all.AREA, a.areaId)]
          .filter(Boolean).join(' · ') || (a.role === Role.ADMIN ? '全部' : ''),
      })),
    }));
  }
}

function place(kind: PlaceKind, r: Row): AdminPlace {
  return {
    kind: kind as AdminPlace['kind'], id: r.id, name: r.name, active: !!r.active,
    parentId: kind === 'AREA' ? r.parentId : kind === 'COMPLEX' ? r.communityId : kind === 'COMPANY' ? null : r.complexId,
    level: kind === 'AREA' ? (r.level as AreaLevel) : null, address: r.address ?? null, companyId: kind === 'COMPLEX' ? r.companyId : null,
    buildingId: kind === 'SPOT' ? r.buildingId : null, spotKind: kind === 'SPOT' ? r.kind : null,
    servicePhone: r.servicePhone ?? null, emergencyPhone: r.emergencyPhone ?? null,
  };
}
