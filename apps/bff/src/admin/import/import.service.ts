import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AreaLevel } from '@msb/shared-types';
import { conflict, notFound } from '../../common/domain-error';
import { OrgAdminService } from '../../org/org-admin.service';
import type { Viewer } from '../../org/domain/viewer';
import { mayAdminArea, mayAdminComplex, type AdminScope } from '../domain/admin-scope';
import { planImport, type ImportSnapshot, type PlannedRow } from '../domain/import-plan';
import { AdminCore } from '../admin-core.service';
import { AdminPlacesService } from '../admin-places.service';
import { AdminPeopleService } from '../admin-people.service';
import { readRows, type RawRow } from './import-file';
import { ImportBatchesRepository, type ImportBatchRow } from './import-batches.repository';

export interface ImportInvitation { row: number; name: string; phone: string; oneTimeCode: string }

/**
 * Import in two phases: upload → preview (every row NEW / UNCHANGED / ERROR with its reasons by row number),
 * then commit: the valid NEW rows are created in one transaction, each with its audit event (import_id set).
 * Rows are re-checked at commit; re-importing the same file finds every row UNCHANGED and writes nothing.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly core: AdminCore,
    private readonly orgAdmin: OrgAdminService,
    private readonly places: AdminPlacesService,
    private readonly people: AdminPeopleService,
    private readonly batches: ImportBatchesRepository,
  ) {}

  async preview(v: Viewer, fileName: string, data: Buffer): Promise<ImportBatchRow> {
    const scope = await this.core.scope(v);
    const raw = await readRows(fileName, data);
    const plan = planImport(raw.map((r) => ({ row: r.row, cells: r.cells })), await this.snapshot(scope, raw));
    const id = await this.batches.insert({
      createdBy: v.userId, createdAt: this.core.now(), fileName, fileSha256: createHash('sha256').update(data).digest('hex'), rows: raw,
      totalRows: plan.length, validRows: plan.filter((p) => p.status !== 'ERROR').length, errorRows: plan.filter((p) => p.status === 'ERROR').length,
    });
    return { ...(await this.batches.get(id))!, rows: plan };
  }

  /** A batch with its rows planned against today's data. */
  async batch(v: Viewer, id: number): Promise<ImportBatchRow> {
    const scope = await this.core.scope(v);
    const b = await this.batches.get(id);
    if (!b || (!scope.all && b.createdBy !== v.userId)) throw notFound('导入批次');
    if (b.status === 'COMMITTED') return b;
    return { ...b, rows: planImport(b.rows as RawRow[], await this.snapshot(scope, b.rows as RawRow[])) };
  }

  async list(v: Viewer, first: number): Promise<ImportBatchRow[]> {
    const scope = await this.core.scope(v);
    return this.batches.list(scope.all ? null : v.userId, Math.min(Math.max(first, 1), 100));
  }

  async commit(v: Viewer, id: number): Promise<{ batch: ImportBatchRow; invitations: ImportInvitation[] }> {
    const scope = await this.core.scope(v);
    const invitations: ImportInvitation[] = [];
    await this.core.change(this.core.actor(v), async (em, record) => {
      const b = await this.batches.get(id, em);
      if (!b || (!scope.all && b.createdBy !== v.userId)) throw notFound('导入批次');
      if (b.status !== 'PREVIEW') throw conflict('该批次已经导入过了', { field: 'id' });
      const plan = planImport(b.rows as RawRow[], await this.snapshot(scope, b.rows as RawRow[]));
      const complexIds = new Map<string, number>();
      const buildingIds = new Map<string, number>();
      const all = await this.orgAdmin.allPlaces();
      const communityId = (name: string) => all.AREA.find((a) => a.level === AreaLevel.COMMUNITY && a.name === name)!.id as number;
      const complexOf = (p: PlannedRow) => {
        const cid = communityId(p.community);
        return complexIds.get(`${cid}/${p.complex}`) ?? (all.COMPLEX.find((c) => c.communityId === cid && c.name === p.complex)!.id as number);
      };
      for (const p of plan.filter((x) => x.status === 'NEW')) {
        if (p.kind === 'COMPLEX') {
          const companyId = p.company ? (all.COMPANY.find((c) => c.name === p.company)!.id as number) : null;
          const cid = communityId(p.community);
          complexIds.set(`${cid}/${p.complex}`, await this.places.createIn(em, record, scope, { kind: 'COMPLEX', parentId: cid, name: p.complex, companyId, address: p.address, servicePhone: p.servicePhone }));
        } else if (p.kind === 'BUILDING') {
          const complexId = complexOf(p);
          buildingIds.set(`${complexId}/${p.name}`, await this.places.createIn(em, record, scope, { kind: 'BUILDING', parentId: complexId, name: p.name }));
        } else if (p.kind === 'SPOT') {
          const complexId = complexOf(p);
          const building = p.building
            ? buildingIds.get(`${complexId}/${p.building}`) ?? (all.BUILDING.find((x) => x.complexId === complexId && x.name === p.building)?.id as number | undefined) ?? null
            : null;
          await this.places.createIn(em, record, scope, { kind: 'SPOT', parentId: complexId, name: p.name, buildingId: building, spotKind: building ? 'LOBBY' : 'GATE' });
        } else if (p.kind === 'STAFF') {
          const r = await this.people.inviteIn(em, record, scope, { phone: p.phone, name: p.name, role: p.role as any, complexId: complexOf(p) });
          if (r.oneTimeCode) invitations.push({ row: p.row, name: p.name, phone: p.phone, oneTimeCode: r.oneTimeCode });
        }
      }
      const count = (s: string) => plan.filter((p) => p.status === s).length;
      await this.batches.committed(em, id, b.rows, count('NEW'), count('UNCHANGED'), count('ERROR'), this.core.now());
      await record({
        action: 'IMPORT_COMMIT', objectType: 'IMPORT', objectId: id, objectName: b.fileName, before: null,
        after: { created: count('NEW'), unchanged: count('UNCHANGED'), errors: count('ERROR'), errorRows: plan.filter((p) => p.status === 'ERROR').map((p) => p.row) },
        importId: id, ...(scope.all ? {} : { companyId: [...scope.companyIds][0] ?? null, areaId: [...scope.areaIds][0] ?? null }),
      });
    }, id);
    return { batch: (await this.batches.get(id))!, invitations };
  }

  private async snapshot(scope: AdminScope, raw: readonly RawRow[]): Promise<ImportSnapshot> {
    const all = await this.orgAdmin.allPlaces();
    const complexes = all.COMPLEX.filter((c) => mayAdminComplex(scope, c as any));
    const staff = await this.orgAdmin.staffOfComplexes(complexes.map((c) => c.id));
    const phones = [...new Set(raw.map((r) => (r.cells['手机号'] ?? '').trim()).filter((p) => /^1\d{10}$/.test(p)))];
    return {
      communities: new Map(all.AREA.filter((a) => a.level === AreaLevel.COMMUNITY && a.active && (mayAdminArea(scope, a.id) || complexes.some((c) => c.communityId === a.id))).map((a) => [a.name, a.id])),
      creatable: new Set(all.AREA.filter((a) => a.level === AreaLevel.COMMUNITY && mayAdminArea(scope, a.id)).map((a) => a.id as number)),
      companies: new Map(all.COMPANY.filter((c) => c.active).map((c) => [c.name, c.id])),
      complexes: new Map(all.COMPLEX.map((c) => [`${c.communityId}/${c.name}`, { id: c.id, mayAdmin: mayAdminComplex(scope, c as any), hasCompany: c.companyId != null }])),
      buildings: new Set(all.BUILDING.map((b) => `${b.complexId}/${b.name}`)),
      spots: new Set(all.SPOT.map((s) => `${s.complexId}/${s.name}`)),
      staff: new Set(staff.map((s) => `${s.complexId}/${s.phone}/${s.role}`)),
      accounts: await this.orgAdmin.namesByPhones(phones),
    };
  }
}
