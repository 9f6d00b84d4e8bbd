import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AreaLevel } from '@msb/shared-types';
import { badInput, conflict, notFound } from '../common/domain-error';
import { OrgAdminService, type PlaceKind } from '../org/org-admin.service';
import { QrService } from '../qr/qr.service';
import type { Viewer } from '../org/domain/viewer';
import { mayAdminArea, mayAdminComplex, mayAdminCompany, type AdminScope } from './domain/admin-scope';
import { checkDate, checkName, checkServicePhone } from './domain/account-rules';
import { AdminCore, type AdminActor, type Record_ } from './admin-core.service';

export interface PlaceInput {
  kind: PlaceKind;
  /** AREA: parent area; COMPLEX: community; BUILDING/SPOT: complex. */
  parentId?: number | null;
  level?: AreaLevel | null;
  name: string;
  address?: string | null;
  companyId?: number | null;
  buildingId?: number | null;
  spotKind?: string | null;
  servicePhone?: string | null;
  emergencyPhone?: string | null;
}

export interface PlacePatch {
  name?: string | null;
  address?: string | null;
  servicePhone?: string | null;
  emergencyPhone?: string | null;
}

const CHILD_LEVEL: Partial<Record<AreaLevel, AreaLevel>> = { [AreaLevel.CITY]: AreaLevel.DISTRICT, [AreaLevel.DISTRICT]: AreaLevel.STREET, [AreaLevel.STREET]: AreaLevel.COMMUNITY };
export const SPOT_KINDS = ['GATE', 'LOBBY', 'LIFT', 'GARAGE', 'OTHER'];
const NAME_MAX: Record<PlaceKind, number> = { AREA: 64, COMPANY: 128, COMPLEX: 128, BUILDING: 64, SPOT: 64 };
const PARENT_COL: Record<PlaceKind, string | null> = { AREA: 'parent_id', COMPANY: null, COMPLEX: 'community_id', BUILDING: 'complex_id', SPOT: 'complex_id' };

/** What a place's audit event is filed under (so scoped admins find it). */
type Where = { companyId?: number | null; communityId?: number | null; areaId?: number | null };

/**
 * Places: district → street → community → complex → building → gate/spot. Created, renamed, moved and
 * deactivated, never deleted (tickets point at them). Each change is one transaction with its audit event.
 */
@Injectable()
export class AdminPlacesService {
  constructor(private readonly core: AdminCore, private readonly orgAdmin: OrgAdminService, private readonly qr: QrService) {}

  async create(v: Viewer, input: PlaceInput, actor: AdminActor = this.core.actor(v), importId: number | null = null): Promise<number> {
    const scope = await this.core.scope(v);
    return this.core.change(actor, (em, record) => this.createIn(em, record, scope, input), importId);
  }

  /** Creates a place inside a running change (the importer commits many rows this way). */
  async createIn(em: EntityManager, record: Record_, scope: AdminScope, input: PlaceInput): Promise<number> {
    const kind = input.kind;
    const name = checkName(input.name, 'name', NAME_MAX[kind]);
    const fields: Record<string, unknown> = { name };
    let where: Where = {};
    if (kind === 'AREA') {
      if (input.parentId == null) {
        // A top-level area (the city, or a district on its own): the bureau only.
        if (!scope.all) throw notFound('上级区域');
        if (input.level !== AreaLevel.CITY && input.level !== AreaLevel.DISTRICT) throw badInput('顶级区域只能是市或区', { field: 'level' });
        Object.assign(fields, { level: input.level, parentId: null });
      } else {
        const parent = await this.orgAdmin.place(em, 'AREA', input.parentId);
        if (!parent || !mayAdminArea(scope, parent.id)) throw notFound('上级区域');
        const level = CHILD_LEVEL[parent.level as AreaLevel];
        if (!level || (input.level && input.level !== level)) throw badInput(`该上级区域下只能建立${level ?? '（无）'}级区域`, { field: 'level' });
        Object.assign(fields, { level, parentId: parent.id });
        where = { areaId: parent.id };
      }
    } else if (kind === 'COMPANY') {
      if (!scope.all) throw notFound('上级区域');
      fields.servicePhone = checkServicePhone(input.servicePhone, 'servicePhone');
    } else if (kind === 'COMPLEX') {
      const community = input.parentId != null ? await this.orgAdmin.place(em, 'AREA', input.parentId) : null;
      if (!community || community.level !== AreaLevel.COMMUNITY || !mayAdminArea(scope, community.id)) throw notFound('社区');
      if (input.companyId != null && !(await this.orgAdmin.place(em, 'COMPANY', input.companyId))) throw badInput('物业公司不存在', { field: 'companyId' });
      Object.assign(fields, {
        communityId: community.id, companyId: input.companyId ?? null, address: (input.address ?? '').trim().slice(0, 255),
        servicePhone: checkServicePhone(input.servicePhone, 'servicePhone'), emergencyPhone: checkServicePhone(input.emergencyPhone, 'emergencyPhone'),
      });
      where = { communityId: community.id, companyId: input.companyId ?? null };
    } else {
      const c = input.parentId != null ? await this.orgAdmin.place(em, 'COMPLEX', input.parentId) : null;
      if (!c || !mayAdminComplex(scope, c as any)) throw notFound('小区');
      fields.complexId = c.id;
      where = { communityId: c.communityId, companyId: c.companyId };
      if (kind === 'SPOT') {
        const spotKind = input.spotKind ?? 'GATE';
        if (!SPOT_KINDS.includes(spotKind)) throw badInput('位置类型不正确', { field: 'spotKind' });
        fields.kind = spotKind;
        fields.buildingId = input.buildingId != null ? (await this.buildingOf(em, c.id, input.buildingId)).id : null;
      }
    }
    const parentCol = PARENT_COL[kind];
    const parentId = parentCol ? ((fields.parentId ?? fields.communityId ?? fields.complexId ?? null) as number | null) : null;
    if (await this.orgAdmin.siblingNamed(em, kind, parentCol ? { col: parentCol, id: parentId } : null, name)) throw conflict(`已存在同名的${LABEL[kind]}：${name}`, { field: 'name' });
    const id = await this.orgAdmin.insertPlace(em, kind, fields);
    if (kind === 'COMPLEX') await this.orgAdmin.recordCompanyChange(em, id, (fields.companyId as number | null) ?? null, today(this.core.now()), this.core.now(), null);
    if (kind === 'AREA' && fields.level === AreaLevel.COMMUNITY) where = { communityId: id, areaId: parentId };
    if (kind === 'COMPANY') where = { companyId: id };
    await record({ action: `${kind}_CREATE`, objectType: kind, objectId: id, objectName: name, ...where, before: null, after: fields });
    return id;
  }

