import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Priority, TicketAction, TicketStatus } from '@msb/shared-types';

@ObjectType({ description: 'A committed change of a ticket the subscriber may see. Refetch the ticket or list for details.' })
export class TicketLiveEvent {
  @Field(() => ID) ticketId: string;
  @Field() number: string;
  @Field(() => TicketAction) action: TicketAction;
  @Field(() => TicketStatus, { nullable: true }) fromStatus: TicketStatus | null;
  @Field(() => TicketStatus) toStatus: TicketStatus;
  @Field(() => Int, { description: 'Ticket version after the change' }) version: number;
  @Field(() => Int) complexId: number;
  @Field() categoryCode: string;
  @Field(() => Priority) priority: Priority;
  @Field(() => ID, { nullable: true }) assigneeId: string | null;
  @Field(() => ID, { description: 'Timeline event id' }) eventId: string;
  @Field() at: Date;
}

@InputType()
export class TicketChangedFilter {
  @Field(() => ID, { nullable: true, description: 'Only this ticket (a detail page)' }) ticketId?: string;
  @Field(() => Int, { nullable: true }) complexId?: number;
  @Field(() => [TicketStatus], { nullable: true, description: 'Only changes into these states' }) toStatuses?: TicketStatus[];
}
