import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { notFound } from '../common/domain-error';
import { AdminCatalogService } from './admin-catalog.service';
import { AdminCategory, AdminUnit, CategoryInput, CategoryPatchInput, CreateUnitInput } from './models/catalog.models';

/** Departments, teams and categories for administrators, each within their scope. */
@Resolver()
export class CatalogResolver {
  constructor(private readonly catalog: AdminCatalogService) {}

  @Query(() => [AdminUnit], { description: 'Outside departments and property teams in scope, with their handlers and members' })
  async adminUnits(@CurrentViewer() v: Viewer) {
    return (await this.catalog.units(v)) as AdminUnit[];
  }

  @Mutation(() => AdminUnit, { description: 'A new outside department (areaId) or property team (companyId)' })
  async createUnit(@CurrentViewer() v: Viewer, @Args('input') input: CreateUnitInput) {
    return this.one(v, await this.catalog.createUnit(v, input));
  }

  @Mutation(() => AdminUnit, { description: 'Renames a unit, or retires (active false) / reopens it; never deletes it' })
  async updateUnit(
    @CurrentViewer() v: Viewer, @Args('id', { type: () => Int }) id: number,
    @Args('name', { type: () => String, nullable: true }) name?: string | null, @Args('active', { type: () => Boolean, nullable: true }) active?: boolean | null,
  ) {
    return this.one(v, await this.catalog.updateUnit(v, id, { name, active }));
  }

  @Query(() => [AdminCategory], { description: 'Everyone’s categories and those of the caller’s companies and areas, retired ones included' })
  adminCategories(@CurrentViewer() v: Viewer) {
    return this.catalog.categories(v);
  }

  @Mutation(() => AdminCategory, { description: 'A new category for one company or area (the bureau: also for everyone)' })
  async createCategory(@CurrentViewer() v: Viewer, @Args('input') input: CategoryInput) {
    return this.catalog.category(await this.catalog.createCategory(v, input));
  }

  @Mutation(() => AdminCategory, { description: 'Renames or edits a category, or retires it; tickets filed under it keep it' })
  async updateCategory(@CurrentViewer() v: Viewer, @Args('code') code: string, @Args('input') input: CategoryPatchInput) {
    return this.catalog.category(await this.catalog.updateCategory(v, code, input));
  }

  private async one(v: Viewer, id: number): Promise<AdminUnit> {
    const u = (await this.catalog.units(v)).find((x) => x.id === id);
    if (!u) throw notFound('单位');
    return u as AdminUnit;
  }
}
