import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgAdminRepository, type AssignmentInput, type PlaceKind } from './org-admin.repository';
import { OrgService } from './org.service';

export type { AssignmentInput, PlaceKind } from './org-admin.repository';

/**
 * Org's writes for administration. Every method takes the caller's transaction: the admin feature opens it,
 * makes the change here and appends its audit event there, so both commit or neither does.
 */
@Injectable()
export class OrgAdminService {
  constructor(private readonly repo: OrgAdminRepository, private readonly org: OrgService) {}

  place(em: EntityManager | null, kind: PlaceKind, id: number, lock = false) {
    return this.repo.place(em, kind, id, lock);
  }

  async insertPlace(em: EntityManager, kind: PlaceKind, fields: Record<string, unknown>): Promise<number> {
    const id = await this.repo.insertPlace(em, kind, fields);
    this.org.invalidate();
    return id;
  }

  async patchPlace(em: EntityManager, kind: PlaceKind, id: number, fields: Record<string, unknown>): Promise<void> {
    await this.repo.patchPlace(em, kind, id, fields);
    this.org.invalidate();
  }

  siblingNamed(em: EntityManager, kind: PlaceKind, parent: { col: string; id: number | null } | null, name: string, exceptId?: number) {
    return this.repo.siblingNamed(em, kind, parent, name, exceptId);
  }

  bumpQrSerial(em: EntityManager, spotId: number) {
    return this.repo.bumpQrSerial(em, spotId);
  }

  recordCompanyChange(em: EntityManager, complexId: number, companyId: number | null, effectiveFrom: string, at: Date, by: string | null) {
    return this.repo.recordCompanyChange(em, complexId, companyId, effectiveFrom, at, by);
  }

  currentCompanyFrom(em: EntityManager, complexId: number) {
    return this.repo.currentCompanyFrom(em, complexId);
  }

  companyHistory(complexId: number) {
    return this.repo.companyHistory(complexId);
  }

  allPlaces() {
    return this.repo.allPlaces();
  }

  user(em: EntityManager | null, id: string, lock = false) {
    return this.repo.user(em, id, lock);
  }

  userIdByPhone(em: EntityManager | null, phone: string) {
    return this.repo.userIdByPhone(em, phone);
  }

  insertUser(em: EntityManager, name: string, phone: string, passwordHash: string | null = null) {
    return this.repo.insertUser(em, name, phone, passwordHash);
  }

  async patchUser(em: EntityManager, id: string, fields: { name?: string; active?: boolean; passwordHash?: string | null }) {
    const r = await this.repo.patchUser(em, id, fields);
    // A renamed user: lists show names from org's cache.
    if (fields.name !== undefined) this.org.invalidate();
    return r;
  }

  assignments(em: EntityManager | null, userIds: readonly string[]) {
    return this.repo.assignments(em, userIds);
  }

  assignment(em: EntityManager, id: number) {
    return this.repo.assignment(em, id);
  }

  grant(em: EntityManager, userId: string, a: AssignmentInput) {
    return this.repo.grant(em, userId, a);
  }

  removeAssignment(em: EntityManager, id: number) {
    return this.repo.removeAssignment(em, id);
  }

  searchUsers(text: string, first: number, onlyIds: readonly string[] | null) {
    return this.repo.searchUsers(text, first, onlyIds);
  }

  staffOfComplexes(complexIds: readonly number[]) {
    return this.repo.staffOfComplexes(complexIds);
  }

  namesByPhones(phones: readonly string[]) {
    return this.repo.namesByPhones(phones);
  }

  userIdsInScope(complexIds: readonly number[], companyIds: readonly number[], areaIds: readonly number[]) {
    return this.repo.userIdsInScope(complexIds, companyIds, areaIds);
  }
}
