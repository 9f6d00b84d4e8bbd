import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgCatalogRepository, type CategoryFields, type UnitFields } from './org-catalog.repository';
import { OrgService } from './org.service';

export type { CategoryRow, UnitRow } from './org-catalog.repository';

/**
 * Org's writes to units and categories for administration, in the caller's transaction (the admin feature
 * appends the audit event beside them). The cached directory is dropped after each write.
 */
@Injectable()
export class OrgCatalogService {
  constructor(private readonly repo: OrgCatalogRepository, private readonly org: OrgService) {}

  unit(em: EntityManager | null, id: number, lock = false) {
    return this.repo.unit(em, id, lock);
  }

  allUnits() {
    return this.repo.allUnits();
  }

  async insertUnit(em: EntityManager, f: UnitFields): Promise<number> {
    const id = await this.repo.insertUnit(em, f);
    this.org.invalidate();
    return id;
  }

  async patchUnit(em: EntityManager, id: number, f: UnitFields): Promise<void> {
    await this.repo.patchUnit(em, id, f);
    this.org.invalidate();
  }

  unitNamed(em: EntityManager, f: { kind: string; companyId: number | null; areaId: number | null }, name: string, exceptId?: number) {
    return this.repo.unitNamed(em, f, name, exceptId);
  }

  membersOf(unitIds: readonly number[]) {
    return this.repo.membersOf(unitIds);
  }

  category(em: EntityManager | null, code: string, lock = false) {
    return this.repo.category(em, code, lock);
  }

  allCategories() {
    return this.repo.allCategories();
  }

  async insertCategory(em: EntityManager, f: CategoryFields): Promise<void> {
    await this.repo.insertCategory(em, f);
    this.org.invalidate();
  }

  async patchCategory(em: EntityManager, code: string, f: CategoryFields): Promise<void> {
    await this.repo.patchCategory(em, code, f);
    this.org.invalidate();
  }

  categoryNamed(em: EntityManager, owner: { companyId: number | null; areaId: number | null }, name: string, exceptCode?: string) {
    return this.repo.categoryNamed(em, owner, name, exceptCode);
  }

  nextSort(em: EntityManager) {
    return this.repo.nextSort(em);
  }
}
