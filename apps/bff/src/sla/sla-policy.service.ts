import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Role } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { badInput, conflict, forbidden } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import {
  CALENDAR_WORKING_HOURS, DEFAULT_SLA_POLICIES, defaultCalendars, findPolicyConflicts, policiesInForce, validatePolicy,
  type PolicyScope, type SlaPolicy, type SlaTarget, type TargetTerms,
} from './domain';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaScopeKind, type SlaPolicyInput } from './models/sla.models';

/** Admins read and version SLA policies. Versions are immutable; a running clock keeps its version. */
@Injectable()
export class SlaPolicyService {
  constructor(private readonly repo: SlaPolicyRepository, private readonly org: OrgService, private readonly clock: Clock) {}

  private requireAdmin(viewer: Viewer): void {
    if (!viewer.roles.has(Role.ADMIN)) throw forbidden('仅管理员可管理时限策略');
  }

  /** Policies, the version in force of each (or every version with `history`), most general first. */
  async list(viewer: Viewer, history: boolean): Promise<{ policy: SlaPolicy; inForce: boolean; builtIn: boolean }[]> {
    this.requireAdmin(viewer);
    const all = await this.repo.all();
    const live = new Set(policiesInForce(all, this.clock.now()));
    const builtIn = new Set<SlaPolicy>(DEFAULT_SLA_POLICIES);
    const latest = new Map<string, SlaPolicy>();
    for (const p of all) if (!latest.has(p.id) || latest.get(p.id)!.version < p.version) latest.set(p.id, p);
    // Without history: the version in force of each policy, and its latest when that one is still to come.
    const shown = history ? all : [...new Set([...live, ...latest.values()])];
    return shown
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : b.version - a.version))
      .map((policy) => ({ policy, inForce: live.has(policy), builtIn: builtIn.has(policy) }));
  }

  /** The new version, and whether it is in force now (by the Clock: effective already and not a retirement). */
  async createVersion(viewer: Viewer, input: SlaPolicyInput): Promise<{ policy: SlaPolicy; inForce: boolean; builtIn: false }> {
    this.requireAdmin(viewer);
    const now = this.clock.now();
    const id = input.id?.trim() || `p-${randomUUID().slice(0, 8)}`;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw badInput('策略编号只能包含字母、数字、- 和 _', { field: 'id' });
    const name = input.name?.trim();
    if (!name || name.length > 128) throw badInput('请填写策略名称（不超过 128 字）', { field: 'name' });
    const scope = await this.scopeOf(input);
    if (input.categoryCode && !(await this.org.category(input.categoryCode))) throw badInput('问题类别不存在', { field: 'categoryCode' });
    const targets: Partial<Record<SlaTarget, TargetTerms>> = {};
    for (const t of input.targets ?? []) {
      if (targets[t.target]) throw badInput(`目标 ${t.target} 重复`, { field: 'targets' });
      const calendar = t.calendar ?? CALENDAR_WORKING_HOURS;
      targets[t.target] = {
        minutes: t.minutes,
        calendar,
        ...(t.warnShare === undefined || t.warnShare === null ? {} : { warnShare: t.warnShare === 0 ? null : t.warnShare }),
        ...(t.escalation ? { escalation: { calendar: t.escalation.calendar ?? calendar, steps: t.escalation.steps.map((s) => ({ level: s.level, delayMinutes: s.delayMinutes })) } } : {}),
        ...(t.pauseWhen ? { pauseWhen: { statuses: t.pauseWhen.statuses ?? [], withOutsideDepartment: !!t.pauseWhen.withOutsideDepartment, awaitingOwner: !!t.pauseWhen.awaitingOwner } } : {}),
      };
    }
    if (Object.keys(targets).length === 0 && !input.retire) throw badInput('至少设置一个时限目标', { field: 'targets' });
    const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
    if (Number.isNaN(+effectiveFrom)) throw badInput('生效时间无效', { field: 'effectiveFrom' });
    const policy: SlaPolicy = {
      id, version: await this.repo.nextVersion(id), name, scope, category: input.categoryCode ?? null, priority: input.priority ?? null,
      targets, effectiveFrom, retiredAt: input.retire ? effectiveFrom : null,
    };
    const problems = validatePolicy(policy, defaultCalendars);
    if (problems.length) throw badInput(`策略无效：${problems.join('；')}`, { field: 'targets', problems });
    const all = await this.repo.all();
    const clash = findPolicyConflicts([...all, policy], effectiveFrom).find(([a, b]) => a === policy || b === policy);
    if (clash) {
      const other = clash[0] === policy ? clash[1] : clash[0];
      throw badInput(`与策略 ${other.id}（${other.name}）范围相同且都设置了 ${clash[2]}`, { field: 'targets', conflictsWith: other.id });
    }
    try {
      await this.repo.insert(policy, viewer.userId, now);
    } catch (e) {
      if ((e as { code?: string }).code === 'ER_DUP_ENTRY' || (e as { driverError?: { code?: string } }).driverError?.code === 'ER_DUP_ENTRY') throw conflict('该策略刚被他人修改，请刷新后重试');
      throw e;
    }
    return { policy, inForce: +policy.effectiveFrom <= +now && !policy.retiredAt, builtIn: false };
  }

  private async scopeOf(input: SlaPolicyInput): Promise<PolicyScope> {
    switch (input.scopeKind) {
      case SlaScopeKind.GLOBAL:
        return { kind: 'GLOBAL' };
      case SlaScopeKind.COMPLEX: {
        const c = input.scopeId != null ? await this.org.complex(input.scopeId) : null;
        if (!c) throw badInput('小区不存在', { field: 'scopeId' });
        return { kind: 'COMPLEX', complexId: String(c.id) };
      }
      case SlaScopeKind.COMPANY:
        if (input.scopeId == null || !(input.scopeId > 0)) throw badInput('请选择物业公司', { field: 'scopeId' });
        return { kind: 'COMPANY', companyId: String(input.scopeId) };
    }
  }
}
