import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from './current-viewer';
import type { Viewer } from './domain/viewer';
import { OrgService } from './org.service';
import { Category, Complex, Me } from './models/org.models';

@Resolver()
export class OrgResolver {
  constructor(private readonly org: OrgService) {}

  @Query(() => Me)
  async me(@CurrentViewer() v: Viewer): Promise<Me> {
    return { id: v.userId, name: v.name, roles: [...v.roles], assignments: await this.org.assignmentsOf(v.userId) };
  }

  @Query(() => [Category], { description: 'Public: the categories an owner may file under (active ones): the ten hot categories plus 其他 with emergency sub-types, and at a complex also those its company or areas added' })
  async categories(@Args('complexId', { type: () => Int, nullable: true }) complexId?: number | null) {
    const complex = complexId != null ? await this.org.complex(complexId) : null;
    return this.org.categoriesFor(complex);
  }

}

/** What a complex is called by: its community and its property company, wherever a Complex is answered. */
@Resolver(() => Complex)
export class ComplexFieldsResolver {
  constructor(private readonly org: OrgService) {}

  @ResolveField(() => String, { nullable: true, description: 'The community (社区) the complex belongs to' })
  async communityName(@Parent() c: Complex & { communityId?: number | null }): Promise<string | null> {
    if (c.communityName) return c.communityName;
    const id = c.communityId ?? (await this.org.complex(c.id))?.communityId ?? null;
    return id === null ? null : (await this.org.area(id))?.name ?? null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The property company serving the complex (null: none yet)' })
  async companyName(@Parent() c: Complex & { companyId?: number | null }): Promise<string | null> {
    if (c.companyName) return c.companyName;
    const id = c.companyId !== undefined ? c.companyId : (await this.org.complex(c.id))?.companyId ?? null;
    return id === null ? null : (await this.org.company(id))?.name ?? null;
  }
}
