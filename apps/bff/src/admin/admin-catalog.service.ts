import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AreaLevel, Priority, UnitKind } from '@msb/shared-types';
import { badInput, conflict, notFound } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import { OrgCatalogService, type CategoryRow, type UnitRow } from '../org/org-catalog.service';
import type { Viewer } from '../org/domain/viewer';
import { mayAdminArea, mayAdminCompany, type AdminScope } from './domain/admin-scope';
import { checkName } from './domain/account-rules';
import { AdminCore } from './admin-core.service';

export interface UnitInput {
  kind: UnitKind;
  name: string;
  /** DEPARTMENT: the district, street or city it serves. */
  areaId?: number | null;
  /** PROPERTY_TEAM: its company. */
  companyId?: number | null;
}

export interface CategoryInput {
  name: string;
  defaultPriority?: Priority | null;
  emergency?: boolean | null;
  advice?: string | null;
  icon?: string | null;
  /** One company's own category, or one area's (none: everyone's — the bureau only). */
  companyId?: number | null;
  areaId?: number | null;
}

export type CategoryPatch = Partial<Omit<CategoryInput, 'companyId' | 'areaId' | 'name'>> & { name?: string | null };

const ICON = /^[a-z0-9-]{1,32}$/;

/** Outside departments and property teams (retired, never deleted) and categories (added per company or area, renamed, retired), each change audited. */
@Injectable()
export class AdminCatalogService {
  constructor(private readonly core: AdminCore, private readonly org: OrgService, private readonly catalog: OrgCatalogService) {}

  // ---- units ------------------------------------------------------------------------------------

  /** Units in scope with their members (department handlers, team staff). */
  async units(v: Viewer): Promise<(UnitRow & { members: Awaited<ReturnType<OrgCatalogService['membersOf']>> })[]> {
    const scope = await this.core.scope(v);
    const units = (await this.catalog.allUnits()).filter((u) => this.mayAdminUnit(scope, u));
    const members = await this.catalog.membersOf(units.map((u) => u.id));
    return units.map((u) => ({ ...u, members: members.filter((m) => m.unitId === u.id) }));
  }

  async createUnit(v: Viewer, input: UnitInput): Promise<number> {
    const scope = await this.core.scope(v);
    const name = checkName(input.name, 'name', 128);
    let owner: { companyId: number | null; areaId: number | null };
    if (input.kind === UnitKind.DEPARTMENT) {
      const area = input.areaId != null ? await this.org.area(input.areaId) : undefined;
      if (!area || !mayAdminArea(scope, area.id)) throw notFound('区域');
      if (area.level === AreaLevel.COMMUNITY) throw badInput('职能部门设在市、区或街道一级', { field: 'areaId' });
      owner = { companyId: null, areaId: area.id };
    } else if (input.kind === UnitKind.PROPERTY_TEAM) {
      if (input.companyId == null || !mayAdminCompany(scope, input.companyId) || !(await this.org.company(input.companyId))) throw notFound('物业公司');
      owner = { companyId: input.companyId, areaId: null };
    } else throw badInput('单位类型不正确', { field: 'kind' });
    return this.core.change(this.core.actor(v), async (em, record) => {
      if (await this.catalog.unitNamed(em, { kind: input.kind, ...owner }, name)) throw conflict(`已存在同名的单位：${name}`, { field: 'name' });
      const id = await this.catalog.insertUnit(em, { kind: input.kind, name, ...owner });
      await record({ action: 'UNIT_CREATE', objectType: 'UNIT', objectId: id, objectName: name, ...owner, before: null, after: { kind: input.kind, name, ...owner } });
      return id;
    });
  }

  async updateUnit(v: Viewer, id: number, patch: { name?: string | null; active?: boolean | null }): Promise<number> {
    const scope = await this.core.scope(v);
    const fields: { name?: string; active?: boolean } = {};
    if (patch.name != null) fields.name = checkName(patch.name, 'name', 128);
    if (patch.active != null) fields.active = patch.active;
    if (!Object.keys(fields).length) throw badInput('没有要修改的内容', { field: 'name' });
    return this.core.change(this.core.actor(v), async (em, record) => {
      const before = await this.catalog.unit(em, id, true);
      if (!before || !this.mayAdminUnit(scope, before)) throw notFound('单位');
      if (fields.name && (await this.catalog.unitNamed(em, before, fields.name, id))) throw conflict(`已存在同名的单位：${fields.name}`, { field: 'name' });
      await this.catalog.patchUnit(em, id, fields);
      const verb = fields.active === undefined ? 'UPDATE' : fields.active ? 'ACTIVATE' : 'RETIRE';
      const pick = (u: UnitRow) => Object.fromEntries(Object.keys(fields).map((k) => [k, u[k as keyof UnitRow]]));
      await record({ action: `UNIT_${verb}`, objectType: 'UNIT', objectId: id, objectName: fields.name ?? before.name, companyId: before.companyId, areaId: before.areaId, before: pick(before), after: fields });
      return id;
    });
  }

  unit(id: number) {
    return this.catalog.unit(null, id);
  }

