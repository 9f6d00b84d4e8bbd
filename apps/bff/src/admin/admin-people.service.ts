import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AreaLevel, Role, UnitKind } from '@msb/shared-types';
import { badInput, forbidden, notFound } from '../common/domain-error';
import { phone as checkPhone } from '../common/phone';
import { hashPassword } from '../auth/domain/password';
import { OrgService } from '../org/org.service';
import { OrgAdminService, type AssignmentInput } from '../org/org-admin.service';
import type { Viewer } from '../org/domain/viewer';
import { mayAdminArea, mayAdminComplex, mayAdminCompany, mayGrant, type AdminScope } from './domain/admin-scope';
import { checkName, checkPassword, CODE_MAX_ATTEMPTS, CODE_TTL_MS, hashCode, newOneTimeCode } from './domain/account-rules';
import { AdminCore, type AdminActor, type Record_ } from './admin-core.service';
import { AccountCodesRepository } from './account-codes.repository';
import { AuthService } from '../auth/auth.service';

export interface GrantInput {
  role: Role;
  companyId?: number | null;
  complexId?: number | null;
  unitId?: number | null;
  areaId?: number | null;
}

const AREA_ROLES: Partial<Record<Role, AreaLevel[]>> = {
  [Role.MEDIATOR]: [AreaLevel.COMMUNITY],
  [Role.AREA_ADMIN]: [AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.COMMUNITY],
  [Role.OVERSIGHT]: [AreaLevel.CITY, AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.COMMUNITY],
};

/** People: invite by phone with scoped roles, grant and revoke, deactivate, one-time codes for a first or reset password. */
@Injectable()
export class AdminPeopleService {
  constructor(
    private readonly core: AdminCore,
    private readonly org: OrgService,
    private readonly orgAdmin: OrgAdminService,
    private readonly codes: AccountCodesRepository,
    private readonly auth: AuthService,
  ) {}

  /** The first (or another) city/bureau admin, from the command line: no signed-in actor, the audit says so. */
  async createBureauAdmin(phoneRaw: string, nameRaw: string, password: string): Promise<{ userId: string; created: boolean }> {
    const phone = checkPhone(phoneRaw, 'phone');
    if (!phone) throw badInput('请填写手机号', { field: 'phone' });
    const name = checkName(nameRaw, 'name');
    const hash = await hashPassword(checkPassword(password));
    return this.core.change({ id: null, name: '命令行 admin:create' }, async (em, record) => {
      let userId = await this.orgAdmin.userIdByPhone(em, phone);
      const created = !userId;
      if (!userId) {
        userId = await this.orgAdmin.insertUser(em, name, phone, hash);
        await record({ action: 'ACCOUNT_CREATE', objectType: 'USER', objectId: userId, objectName: name, before: null, after: { name, phone } });
      } else {
        await this.orgAdmin.patchUser(em, userId, { passwordHash: hash, active: true });
        await record({ action: 'PASSWORD_SET', objectType: 'USER', objectId: userId, objectName: name, before: null, after: { by: 'admin:create' } });
      }
      await this.grantIn(em, record, userId, name, { role: Role.ADMIN });
      return { userId, created };
    });
  }

  /** Invites a person by phone with one role: the account is created if new; a one-time code is returned when it has no password yet. */
  async invite(v: Viewer, input: GrantInput & { phone: string; name: string }): Promise<{ userId: string; oneTimeCode: string | null }> {
    const scope = await this.core.scope(v);
    checkPhone(input.phone, 'phone');
    checkName(input.name, 'name');
    await this.checkGrant(scope, input);
    return this.core.change(this.core.actor(v), (em, record) => this.inviteIn(em, record, scope, input));
  }

  /** The invitation inside a running change (the importer commits many this way). */
  async inviteIn(em: EntityManager, record: Record_, scope: AdminScope, input: GrantInput & { phone: string; name: string }): Promise<{ userId: string; oneTimeCode: string | null }> {
    const phone = checkPhone(input.phone, 'phone');
    if (!phone) throw badInput('请填写手机号', { field: 'phone' });
    const name = checkName(input.name, 'name');
    const grant = await this.checkGrant(scope, input, em);
    let userId = await this.orgAdmin.userIdByPhone(em, phone);
    if (!userId) {
      userId = await this.orgAdmin.insertUser(em, name, phone);
      await record({ action: 'ACCOUNT_CREATE', objectType: 'USER', objectId: userId, objectName: name, ...grant.where, before: null, after: { name, phone } });
    }
    const user = (await this.orgAdmin.user(em, userId, true))!;
    await this.grantIn(em, record, userId, user.name, grant.assignment, grant.where);
    const oneTimeCode = user.hasPassword ? null : await this.issueCode(em, userId, 'INVITE');
    return { userId, oneTimeCode };
  }

