import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Priority, UnitKind } from '@msb/shared-types';
import '../../graphql/enums.graphql';

@ObjectType({ description: 'Someone holding a role on a unit (a department handler, a team member)' })
export class UnitMember {
  @Field(() => Int, { description: 'The role assignment (revokeRole takes it)' }) assignmentId: number;
  @Field(() => ID) userId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field() active: boolean;
  @Field() role: string;
}

@ObjectType({ description: 'An outside department (城管, 市场监管, utilities, 街道) or a property company’s team' })
export class AdminUnit {
  @Field(() => Int) id: number;
  @Field(() => UnitKind) kind: UnitKind;
  @Field() name: string;
  @Field(() => Int, { nullable: true, description: 'PROPERTY_TEAM: its company' }) companyId: number | null;
  @Field(() => Int, { nullable: true, description: 'DEPARTMENT: the area it serves' }) areaId: number | null;
  @Field({ description: 'Retired units receive no new dispatches; their tickets stay' }) active: boolean;
  @Field(() => [UnitMember]) members: UnitMember[];
}

@InputType()
export class CreateUnitInput {
  @Field(() => UnitKind) kind: UnitKind;
  @Field({ description: '1–128 characters, unique for its area or company' }) name: string;
  @Field(() => Int, { nullable: true, description: 'DEPARTMENT: a city, district or street' }) areaId?: number | null;
  @Field(() => Int, { nullable: true, description: 'PROPERTY_TEAM: the company' }) companyId?: number | null;
}

@ObjectType({ description: 'A category as administration sees it (with who it belongs to and whether it is offered)' })
export class AdminCategory {
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) parentCode: string | null;
  @Field(() => Priority) defaultPriority: Priority;
  @Field() emergency: boolean;
  @Field(() => String, { nullable: true }) advice: string | null;
  @Field(() => String, { nullable: true }) icon: string | null;
  @Field(() => Int, { nullable: true, description: 'A company’s own category' }) companyId: number | null;
  @Field(() => Int, { nullable: true, description: 'An area’s own category' }) areaId: number | null;
  @Field() active: boolean;
}

@InputType()
export class CategoryInput {
  @Field({ description: '1–64 characters' }) name: string;
  @Field(() => Priority, { nullable: true, description: 'Default NORMAL' }) defaultPriority?: Priority | null;
  @Field({ nullable: true }) emergency?: boolean;
  @Field(() => String, { nullable: true, description: 'What the owner should do right now (≤255)' }) advice?: string | null;
  @Field(() => String, { nullable: true, description: 'An icon name: lowercase letters, digits, -' }) icon?: string | null;
  @Field(() => Int, { nullable: true, description: 'For one company only' }) companyId?: number | null;
  @Field(() => Int, { nullable: true, description: 'For one area (and everything under it) only; neither: everyone’s (bureau only)' }) areaId?: number | null;
}

@InputType()
export class CategoryPatchInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Priority, { nullable: true }) defaultPriority?: Priority | null;
  @Field(() => Boolean, { nullable: true }) emergency?: boolean | null;
  @Field(() => String, { nullable: true }) advice?: string | null;
  @Field(() => String, { nullable: true }) icon?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false retires it (no longer offered; tickets keep it), true reopens it' }) active?: boolean | null;
}
