import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Priority, Role } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { badInput, conflict, forbidden } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import {
  CALENDAR_WORKING_HOURS, DEFAULT_SLA_POLICIES, defaultCalendars, findPolicyConflicts, policiesInForce, previewDueTimes, validatePolicy,
  type PolicyScope, type PreviewRow, type SlaPolicy, type SlaTarget, type TargetTerms,
} from './domain';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaScopeKind, type SlaPolicyInput } from './models/sla.models';

/** Admins read and version SLA policies. Versions are immutable; a running clock keeps its version. */
@Injectable()
export class SlaPolicyService {
  constructor(private readonly repo: SlaPolicyRepository, private readonly org: OrgService, private readonly clock: Clock) {}

  /** The bureau: any policy. A company admin: its own company's, or one of its complexes' (with `input`). */
  private async requireAdmin(viewer: Viewer, input?: SlaPolicyInput): Promise<Set<number> | 'ALL'> {
    if (viewer.roles.has(Role.ADMIN)) return 'ALL';
    if (!viewer.roles.has(Role.COMPANY_ADMIN)) throw forbidden('仅管理员可管理时限策略');
    const companies = new Set((await this.org.assignmentsOf(viewer.userId)).filter((a) => a.role === Role.COMPANY_ADMIN && a.companyId != null).map((a) => a.companyId!));
    if (!input) return companies;
    const companyId = input.scopeKind === SlaScopeKind.COMPANY ? input.scopeId
      : input.scopeKind === SlaScopeKind.COMPLEX && input.scopeId != null ? (await this.org.complex(input.scopeId))?.companyId : null;
    if (companyId == null || !companies.has(companyId)) throw forbidden('物业公司管理员只能管理本公司及其小区的时限策略');
    return companies;
  }

  /** Policies, the version in force of each (or every version with `history`), most general first. */
  async list(viewer: Viewer, history: boolean): Promise<{ policy: SlaPolicy; inForce: boolean; builtIn: boolean }[]> {
    const mine = await this.requireAdmin(viewer);
    let all = await this.repo.all();
    if (mine !== 'ALL') {
      // A company admin reads everyone's policies and those of its company and complexes.
      const ids = [...new Set(all.flatMap((p) => (p.scope.kind === 'COMPLEX' ? [Number(p.scope.complexId)] : [])))];
      const ours = new Set((await this.org.complexesByIds(ids)).filter((c) => c.companyId != null && mine.has(c.companyId)).map((c) => String(c.id)));
      all = all.filter((p) => p.scope.kind === 'GLOBAL' || (p.scope.kind === 'COMPANY' && mine.has(Number(p.scope.companyId))) || (p.scope.kind === 'COMPLEX' && ours.has(p.scope.complexId)));
    }
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
    const now = this.clock.now();
    const policy = await this.build(viewer, input, now, await this.repo.nextVersion(input.id?.trim() || ''));
    const all = await this.repo.all();
    const clash = findPolicyConflicts([...all, policy], policy.effectiveFrom).find(([a, b]) => a === policy || b === policy);
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

  /**
   * "With this policy a ticket filed now would be due at …": the draft (not saved) in force from now, for a ticket
   * of this complex, category and priority (default: the category's), next to what today's policies give. Each
   * due time is counted on the target's calendar (working hours skip nights, weekends and holidays).
   */
  async preview(viewer: Viewer, input: SlaPolicyInput, ticket: { complexId: number; categoryCode: string; priority?: Priority | null }, at?: Date | null): Promise<PreviewRow[]> {
    const when = at ?? this.clock.now();
    const draft = await this.build(viewer, input, when, input.id?.trim() ? await this.repo.nextVersion(input.id.trim()) : 1);
    const complex = await this.org.complex(ticket.complexId);
    if (!complex) throw badInput('小区不存在', { field: 'complexId' });
    const category = await this.org.category(ticket.categoryCode);
    if (!category) throw badInput('问题类别不存在', { field: 'categoryCode' });
    const subject = { companyId: String(complex.companyId ?? ''), complexId: String(complex.id), category: category.code, priority: ticket.priority ?? (category.defaultPriority as Priority) };
    return previewDueTimes(await this.repo.all(), draft, subject, when, defaultCalendars);
  }

  /** A policy version from the input, checked (who may, scope, targets, calendars); not saved. */
  private async build(viewer: Viewer, input: SlaPolicyInput, now: Date, version: number): Promise<SlaPolicy> {
    await this.requireAdmin(viewer, input);
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
    const asked = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
    if (Number.isNaN(+asked)) throw badInput('生效时间无效', { field: 'effectiveFrom' });
    // Never backdated: a ticket keeps the versions in force when it was filed, so none may appear in its past.
    const effectiveFrom = +asked < +now ? now : asked;
    const existing = (await this.repo.all()).filter((p) => p.id === id);
    if (existing.length && !existing.some((p) => sameScope(p.scope, scope))) throw badInput('策略的适用范围不能改变，请新建策略', { field: 'scopeKind' });
    const policy: SlaPolicy = {
      id, version, name, scope, category: input.categoryCode ?? null, priority: input.priority ?? null,
      targets, effectiveFrom, retiredAt: input.retire ? effectiveFrom : null,
    };
    const problems = validatePolicy(policy, defaultCalendars);
    if (problems.length) throw badInput(`策略无效：${problems.join('；')}`, { field: 'targets', problems });
    return policy;
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
      case SlaScopeKind.UNIT: {
        const u = input.scopeId != null ? await this.org.unit(input.scopeId) : null;
        if (!u) throw badInput('单位不存在', { field: 'scopeId' });
        return { kind: 'UNIT', unitId: String(u.id) };
      }
    }
  }
}

function sameScope(a: PolicyScope, b: PolicyScope): boolean {
  return a.kind === b.kind && (a.kind !== 'COMPANY' || a.companyId === (b as { companyId: string }).companyId) && (a.kind !== 'COMPLEX' || a.complexId === (b as { complexId: string }).complexId);
}