  async grant(v: Viewer, userId: string, input: GrantInput): Promise<number> {
    const scope = await this.core.scope(v);
    const grant = await this.checkGrant(scope, input);
    return this.core.change(this.core.actor(v), async (em, record) => {
      const user = await this.orgAdmin.user(em, userId, true);
      if (!user) throw notFound('账号');
      return this.grantIn(em, record, userId, user.name, grant.assignment, grant.where);
    });
  }

  async revoke(v: Viewer, assignmentId: number): Promise<boolean> {
    const scope = await this.core.scope(v);
    return this.core.change(this.core.actor(v), async (em, record) => {
      const a = await this.orgAdmin.assignment(em, assignmentId);
      if (!a) throw notFound('角色');
      const grant = await this.checkGrant(scope, a as GrantInput, em);
      if (a.role === Role.ADMIN && a.userId === v.userId) throw badInput('不能撤销自己的管理员角色', { field: 'assignmentId' });
      const user = (await this.orgAdmin.user(em, a.userId, true))!;
      await this.orgAdmin.removeAssignment(em, assignmentId);
      await record({ action: 'ROLE_REVOKE', objectType: 'USER', objectId: a.userId, objectName: user.name, ...grant.where, before: a, after: null });
      return true;
    });
  }

  async setActive(v: Viewer, userId: string, active: boolean): Promise<boolean> {
    const scope = await this.core.scope(v);
    if (userId === v.userId && !active) throw badInput('不能停用自己的账号', { field: 'userId' });
    return this.core.change(this.core.actor(v), async (em, record) => {
      const { user, where } = await this.manageable(em, scope, userId);
      if (user.active === active) return true;
      await this.orgAdmin.patchUser(em, userId, { active });
      await record({ action: active ? 'ACCOUNT_ACTIVATE' : 'ACCOUNT_DEACTIVATE', objectType: 'USER', objectId: userId, objectName: user.name, ...where, before: { active: user.active }, after: { active } });
      return true;
    });
  }

  /** The old password stops working at once; the person sets a new one with the returned one-time code. */
  async resetPassword(v: Viewer, userId: string): Promise<string> {
    const scope = await this.core.scope(v);
    return this.core.change(this.core.actor(v), async (em, record) => {
      const { user, where } = await this.manageable(em, scope, userId);
      await this.orgAdmin.patchUser(em, userId, { passwordHash: null });
      await record({ action: 'PASSWORD_RESET', objectType: 'USER', objectId: userId, objectName: user.name, ...where, before: { hasPassword: user.hasPassword }, after: { hasPassword: false } });
      return this.issueCode(em, userId, 'RESET');
    });
  }

  /** Public: the invited or reset person sets their password with the one-time code (5 wrong tries burn it; capped per address). */
  async setPasswordWithCode(phoneRaw: string, code: string, password: string, from = 'unknown'): Promise<boolean> {
    const phone = checkPhone(phoneRaw, 'phone');
    checkPassword(password);
    await this.auth.countAccountCodeTry(from);
    const hash = await hashPassword(password);
    const wrong = () => badInput('验证码无效或已过期，请联系管理员重新获取', { field: 'code' });
    const userId = phone ? await this.orgAdmin.userIdByPhone(null, phone) : null;
    if (!userId) throw wrong();
    let failed = false;
    await this.core.change({ id: userId, name: '本人' }, async (em, record) => {
      const row = await this.codes.lock(em, userId);
      if (!row || row.expiresAt <= this.core.now() || row.attempts >= CODE_MAX_ATTEMPTS) throw wrong();
      if (row.codeHash !== hashCode(code)) {
        await this.codes.countAttempt(em, userId);
        failed = true;
        return;
      }
      const user = (await this.orgAdmin.user(em, userId, true))!;
      await this.orgAdmin.patchUser(em, userId, { passwordHash: hash });
      await this.codes.remove(em, userId);
      await record({ action: 'PASSWORD_SET', objectType: 'USER', objectId: userId, objectName: user.name, before: null, after: { by: row.purpose } });
    });
    if (failed) throw wrong();
    return true;
  }

  // ---- rules ----------------------------------------------------------------------------------