  async update(v: Viewer, kind: PlaceKind, id: number, patch: PlacePatch): Promise<number> {
    const fields: Record<string, unknown> = {};
    if (patch.name != null) fields.name = checkName(patch.name, 'name', NAME_MAX[kind]);
    if (patch.address != null) {
      if (kind !== 'COMPLEX') throw badInput('只有小区有地址', { field: 'address' });
      fields.address = patch.address.trim().slice(0, 255);
    }
    for (const k of ['servicePhone', 'emergencyPhone'] as const) {
      if (patch[k] === undefined) continue;
      if (kind !== 'COMPLEX' && !(kind === 'COMPANY' && k === 'servicePhone')) throw badInput('该对象没有这个电话', { field: k });
      fields[k] = checkServicePhone(patch[k], k);
    }
    if (!Object.keys(fields).length) throw badInput('没有要修改的内容', { field: 'name' });
    return this.patch(v, kind, id, fields, 'UPDATE');
  }

  async setActive(v: Viewer, kind: PlaceKind, id: number, active: boolean): Promise<number> {
    return this.patch(v, kind, id, { active }, active ? 'ACTIVATE' : 'DEACTIVATE');
  }

  /** Moves an area under another parent of the level above, a complex to another community, a spot to another building of its complex. */
  async move(v: Viewer, kind: PlaceKind, id: number, parentId: number | null): Promise<number> {
    if (kind === 'COMPANY' || kind === 'BUILDING') throw badInput('楼栋和物业公司不能移动（工单记录着它们）', { field: 'kind' });
    return this.patch(v, kind, id, {}, 'MOVE', async (em, scope, before) => {
      if (kind === 'SPOT') return { buildingId: parentId == null ? null : (await this.buildingOf(em, before.complexId, parentId)).id };
      const target = parentId != null ? await this.orgAdmin.place(em, 'AREA', parentId) : null;
      if (!target || !mayAdminArea(scope, target.id)) throw notFound('目标区域');
      if (kind === 'COMPLEX') {
        if (target.level !== AreaLevel.COMMUNITY) throw badInput('小区只能移到社区下', { field: 'parentId' });
        return { communityId: target.id };
      }
      if (CHILD_LEVEL[target.level as AreaLevel] !== before.level) throw badInput('目标区域的级别不对', { field: 'parentId' });
      return { parentId: target.id };
    });
  }

