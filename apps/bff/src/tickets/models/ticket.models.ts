import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ACTION, MediationOutcome, Priority, RefuseReason, Role, TICKET_TEXT_MAX, TICKET_TEXT_MIN, TicketAction, TicketStatus,
} from '@msb/shared-types';
import '../../graphql/enums.graphql';
import { Building, Category, Complex, Spot, Unit, UserRef } from '../../org/models/org.models';

/** Limits said in the schema (the checks are in tickets/domain; texts are trimmed first). */
const PHOTOS = `Up to ${MAX_PHOTOS_PER_ACTION} ids from POST /uploads (JPEG, PNG or WebP, up to ${MAX_PHOTO_BYTES / 1024 / 1024} MB each); each photo only by its uploader and only once`;
const TEXT = (min: number, max = TICKET_TEXT_MAX) => `${min}–${max} characters`;
const OPTIONAL_TEXT = (max = TICKET_TEXT_MAX) => `Optional, up to ${max} characters`;

@ObjectType()
export class Attachment {
  @Field(() => ID) id: string;
  @Field() mime: string;
  @Field(() => Int) size: number;
  @Field({ description: 'Served only to users who may see the ticket' }) url: string;
  /** Not in the schema: the content hash media signs links for. */
  sha256?: string;
}

@ObjectType()
export class Rating {
  @Field() solved: boolean;
  @Field(() => Int) satisfaction: number;
  @Field() ratedAt: Date;
  @Field({ nullable: true, description: 'Given by the 12345 hotline’s callback (回访), not by the owner in the app' }) fromHotline?: boolean;
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
  @Field(() => String, { nullable: true, description: 'ACCEPT and ASSIGN: the person it was given to' }) assigneeName: string | null;
  @Field({ description: 'When it happened; for SLA events the instant it was due (warning, breach or escalation time)' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'SLA events: the instant the warning, breach or escalation step was due (= createdAt); null for other events' })
  dueAt: Date | null;
  @Field({ description: 'When it was written: later than dueAt when the scheduler applied an SLA event late (appliedAt − dueAt is the lateness); = createdAt otherwise' })
  appliedAt: Date;
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
  @Field(() => String, { nullable: true, description: 'The owner’s room as the property verified it (楼栋 单元 房号), when filed from a room binding' }) room: string | null;
  @Field() contactName: string;
  @Field({ description: 'Full for the reporter; masked for everyone else (the assigned handler uses revealContact)' }) contactPhone: string;
  @Field(() => Rating, { nullable: true, description: 'The rating of the current round of handling; null while none is given (see `ratings` for every one)' }) rating: Rating | null;
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
  @Field(() => Date, { nullable: true, description: 'The resolve-by a pending extension request asks for; null when none waits for a decision' }) extensionRequestedUntil: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the owner may urge (催办) again; null: now, or never urged' }) nextUrgeAt: Date | null;
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
  @Field({ description: 'Client-made key per draft, 8–64 characters of A–Z a–z 0–9 - _: a retry with the same key returns the same ticket' }) idempotencyKey: string;
  @Field() categoryCode: string;
  @Field({ description: TEXT(TICKET_TEXT_MIN) }) text: string;
  @Field(() => [ID], { nullable: true, description: PHOTOS }) photoIds?: string[];
  @Field(() => Int, { nullable: true }) buildingId?: number;
  @Field(() => ID, { nullable: true, description: 'One of my verified rooms at this complex (myRooms): the ticket carries the room and its building' }) roomBindingId?: string;
  @Field({ nullable: true, description: OPTIONAL_TEXT(100) }) locationText?: string;
  @Field({ nullable: true, description: OPTIONAL_TEXT(32) }) contactName?: string;
  @Field({ nullable: true, description: 'A mainland mobile number: 11 digits starting with 1' }) contactPhone?: string;
}

@InputType({ isAbstract: true })
abstract class TicketActionBase {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
}

@InputType()
export class AcceptTicketInput extends TicketActionBase {
  @Field(() => ID, { nullable: true, description: 'Assign a handler at once; staff who omit it take the ticket themselves' }) assigneeId?: string;
  @Field({ nullable: true, description: OPTIONAL_TEXT() }) note?: string;
}

@InputType()
export class RefuseTicketInput extends TicketActionBase {
  @Field(() => RefuseReason) reason: RefuseReason;
  @Field({ nullable: true, description: 'Required when reason is DUPLICATE' }) duplicateOfNumber?: string;
  @Field({ description: TEXT(2) }) note: string;
  @Field(() => Int, { nullable: true, description: 'NOT_OUR_REMIT: the outside department (a DEPARTMENT unit from dispatchTargets) the owner should turn to; this or suggestHotline is required' }) suggestedUnitId?: number;
  @Field({ nullable: true, description: 'NOT_OUR_REMIT: point the owner to the 12345 citizen hotline' }) suggestHotline?: boolean;
}

@InputType()
export class AssignTicketInput extends TicketActionBase {
  @Field(() => ID) assigneeId: string;
  @Field({ nullable: true, description: OPTIONAL_TEXT() }) note?: string;
}

@InputType()
export class NoteInput extends TicketActionBase {
  @Field({ nullable: true, description: OPTIONAL_TEXT() }) note?: string;
}

@InputType()
export class ProgressInput {
  @Field(() => ID) ticketId: string;
  @Field({ description: TEXT(2) }) note: string;
  @Field(() => [ID], { nullable: true, description: PHOTOS }) photoIds?: string[];
}

@InputType()
export class CommentTicketInput {
  @Field(() => ID) ticketId: string;
  @Field({ description: TEXT(1, 500) }) text: string;
  @Field(() => [ID], { nullable: true, description: PHOTOS }) photoIds?: string[];
}

@InputType({ description: '督办 by oversight over the ticket\'s area: a note to the handling side and optionally a new deadline; changes no state and may be repeated' })
export class SuperviseTicketInput {
  @Field(() => ID) ticketId: string;
  @Field({ description: TEXT(2, 500) }) note: string;
  @Field({ nullable: true, description: 'A new deadline, later than now and at most 90 days ahead: every running SLA clock of the ticket due later is moved to it' }) deadline?: Date;
}

@InputType()
export class DispatchTicketInput extends TicketActionBase {
  @Field(() => Int) targetUnitId: number;
  @Field({ description: TEXT(2) }) reason: string;
}

@InputType()
export class ReasonInput extends TicketActionBase {
  @Field({ description: TEXT(2) }) reason: string;
}

@InputType()
export class OptionalReasonInput extends TicketActionBase {
  @Field({ nullable: true, description: OPTIONAL_TEXT() }) reason?: string;
}

@InputType()
export class ResolveTicketInput extends TicketActionBase {
  @Field({ description: TEXT(2) }) result: string;
  @Field(() => [ID], { nullable: true, description: PHOTOS }) photoIds?: string[];
}

@InputType()
export class RateTicketInput extends TicketActionBase {
  @Field() solved: boolean;
  @Field(() => Int, { description: '1–5' }) satisfaction: number;
  @Field({ nullable: true, description: OPTIONAL_TEXT(500) }) comment?: string;
}

@InputType()
export class RecordMediationInput extends TicketActionBase {
  @Field(() => MediationOutcome) outcome: MediationOutcome;
  @Field() meetingAt: Date;
  @Field({ description: TEXT(2, 100) }) place: string;
  @Field({ description: TEXT(2, 200) }) participants: string;
  @Field({ description: `The agreement (AGREEMENT) or the instructions for handling (BACK_TO_HANDLING), ${TEXT(2)}` }) notes: string;
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
