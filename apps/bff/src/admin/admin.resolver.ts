import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { PlaceKind } from '@msb/shared-types';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { AdminDirectoryService } from './admin-directory.service';
import { AdminPeopleService } from './admin-people.service';
import { AdminPlacesService } from './admin-places.service';
import {
  AdminAccount, AdminEvent, AdminEventFilterInput, AdminPlace, AdminPlaces, CompanyPeriod, CreatePlaceInput, GrantRoleInput, Invitation,
  InviteAccountInput, UpdatePlaceInput,
} from './models/admin.models';

/** Administration: places, people and the audit trail. Admins only, each within their scope (non-admins: FORBIDDEN; outside the scope: NOT_FOUND). */
@Resolver()
export class AdminResolver {
  constructor(private readonly dir: AdminDirectoryService, private readonly places: AdminPlacesService, private readonly people: AdminPeopleService) {}

  @Query(() => AdminPlaces, { description: 'ADMIN/COMPANY_ADMIN/AREA_ADMIN: every place in scope, with the areas above them' })
  async adminPlaces(@CurrentViewer() viewer: Viewer) {
    return this.dir.places(viewer);
  }

  @Query(() => [CompanyPeriod], { description: 'Which company managed a complex from which day (oldest first)' })
  async complexCompanyHistory(@CurrentViewer() viewer: Viewer, @Args('complexId', { type: () => Int }) complexId: number) {
    return this.dir.companyHistory(viewer, complexId);
  }

  @Query(() => String, { description: 'Read-only: the QR link printed on this spot’s posters now (does not change the code)' })
  async spotQrLink(@CurrentViewer() viewer: Viewer, @Args('spotId', { type: () => Int }) spotId: number) {
    return this.places.qrLink(viewer, spotId);
  }

  @Query(() => [AdminAccount], { description: 'Accounts holding a role in the caller’s scope, by name or phone fragment; each with every role it holds' })
  async adminAccounts(@CurrentViewer() viewer: Viewer, @Args('search', { nullable: true }) search?: string, @Args('first', { type: () => Int, nullable: true, description: '1–200, default 50' }) first?: number) {
    return this.dir.accounts(viewer, search ?? '', first ?? 50);
  }

  @Query(() => AdminAccount)
  async adminAccount(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.dir.account(viewer, id);
  }

  @Query(() => [AdminEvent], { description: 'The audit trail in scope, newest first: per object (objectType + objectId) or searched' })
  async adminEvents(@CurrentViewer() viewer: Viewer, @Args('filter', { nullable: true }) filter?: AdminEventFilterInput, @Args('first', { type: () => Int, nullable: true, description: '1–200, default 50' }) first?: number) {
    return this.dir.auditTrail(viewer, filter ?? {}, first ?? 50);
  }

  @Mutation(() => AdminPlace, { description: 'Creates an area, company, complex, building or gate/spot (typed errors; nothing changes on a bad input)' })
  async createPlace(@CurrentViewer() v: Viewer, @Args('input') input: CreatePlaceInput) {
    return this.one(v, input.kind, await this.places.create(v, input as any));
  }

  @Mutation(() => AdminPlace, { description: 'Renames a place or sets its address and phones' })
  async updatePlace(@CurrentViewer() v: Viewer, @Args('kind', { type: () => PlaceKind }) kind: PlaceKind, @Args('id', { type: () => Int }) id: number, @Args('input') input: UpdatePlaceInput) {
    return this.one(v, kind, await this.places.update(v, kind, id, input));
  }

  @Mutation(() => AdminPlace, { description: 'Moves an area (to another parent a level up), a complex (to another community) or a spot (to another building, null: none)' })
  async movePlace(@CurrentViewer() v: Viewer, @Args('kind', { type: () => PlaceKind }) kind: PlaceKind, @Args('id', { type: () => Int }) id: number, @Args('parentId', { type: () => Int, nullable: true }) parentId: number | null) {
    return this.one(v, kind, await this.places.move(v, kind, id, parentId ?? null));
  }

  @Mutation(() => AdminPlace, { description: 'Deactivates (or reactivates) a place; never deletes it. A deactivated spot’s code stops filing.' })
  async setPlaceActive(@CurrentViewer() v: Viewer, @Args('kind', { type: () => PlaceKind }) kind: PlaceKind, @Args('id', { type: () => Int }) id: number, @Args('active') active: boolean) {
    return this.one(v, kind, await this.places.setActive(v, kind, id, active));
  }

  @Mutation(() => AdminPlace, { description: 'The bureau or the area’s admin: a complex changes property company from a date (history kept; old tickets keep their company)' })
  async setComplexCompany(@CurrentViewer() v: Viewer, @Args('complexId', { type: () => Int }) complexId: number, @Args('companyId', { type: () => Int, nullable: true }) companyId: number | null, @Args('effectiveFrom', { description: 'YYYY-MM-DD' }) effectiveFrom: string) {
    return this.one(v, 'COMPLEX', await this.places.setCompany(v, complexId, companyId ?? null, effectiveFrom));
  }

  @Mutation(() => String, { description: 'A new code for the spot; posters printed before show 此二维码已更换. Returns the new link.' })
  async rotateSpotQr(@CurrentViewer() viewer: Viewer, @Args('spotId', { type: () => Int }) spotId: number) {
    return this.places.rotateQr(viewer, spotId);
  }

  @Mutation(() => Invitation, { description: 'Invites a person by phone with one scoped role; new accounts get a one-time code to set their password' })
  async inviteAccount(@CurrentViewer() viewer: Viewer, @Args('input') input: InviteAccountInput) {
    return this.people.invite(viewer, input);
  }

  @Mutation(() => AdminAccount)
  async grantRole(@CurrentViewer() v: Viewer, @Args('userId', { type: () => ID }) userId: string, @Args('input') input: GrantRoleInput) {
    await this.people.grant(v, userId, input);
    return this.dir.account(v, userId);
  }

  @Mutation(() => Boolean)
  async revokeRole(@CurrentViewer() viewer: Viewer, @Args('assignmentId', { type: () => Int }) assignmentId: number) {
    return this.people.revoke(viewer, assignmentId);
  }

  @Mutation(() => Boolean, { description: 'Deactivates (or reactivates) an account: it can no longer sign in and its tokens stop working' })
  async setAccountActive(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID }) userId: string, @Args('active') active: boolean) {
    return this.people.setActive(viewer, userId, active);
  }

  @Mutation(() => String, { description: 'Clears the password and returns a one-time code (valid 72 h) the person sets a new one with' })
  async resetPassword(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID }) userId: string) {
    return this.people.resetPassword(viewer, userId);
  }

  @Mutation(() => Boolean, { description: 'Public: sets the password of an invited or reset account with its one-time code (5 wrong tries burn the code; 20 tries an hour per address)' })
  setPasswordWithCode(@Args('phone') phone: string, @Args('code') code: string, @Args('password') password: string, @Context('req') req: FastifyRequest) {
    return this.people.setPasswordWithCode(phone, code, password, req.ip);
  }

  private async one(v: Parameters<AdminDirectoryService['places']>[0], kind: string, id: number): Promise<AdminPlace> {
    const p = await this.dir.places(v);
    const list = { AREA: p.areas, COMPANY: p.companies, COMPLEX: p.complexes, BUILDING: p.buildings, SPOT: p.spots }[kind]!;
    return list.find((x) => x.id === id)!;
  }
}