  /** A change of property company from a date; the history keeps every earlier one (tickets keep the company they were filed under). */
  async setCompany(v: Viewer, complexId: number, companyId: number | null, effectiveFrom: string): Promise<number> {
    const date = checkDate(effectiveFrom, 'effectiveFrom');
    return this.patch(v, 'COMPLEX', complexId, {}, 'COMPANY_CHANGE', async (em, scope, before) => {
      if (!scope.all && !scope.communityIds.has(before.communityId)) throw notFound('小区');
      if (companyId != null && !(await this.orgAdmin.place(em, 'COMPANY', companyId))) throw badInput('物业公司不存在', { field: 'companyId' });
      if (companyId === before.companyId) throw badInput('该小区已由这家物业公司管理', { field: 'companyId' });
      // History is a sequence of periods: a change cannot start before the period it ends.
      const since = await this.orgAdmin.currentCompanyFrom(em, complexId);
      if (since && date < since) throw badInput(`生效日期不能早于现任物业公司的开始日期 ${since}`, { field: 'effectiveFrom' });
      await this.orgAdmin.recordCompanyChange(em, complexId, companyId, date, this.core.now(), v.userId);
      return { companyId };
    }, { effectiveFrom: date });
  }

  /** New code for a spot: every printed poster of it now shows 此二维码已更换; returns the new link. */
  async rotateQr(v: Viewer, spotId: number): Promise<string> {
    await this.patch(v, 'SPOT', spotId, {}, 'QR_ROTATE', async (em) => (await this.orgAdmin.bumpQrSerial(em, spotId), {}));
    return this.qr.currentLink((await this.orgAdmin.place(null, 'SPOT', spotId)) as any);
  }

  /** Read-only: the link a poster of this spot prints now (for admins of its complex). */
  async qrLink(v: Viewer, spotId: number): Promise<string> {
    const scope = await this.core.scope(v);
    const spot = await this.orgAdmin.place(null, 'SPOT', spotId);
    const c = spot ? await this.orgAdmin.place(null, 'COMPLEX', spot.complexId) : null;
    if (!spot || !c || !mayAdminComplex(scope, c as any)) throw notFound('位置');
    return this.qr.currentLink(spot as any);
  }

  // ---- one change, audited --------------------------------------------------------------------

  private async patch(
    v: Viewer, kind: PlaceKind, id: number, fields: Record<string, unknown>, verb: string,
    extra?: (em: EntityManager, scope: AdminScope, before: Record<string, any>) => Promise<Record<string, unknown>>, note: Record<string, unknown> = {},
  ): Promise<number> {
    const scope = await this.core.scope(v);
    return this.core.change(this.core.actor(v), async (em, record) => {
      const before = await this.orgAdmin.place(em, kind, id, true);
      if (!before) throw notFound(LABEL[kind]);
      const where = await this.whereOf(em, kind, before);
      if (!this.mayAdmin(scope, kind, before, where)) throw notFound(LABEL[kind]);
      const all = { ...fields, ...(extra ? await extra(em, scope, before) : {}) };
      const parentCol = PARENT_COL[kind];
      if (all.name && parentCol) {
        const parentId = before[parentCol.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] as number | null;
        if (await this.orgAdmin.siblingNamed(em, kind, { col: parentCol, id: parentId }, all.name as string, id)) throw conflict(`已存在同名的${LABEL[kind]}：${all.name}`, { field: 'name' });
      }
      await this.orgAdmin.patchPlace(em, kind, id, Object.fromEntries(Object.entries(all).filter(([k]) => k !== 'qrSerial')));
      const after = await this.orgAdmin.place(em, kind, id);
      const changed = (o: Record<string, any>) => Object.fromEntries(Object.keys({ ...all, ...(verb === 'QR_ROTATE' ? { qrSerial: 0 } : {}) }).map((k) => [k, o[k]]));
      await record({ action: `${kind}_${verb}`, objectType: kind, objectId: id, objectName: String(after!.name), ...where, before: changed(before), after: { ...changed(after!), ...note } });
      return id;
    });
  }

  private mayAdmin(scope: AdminScope, kind: PlaceKind, p: Record<string, any>, where: Where): boolean {
    if (kind === 'AREA') return mayAdminArea(scope, p.id);
    if (kind === 'COMPANY') return mayAdminCompany(scope, p.id);
    return mayAdminComplex(scope, { communityId: where.communityId!, companyId: where.companyId ?? null });
  }

  private async whereOf(em: EntityManager, kind: PlaceKind, p: Record<string, any>): Promise<Where> {
    if (kind === 'AREA') return p.level === AreaLevel.COMMUNITY ? { communityId: p.id, areaId: p.parentId } : { areaId: p.id };
    if (kind === 'COMPANY') return { companyId: p.id };
    const c = kind === 'COMPLEX' ? p : await this.orgAdmin.place(em, 'COMPLEX', p.complexId);
    return { communityId: c!.communityId, companyId: c!.companyId };
  }

  private async buildingOf(em: EntityManager, complexId: number, buildingId: number) {
    const b = await this.orgAdmin.place(em, 'BUILDING', buildingId);
    if (!b || b.complexId !== complexId) throw badInput('楼栋不属于该小区', { field: 'buildingId' });
    return b;
  }
}

const LABEL: Record<PlaceKind, string> = { AREA: '区域', COMPANY: '物业公司', COMPLEX: '小区', BUILDING: '楼栋', SPOT: '位置' };
const today = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
