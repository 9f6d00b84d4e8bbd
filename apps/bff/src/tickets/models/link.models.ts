import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ErrorCode, RefuseReason, TicketStatus } from '@msb/shared-types';
import '../../graphql/enums.graphql';
import { Category } from '../../org/models/org.models';
import { Ticket } from './ticket.models';

@ObjectType({ description: 'When a followed report reached a status (no names, no notes)' })
export class PublicStep {
  @Field(() => TicketStatus) status: TicketStatus;
  @Field() at: Date;
}

@ObjectType({ description: "Another owner's report as owners may see it: category, a short summary without numbers, status — never the reporter's name, phone or room" })
export class PublicTicket {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => Category) category: Category;
  @Field({ description: 'Its opening words, digits and Latin letters blotted out, at most 30 characters' }) summary: string;
  @Field(() => String, { nullable: true, description: 'The public spot it was reported at (the QR code’s gate or lobby)' }) spotName: string | null;
  @Field(() => TicketStatus) status: TicketStatus;
  @Field(() => Int, { description: 'Owners following it besides its reporter ("me too", or their report merged into it)' }) supporterCount: number;
  @Field({ description: 'The caller follows it' }) following: boolean;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType()
export class TicketRef {
  @Field(() => ID) id: string;
  @Field() number: string;
}

@ObjectType({ description: 'Why the ticket was not taken on, who declined, and where the owner may turn instead' })
export class Refusal {
  @Field(() => RefuseReason) reason: RefuseReason;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => String, { nullable: true, description: 'The property company that declined' }) declinedBy: string | null;
  @Field(() => String, { nullable: true, description: 'The person who declined' }) declinedByName: string | null;
  @Field(() => String, { nullable: true, description: 'The outside department suggested instead (NOT_OUR_REMIT)' }) suggestedUnitName: string | null;
  @Field({ description: 'The owner is pointed to the 12345 citizen hotline' }) suggestHotline: boolean;
  @Field(() => String, { nullable: true, description: 'The duplicate’s original (DUPLICATE)' }) duplicateOfNumber: string | null;
  @Field() at: Date;
}

@InputType({ description: '"Me too": join an open report of the complex instead of filing again (the QR code scanned there proves the complex)' })
export class SupportTicketInput {
  @Field(() => ID) ticketId: string;
  @Field() qrToken: string;
}

@InputType()
export class MergeTicketInput {
  @Field(() => ID, { description: 'The duplicate' }) ticketId: string;
  @Field(() => Int, { description: 'The duplicate’s version the caller saw' }) version: number;
  @Field(() => ID, { description: 'An open ticket of the same complex it goes into; its owner follows that one' }) intoTicketId: string;
  @Field({ nullable: true, description: 'Optional, up to 200 characters' }) note?: string;
}

@InputType()
export class BulkAssignItem {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
}

@InputType({ description: 'A manager gives several tickets to one handler at once; each is its own compare-and-set and timeline entry' })
export class BulkAssignInput {
  @Field(() => [BulkAssignItem], { description: '1–50 tickets, each once' }) items: BulkAssignItem[];
  @Field(() => ID) assigneeId: string;
  @Field({ nullable: true, description: 'Optional, up to 2000 characters' }) note?: string;
}

@ObjectType({ description: 'What happened to one ticket of a bulk assignment' })
export class BulkAssignResult {
  @Field(() => ID) ticketId: string;
  @Field() ok: boolean;
  @Field(() => ErrorCode, { nullable: true, description: 'Why this one failed (CONFLICT: someone changed it since; the others are unaffected)' }) code: ErrorCode | null;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => Ticket, { nullable: true, description: 'The ticket after the assignment' }) ticket: Ticket | null;
}