  private async issueCode(em: EntityManager, userId: string, purpose: string): Promise<string> {
    const code = newOneTimeCode();
    await this.codes.put(em, userId, hashCode(code), purpose, new Date(this.core.now().getTime() + CODE_TTL_MS));
    return code;
  }

  private async grantIn(em: EntityManager, record: Record_, userId: string, name: string, a: AssignmentInput, where: Where = {}): Promise<number> {
    const r = await this.orgAdmin.grant(em, userId, a);
    if (r.created) await record({ action: 'ROLE_GRANT', objectType: 'USER', objectId: userId, objectName: name, ...where, before: null, after: { id: r.id, ...a } });
    return r.id;
  }

  /** Checks a role and its scope exist and are the caller's to hand out; returns the assignment and where the audit files it. */
  async checkGrant(scope: AdminScope, input: GrantInput, em: EntityManager | null = null): Promise<{ assignment: AssignmentInput; where: Where }> {
    const role = input.role;
    const out = (a: Omit<AssignmentInput, 'role'>, where: Where) => ({ assignment: { role, ...a }, where });
    switch (role) {
      case Role.STAFF:
      case Role.PROJECT_MANAGER: {
        const c = input.complexId != null ? await this.orgAdmin.place(em, 'COMPLEX', input.complexId) : null;
        if (!c || !mayAdminComplex(scope, c as any)) throw notFound('小区');
        if (c.companyId == null) throw badInput('该小区尚未指定物业公司', { field: 'complexId' });
        let unitId: number | null = null;
        if (input.unitId != null) {
          const u = await this.org.unit(input.unitId);
          if (!u || u.kind !== UnitKind.PROPERTY_TEAM || u.companyId !== c.companyId) throw badInput('班组不属于该小区的物业公司', { field: 'unitId' });
          unitId = u.id;
        }
        if (!mayGrant(scope, role, { complex: c as any })) throw forbidden('只有物业公司管理员或住建局管理员可以设置物业人员');
        return out({ companyId: c.companyId, complexId: c.id, unitId }, { companyId: c.companyId, communityId: c.communityId });
      }
      case Role.COMPANY_ADMIN: {
        const co = input.companyId != null ? await this.orgAdmin.place(em, 'COMPANY', input.companyId) : null;
        if (!co || !mayAdminCompany(scope, co.id)) throw notFound('物业公司');
        return out({ companyId: co.id }, { companyId: co.id });
      }
      case Role.DEPT_HANDLER: {
        const u = input.unitId != null ? await this.org.unit(input.unitId) : null;
        if (!u || u.kind !== UnitKind.DEPARTMENT) throw badInput('请选择职能部门', { field: 'unitId' });
        if (!scope.all && !(u.areaId != null && mayAdminArea(scope, u.areaId))) throw forbidden('只有住建局或该部门所在区域的管理员可以设置部门办理人');
        return out({ unitId: u.id }, { areaId: u.areaId });
      }
      case Role.MEDIATOR:
      case Role.AREA_ADMIN:
      case Role.OVERSIGHT: {
        const area = input.areaId != null ? await this.org.area(input.areaId) : undefined;
        if (!area || !mayAdminArea(scope, area.id)) throw notFound('区域');
        if (!AREA_ROLES[role]!.includes(area.level)) throw badInput('该角色不能设在这一级区域', { field: 'areaId' });
        if (!mayGrant(scope, role, { areaId: area.id })) throw forbidden('只有住建局管理员可以设置监督账号');
        return out({ areaId: area.id }, area.level === AreaLevel.COMMUNITY ? { communityId: area.id } : { areaId: area.id });
      }
      case Role.ADMIN:
        if (!scope.all) throw forbidden('只有住建局管理员可以设置管理员');
        return out({}, {});
      default:
        throw badInput('业主账号由业主本人注册', { field: 'role' });
    }
  }

  /** An account the caller may manage: every role it holds is within the caller's scope (the bureau: any account). */
  private async manageable(em: EntityManager, scope: AdminScope, userId: string): Promise<{ user: Record<string, any>; where: Where }> {
    const user = await this.orgAdmin.user(em, userId, true);
    if (!user) throw notFound('账号');
    const roles = (await this.orgAdmin.assignments(em, [userId])).filter((a) => a.role !== Role.OWNER);
    let where: Where = {};
    if (!scope.all) {
      if (!roles.length) throw notFound('账号');
      for (const a of roles) where = (await this.checkGrant(scope, a as GrantInput, em).catch(() => { throw notFound('账号'); })).where;
    }
    return { user, where };
  }
}

type Where = { companyId?: number | null; communityId?: number | null; areaId?: number | null };