  private mayAdminUnit(scope: AdminScope, u: { companyId: number | null; areaId: number | null }): boolean {
    return scope.all || (u.areaId != null && mayAdminArea(scope, u.areaId)) || (u.companyId != null && mayAdminCompany(scope, u.companyId));
  }

  // ---- categories -------------------------------------------------------------------------------

  /** Categories the caller administers or files under: everyone's and those of their companies and areas (retired ones too). */
  async categories(v: Viewer): Promise<CategoryRow[]> {
    const scope = await this.core.scope(v);
    return (await this.catalog.allCategories()).filter((c) => (c.companyId == null && c.areaId == null) || this.mayAdminCategory(scope, c));
  }

  async createCategory(v: Viewer, input: CategoryInput): Promise<string> {
    const scope = await this.core.scope(v);
    const owner = { companyId: input.companyId ?? null, areaId: input.areaId ?? null };
    if (owner.companyId != null && owner.areaId != null) throw badInput('类别属于一家物业公司或一个区域，不能同时', { field: 'areaId' });
    if (owner.companyId != null && !(await this.org.company(owner.companyId))) throw notFound('物业公司');
    if (owner.areaId != null && !(await this.org.area(owner.areaId))) throw notFound('区域');
    if (!this.mayAdminCategory(scope, owner)) throw owner.companyId == null && owner.areaId == null ? badInput('只有住建局管理员可以添加全市通用的类别', { field: 'companyId' }) : notFound(owner.companyId != null ? '物业公司' : '区域');
    const fields = this.categoryFields({ defaultPriority: Priority.NORMAL, emergency: false, ...input });
    return this.core.change(this.core.actor(v), async (em, record) => {
      if (await this.catalog.categoryNamed(em, owner, fields.name!)) throw conflict(`已存在同名的类别：${fields.name}`, { field: 'name' });
      const code = `C${randomBytes(5).toString('hex').toUpperCase()}`;
      const all = { code, ...fields, ...owner, active: true, sort: await this.catalog.nextSort(em) };
      await this.catalog.insertCategory(em, all);
      await record({ action: 'CATEGORY_CREATE', objectType: 'CATEGORY', objectId: code, objectName: fields.name!, ...owner, before: null, after: all });
      return code;
    });
  }

  /** Renames or edits a category (its code, and so every ticket filed under it, stays), or retires / reopens it. */
  async updateCategory(v: Viewer, code: string, patch: CategoryPatch & { active?: boolean | null }): Promise<string> {
    const scope = await this.core.scope(v);
    const { active, ...rest } = patch;
    const fields = { ...this.categoryFields(rest, true), ...(active != null ? { active } : {}) };
    if (!Object.keys(fields).length) throw badInput('没有要修改的内容', { field: 'name' });
    return this.core.change(this.core.actor(v), async (em, record) => {
      const before = await this.catalog.category(em, code, true);
      if (!before || !this.mayAdminCategory(scope, before)) throw notFound('类别');
      if (fields.name && !before.parentCode && (await this.catalog.categoryNamed(em, before, fields.name, code))) throw conflict(`已存在同名的类别：${fields.name}`, { field: 'name' });
      await this.catalog.patchCategory(em, code, fields);
      const verb = Object.keys(fields).length === 1 && active != null ? (active ? 'ACTIVATE' : 'RETIRE') : 'UPDATE';
      const pick = (c: CategoryRow) => Object.fromEntries(Object.keys(fields).map((k) => [k, c[k as keyof CategoryRow]]));
      await record({ action: `CATEGORY_${verb}`, objectType: 'CATEGORY', objectId: code, objectName: fields.name ?? before.name, companyId: before.companyId, areaId: before.areaId, before: pick(before), after: fields });
      return code;
    });
  }

  category(code: string) {
    return this.catalog.category(null, code);
  }

  /** Everyone's categories: the bureau; a company's: its admins; an area's: the admins of it or above. */
  private mayAdminCategory(scope: AdminScope, c: { companyId: number | null; areaId: number | null }): boolean {
    if (scope.all) return true;
    if (c.companyId != null) return mayAdminCompany(scope, c.companyId);
    if (c.areaId != null) return mayAdminArea(scope, c.areaId);
    return false;
  }

  private categoryFields(input: CategoryPatch, partial = false) {
    const out: { name?: string; defaultPriority?: string; emergency?: boolean; advice?: string | null; icon?: string | null } = {};
    if (input.name != null || !partial) out.name = checkName(input.name, 'name', 64);
    if (input.defaultPriority != null) {
      if (!Object.values(Priority).includes(input.defaultPriority)) throw badInput('默认优先级不正确', { field: 'defaultPriority' });
      out.defaultPriority = input.defaultPriority;
    }
    if (input.emergency != null) out.emergency = input.emergency;
    if (input.advice !== undefined) {
      const a = (input.advice ?? '').trim();
      if (a.length > 255 || /[\u0000-\u001f\u007f]/.test(a)) throw badInput('应急提示不超过 255 字', { field: 'advice' });
      out.advice = a || null;
    }
    if (input.icon !== undefined) {
      if (input.icon && !ICON.test(input.icon)) throw badInput('图标名只能包含小写字母、数字和 -', { field: 'icon' });
      out.icon = input.icon || null;
    }
    return out;
  }
}
