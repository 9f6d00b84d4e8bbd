import { Injectable } from '@nestjs/common';
import { Role } from '@msb/shared-types';
import { badInput, conflict, forbidden, notFound } from '../../common/domain-error';
import { OrgService } from '../../org/org.service';
import type { Viewer } from '../../org/domain/viewer';
import { mayAdminCompany } from '../domain/admin-scope';
import { checkName } from '../domain/account-rules';
import { AdminCore } from '../admin-core.service';
import { ReplyTemplatesRepository, type ReplyTemplateRow } from './reply-templates.repository';

const HANDLERS = [Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER, Role.MEDIATOR];

function body(v: string | null | undefined): string {
  const b = (v ?? '').trim();
  if (!b) throw badInput('请填写回复内容', { field: 'body' });
  if (b.length > 500) throw badInput('回复内容不超过 500 字', { field: 'body' });
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(b)) throw badInput('回复内容含有不可见字符', { field: 'body' });
  return b;
}

/** Reply templates: the bureau writes everyone's, a company admin its company's; staff pick the active ones where they work. */
@Injectable()
export class ReplyTemplatesService {
  constructor(private readonly core: AdminCore, private readonly repo: ReplyTemplatesRepository, private readonly org: OrgService) {}

  /** What a handler may pick on a ticket of `complexId`: everyone's, and its company's when the caller serves that complex. */
  async forHandler(v: Viewer, complexId: number | null): Promise<ReplyTemplateRow[]> {
    if (!HANDLERS.some((r) => v.roles.has(r))) throw forbidden('仅办理人员可使用回复模板');
    const serves = complexId != null && (v.staffComplexIds.has(complexId) || v.managerComplexIds.has(complexId));
    const companyId = serves ? (await this.org.complex(complexId!))?.companyId ?? null : null;
    return this.repo.list(companyId != null ? [companyId] : [], true);
  }

  /** Every template the caller administers (the bureau: all; a company admin: everyone's to read and its own), retired ones too. */
  async forAdmin(v: Viewer): Promise<ReplyTemplateRow[]> {
    const scope = await this.core.scope(v);
    return this.repo.list(scope.all ? null : [...scope.companyIds], false);
  }

  async create(v: Viewer, input: { companyId?: number | null; title: string; body: string }): Promise<number> {
    const scope = await this.core.scope(v);
    const companyId = input.companyId ?? null;
    if (companyId == null && !scope.all) throw badInput('只有住建局管理员可以添加通用模板', { field: 'companyId' });
    if (companyId != null && (!mayAdminCompany(scope, companyId) || !(await this.org.company(companyId)))) throw notFound('物业公司');
    const t = { companyId, title: checkName(input.title, 'title', 32), body: body(input.body) };
    return this.core.change(this.core.actor(v), async (em, record) => {
      if (await this.repo.titled(em, companyId, t.title)) throw conflict(`已存在同名的模板：${t.title}`, { field: 'title' });
      const id = await this.repo.insert(em, { ...t, sort: await this.repo.nextSort(em, companyId) }, this.core.now());
      await record({ action: 'TEMPLATE_CREATE', objectType: 'TEMPLATE', objectId: id, objectName: t.title, companyId, before: null, after: t });
      return id;
    });
  }

  async update(v: Viewer, id: number, patch: { title?: string | null; body?: string | null; active?: boolean | null }): Promise<number> {
    const scope = await this.core.scope(v);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound('模板');
    const f: { title?: string; body?: string; active?: boolean } = {};
    if (patch.title != null) f.title = checkName(patch.title, 'title', 32);
    if (patch.body != null) f.body = body(patch.body);
    if (patch.active != null) f.active = patch.active;
    if (!Object.keys(f).length) throw badInput('没有要修改的内容', { field: 'title' });
    return this.core.change(this.core.actor(v), async (em, record) => {
      const before = await this.repo.one(em, id, true);
      if (!before || !(before.companyId == null ? scope.all : mayAdminCompany(scope, before.companyId))) throw notFound('模板');
      if (f.title && (await this.repo.titled(em, before.companyId, f.title, id))) throw conflict(`已存在同名的模板：${f.title}`, { field: 'title' });
      await this.repo.patch(em, id, f, this.core.now());
      const verb = Object.keys(f).length === 1 && f.active !== undefined ? (f.active ? 'ACTIVATE' : 'RETIRE') : 'UPDATE';
      const pick = Object.fromEntries(Object.keys(f).map((k) => [k, before[k as keyof ReplyTemplateRow]]));
      await record({ action: `TEMPLATE_${verb}`, objectType: 'TEMPLATE', objectId: id, objectName: f.title ?? before.title, companyId: before.companyId, before: pick, after: f });
      return id;
    });
  }

  one(id: number) {
    return this.repo.one(null, id);
  }
}
