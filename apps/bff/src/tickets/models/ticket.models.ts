import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MediationOutcome, Priority, RefuseReason, Role, TicketAction, TicketStatus } from '@msb/shared-types';
import '../../graphql/enums.graphql';
import { Building, Category, Complex, Spot, Unit, UserRef } from '../../org/models/org.models';

@ObjectType()
export class Attachment {
  @Field(() => ID) id: string;
  @Field() mime: string;
  @Field(() => Int) size: number;
  @Field({ description: 'Served only to users who may see the ticket; send the bearer token' }) url: string;
}

@ObjectType()
export class Rating {
  @Field() solved: boolean;
  @Field(() => Int) satisfaction: number;
  @Field() ratedAt: Date;
}

@ObjectType({ description: 'One immutable entry of a ticket timeline' })
export class TicketEvent {
  @Field(() => ID) id: string;
  @Field({ description: 'A TicketAction, or an SLA event (SLA_WARNING, SLA_BREACH, SLA_ESCALATION)' }) action: string;
  @Field({ description: 'Role the actor acted in; SYSTEM for the scheduler' }) actorRole: string;
  @Field(() => String, { nullable: true }) actorName: string | null;
  @Field(() => TicketStatus, { nullable: true }) fromStatus: TicketStatus | null;
  @Field(() => TicketStatus) toStatus: TicketStatus;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => String, { nullable: true, description: 'Action details as a JSON object (reason codes, assignee, target unit, rating …)' }) data: string | null;
  @Field(() => [Attachment]) attachments: Attachment[];
  @Field() createdAt: Date;
}

@ObjectType()
export class Ticket {
  @Field(() => ID) id: string;
  @Field({ description: 'Human-readable number, MSB-YYYYMMDD-0001' }) number: string;
  @Field(() => TicketStatus) status: TicketStatus;
  @Field(() => Int, { description: 'Pass back on every action: a stale version gets CONFLICT' }) version: number;
  @Field(() => Priority) priority: Priority;
  @Field() text: string;
  @Field() locationText: string;
  @Field() contactName: string;
  @Field({ description: 'Full for the reporter; masked for everyone else (the assigned handler uses revealContact)' }) contactPhone: string;
  @Field(() => Rating, { nullable: true }) rating: Rating | null;
  @Field(() => Category) category: Category;
  @Field(() => Complex) complex: Complex;
  @Field(() => Spot, { nullable: true }) spot: Spot | null;
  @Field(() => Building, { nullable: true }) building: Building | null;
  @Field(() => UserRef) reporter: UserRef;
  @Field(() => UserRef, { nullable: true }) assignee: UserRef | null;
  @Field(() => Unit, { nullable: true, description: 'The team or outside department handling it, when handed on' }) handlingUnit: Unit | null;
  @Field(() => Unit, { nullable: true, description: 'Where it waits to be accepted or returned (DISPATCHED)' }) dispatchTarget: Unit | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Date, { nullable: true }) acceptedAt: Date | null;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => Date, { nullable: true }) mediationRequestedAt: Date | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor: string | null;
  @Field() hasNextPage: boolean;
}

@ObjectType()
export class TicketConnection {
  @Field(() => [Ticket]) nodes: Ticket[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@InputType()
export class ReportTicketInput {
  @Field({ description: 'The token from the QR code the owner scanned' }) qrToken: string;
  @Field({ description: 'Client-made key per draft: a retry returns the same ticket' }) idempotencyKey: string;
  @Field() categoryCode: string;
  @Field() text: string;
  @Field(() => [ID], { nullable: true }) photoIds?: string[];
  @Field(() => Int, { nullable: true }) buildingId?: number;
  @Field({ nullable: true }) locationText?: string;
  @Field({ nullable: true }) contactName?: string;
  @Field({ nullable: true }) contactPhone?: string;
}

@InputType({ isAbstract: true })
abstract class TicketActionBase {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
}

@InputType()
export class AcceptTicketInput extends TicketActionBase {
  @Field(() => ID, { nullable: true, description: 'Assign a handler at once; staff who omit it take the ticket themselves' }) assigneeId?: string;
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class RefuseTicketInput extends TicketActionBase {
  @Field(() => RefuseReason) reason: RefuseReason;
  @Field({ nullable: true, description: 'Required when reason is DUPLICATE' }) duplicateOfNumber?: string;
  @Field() note: string;
}

@InputType()
export class AssignTicketInput extends TicketActionBase {
  @Field(() => ID) assigneeId: string;
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class NoteInput extends TicketActionBase {
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class ProgressInput {
  @Field(() => ID) ticketId: string;
  @Field() note: string;
  @Field(() => [ID], { nullable: true }) photoIds?: string[];
}

@InputType()
export class CommentTicketInput {
  @Field(() => ID) ticketId: string;
  @Field() text: string;
  @Field(() => [ID], { nullable: true }) photoIds?: string[];
}

@InputType()
export class DispatchTicketInput extends TicketActionBase {
  @Field(() => Int) targetUnitId: number;
  @Field() reason: string;
}

@InputType()
export class ReasonInput extends TicketActionBase {
  @Field() reason: string;
}

@InputType()
export class OptionalReasonInput extends TicketActionBase {
  @Field({ nullable: true }) reason?: string;
}

@InputType()
export class ResolveTicketInput extends TicketActionBase {
  @Field() result: string;
  @Field(() => [ID], { nullable: true }) photoIds?: string[];
}

@InputType()
export class RateTicketInput extends TicketActionBase {
  @Field() solved: boolean;
  @Field(() => Int, { description: '1–5' }) satisfaction: number;
  @Field({ nullable: true }) comment?: string;
}

@InputType()
export class RecordMediationInput extends TicketActionBase {
  @Field(() => MediationOutcome) outcome: MediationOutcome;
  @Field() meetingAt: Date;
  @Field() place: string;
  @Field() participants: string;
  @Field({ description: 'The agreement (AGREEMENT) or the instructions for handling (BACK_TO_HANDLING)' }) notes: string;
}

@InputType()
export class InboxFilterInput {
  @Field(() => [TicketStatus], { nullable: true }) statuses?: TicketStatus[];
  @Field(() => [String], { nullable: true }) categoryCodes?: string[];
  @Field(() => Int, { nullable: true }) complexId?: number;
  @Field(() => ID, { nullable: true }) assigneeId?: string;
  @Field({ nullable: true }) unassigned?: boolean;
}

export { Role, TicketAction };
