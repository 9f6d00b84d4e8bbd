import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AreaLevel, PlaceKind, Role } from '@msb/shared-types';
import '../../graphql/enums.graphql';

registerEnumType(PlaceKind, { name: 'PlaceKind', description: 'Area (district/street/community), property company, complex, building, gate or spot' });
registerEnumType(AreaLevel, { name: 'AreaLevel' });

@ObjectType({ description: 'A place as administration sees it (fields not of its kind are null)' })
export class AdminPlace {
  @Field(() => PlaceKind) kind: PlaceKind;
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field() active: boolean;
  @Field(() => Int, { nullable: true, description: 'AREA: parent area; COMPLEX: community; BUILDING/SPOT: complex' }) parentId: number | null;
  @Field(() => AreaLevel, { nullable: true }) level: AreaLevel | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => Int, { nullable: true, description: 'COMPLEX: the managing company now' }) companyId: number | null;
  @Field(() => Int, { nullable: true, description: 'SPOT: its building' }) buildingId: number | null;
  @Field(() => String, { nullable: true, description: 'SPOT: GATE LOBBY LIFT GARAGE OTHER' }) spotKind: string | null;
  @Field(() => String, { nullable: true }) servicePhone: string | null;
  @Field(() => String, { nullable: true }) emergencyPhone: string | null;
}

@ObjectType({ description: 'Every place in the caller’s administrative scope, flat (the client builds the tree by parentId)' })
export class AdminPlaces {
  @Field(() => [AdminPlace]) areas: AdminPlace[];
  @Field(() => [AdminPlace]) companies: AdminPlace[];
  @Field(() => [AdminPlace]) complexes: AdminPlace[];
  @Field(() => [AdminPlace]) buildings: AdminPlace[];
  @Field(() => [AdminPlace]) spots: AdminPlace[];
}

@ObjectType()
export class CompanyPeriod {
  @Field(() => Int, { nullable: true }) companyId: number | null;
  @Field(() => String, { nullable: true }) companyName: string | null;
  @Field({ description: 'YYYY-MM-DD: managing from this day' }) effectiveFrom: string;
  @Field() recordedAt: Date;
}

@InputType()
export class CreatePlaceInput {
  @Field(() => PlaceKind) kind: PlaceKind;
  @Field(() => Int, { nullable: true, description: 'AREA: parent area; COMPLEX: community; BUILDING/SPOT: complex' }) parentId?: number | null;
  @Field(() => AreaLevel, { nullable: true, description: 'AREA: must be the level below the parent' }) level?: AreaLevel | null;
  @Field({ description: '1–64 characters (companies and complexes 128)' }) name: string;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => Int, { nullable: true, description: 'COMPLEX: the managing company' }) companyId?: number | null;
  @Field(() => Int, { nullable: true, description: 'SPOT: a building of the same complex' }) buildingId?: number | null;
  @Field(() => String, { nullable: true, description: 'SPOT: GATE (default) LOBBY LIFT GARAGE OTHER' }) spotKind?: string | null;
  @Field(() => String, { nullable: true }) servicePhone?: string | null;
  @Field(() => String, { nullable: true }) emergencyPhone?: string | null;
}

@InputType()
export class UpdatePlaceInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'Empty string clears it' }) servicePhone?: string | null;
  @Field(() => String, { nullable: true }) emergencyPhone?: string | null;
}

@InputType({ description: 'A role and its scope: STAFF/PROJECT_MANAGER complexId (+unitId team); COMPANY_ADMIN companyId; DEPT_HANDLER unitId; MEDIATOR/AREA_ADMIN/OVERSIGHT areaId' })
export class GrantRoleInput {
  @Field(() => Role) role: Role;
  @Field(() => Int, { nullable: true }) companyId?: number | null;
  @Field(() => Int, { nullable: true }) complexId?: number | null;
  @Field(() => Int, { nullable: true }) unitId?: number | null;
  @Field(() => Int, { nullable: true }) areaId?: number | null;
}

@InputType()
export class InviteAccountInput extends GrantRoleInput {
  @Field({ description: 'Mainland mobile, 11 digits' }) phone: string;
  @Field() name: string;
}

@ObjectType()
export class Invitation {
  @Field(() => ID) userId: string;
  @Field(() => String, { nullable: true, description: 'Shown once: the person sets a password with it (setPasswordWithCode). Null when the account already has one.' }) oneTimeCode: string | null;
}

@ObjectType()
export class AdminAssignment {
  @Field(() => Int) id: number;
  @Field(() => Role) role: Role;
  @Field(() => Int, { nullable: true }) companyId: number | null;
  @Field(() => Int, { nullable: true }) complexId: number | null;
  @Field(() => Int, { nullable: true }) unitId: number | null;
  @Field(() => Int, { nullable: true }) areaId: number | null;
  @Field({ description: 'Where, in words: 明湖花园 · 工程维修部' }) scopeName: string;
}

@ObjectType({ description: 'An account with every role it holds' })
export class AdminAccount {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field() active: boolean;
  @Field() hasPassword: boolean;
  @Field(() => [AdminAssignment]) roles: AdminAssignment[];
}

@ObjectType({ description: 'One administrative change: who, when, what, before → after (JSON)' })
export class AdminEvent {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field(() => ID, { nullable: true, description: 'Null: a server command (admin:create, posters, import)' }) actorId: string | null;
  @Field() actorName: string;
  @Field() action: string;
  @Field() objectType: string;
  @Field() objectId: string;
  @Field() objectName: string;
  @Field(() => String, { nullable: true }) before: string | null;
  @Field(() => String, { nullable: true }) after: string | null;
  @Field(() => Int, { nullable: true }) importId: number | null;
}

@InputType()
export class AdminEventFilterInput {
  @Field(() => String, { nullable: true, description: 'AREA COMPANY COMPLEX BUILDING SPOT USER IMPORT' }) objectType?: string | null;
  @Field(() => String, { nullable: true }) objectId?: string | null;
  @Field(() => String, { nullable: true }) actorId?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. COMPLEX_CREATE, SPOT_QR_ROTATE, ROLE_GRANT' }) action?: string | null;
  @Field(() => String, { nullable: true, description: 'Matches object and actor names and the before/after values' }) text?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'Paging: events older than this id' }) beforeId?: string | null;
}
