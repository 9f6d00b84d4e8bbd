import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Priority, Role, UnitKind } from '@msb/shared-types';
import '../../graphql/enums.graphql';

@ObjectType()
export class Category {
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) parentCode: string | null;
  @Field(() => Priority) defaultPriority: Priority;
  @Field() emergency: boolean;
  @Field(() => String, { nullable: true, description: 'What to do right now (emergencies)' }) advice: string | null;
  @Field(() => String, { nullable: true, description: 'An icon name the client knows (null: its default for the code)' }) icon: string | null;
  @Field({ description: 'Retired categories are no longer offered; tickets filed under them keep them' }) active: boolean;
}

@ObjectType()
export class Building {
  @Field(() => Int) id: number;
  @Field() name: string;
}

@ObjectType()
export class Spot {
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field() kind: string;
  @Field(() => Int, { nullable: true }) buildingId: number | null;
}

@ObjectType()
export class MonthlyFigures {
  @Field({ description: 'YYYY-MM, Asia/Shanghai' }) month: string;
  @Field(() => Int) filed: number;
  @Field(() => Int) resolved: number;
  @Field(() => Int) rated: number;
  @Field(() => Number, { nullable: true, description: 'Share of rated tickets with satisfaction ≥ 4, 0–1' }) satisfactionRate: number | null;
}

@ObjectType()
export class Complex {
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field() address: string;
  @Field(() => String, { nullable: true }) communityName?: string | null;
  @Field(() => String, { nullable: true }) companyName?: string | null;
}

@ObjectType({ description: 'What a QR code resolves to: the complex and the spot it hangs at' })
export class QrPlace {
  @Field(() => Complex) complex: Complex;
  @Field(() => Spot) spot: Spot;
  @Field(() => [Building]) buildings: Building[];
  /** 公示 fields (figures, publicFigures) are resolved by the figures feature. */
}

@ObjectType()
export class Unit {
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field(() => UnitKind) kind: UnitKind;
}

@ObjectType()
export class UserRef {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType()
export class Handler {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field(() => Int, { description: 'Open tickets assigned now' }) openCount: number;
}

@ObjectType()
export class RoleAssignment {
  @Field(() => Role) role: Role;
  @Field(() => Int, { nullable: true }) companyId: number | null;
  @Field(() => Int, { nullable: true }) complexId: number | null;
  @Field(() => Int, { nullable: true }) unitId: number | null;
  @Field(() => Int, { nullable: true }) areaId: number | null;
  @Field(() => String, { nullable: true }) room: string | null;
}

@ObjectType()
export class Me {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [Role]) roles: Role[];
  @Field(() => [RoleAssignment]) assignments: RoleAssignment[];
}

@ObjectType()
export class AuthSession {
  @Field() token: string;
  @Field() expiresAt: Date;
  @Field(() => Me) me: Me;
}

@ObjectType()
export class SmsCodeSent {
  @Field(() => Int) resendAfterSeconds: number;
}
