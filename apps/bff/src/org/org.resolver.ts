import { Context, Query, Resolver } from '@nestjs/graphql';
import { Role, UnitKind } from '@msb/shared-types';
import type { GqlContext } from '../graphql/graphql-context';
import { forbidden } from '../common/domain-error';
import { OrgService } from './org.service';
import { Category, Me, Unit } from './models/org.models';

@Resolver()
export class OrgResolver {
  constructor(private readonly org: OrgService) {}

  @Query(() => Me)
  async me(@Context() ctx: GqlContext): Promise<Me> {
    const v = await ctx.auth.viewer();
    return { id: v.userId, name: v.name, roles: [...v.roles], assignments: await this.org.assignmentsOf(v.userId) };
  }

  @Query(() => [Category], { description: 'Public: the ten hot categories plus 其他, with emergency sub-types' })
  categories() {
    return this.org.categories();
  }

  @Query(() => [Unit], { description: 'Where a handler may dispatch: outside departments and their own company’s teams' })
  async dispatchTargets(@Context() ctx: GqlContext): Promise<Unit[]> {
    const v = await ctx.auth.viewer();
    if (![Role.STAFF, Role.PROJECT_MANAGER, Role.DEPT_HANDLER].some((r) => v.roles.has(r))) throw forbidden();
    // Property teams: only those of the caller's own companies (another company's teams are neither a valid
    // target nor the caller's business). Outside departments, which work across companies, see every team.
    const served = await this.org.complexesByIds([...new Set([...v.staffComplexIds, ...v.managerComplexIds])]);
    const companies = new Set<number>([...v.managerCompanyIds, ...served.map((c) => c.companyId).filter((id): id is number => id != null)]);
    const anyTeam = v.roles.has(Role.DEPT_HANDLER);
    return (await this.org.units()).filter(
      (u) => !v.unitIds.has(u.id) && (u.kind === UnitKind.DEPARTMENT || anyTeam || (u.companyId != null && companies.has(u.companyId))),
    );
  }
}
