import { Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from './current-viewer';
import type { Viewer } from './domain/viewer';
import { OrgService } from './org.service';
import { Category, Me } from './models/org.models';

@Resolver()
export class OrgResolver {
  constructor(private readonly org: OrgService) {}

  @Query(() => Me)
  async me(@CurrentViewer() v: Viewer): Promise<Me> {
    return { id: v.userId, name: v.name, roles: [...v.roles], assignments: await this.org.assignmentsOf(v.userId) };
  }

  @Query(() => [Category], { description: 'Public: the ten hot categories plus 其他, with emergency sub-types' })
  categories() {
    return this.org.categories();
  }

}
