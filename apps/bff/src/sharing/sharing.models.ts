import { Field, Int, ObjectType } from '@nestjs/graphql';
import { TicketStatus } from '@msb/shared-types';

@ObjectType({ description: 'A read-only family link to a ticket (the token is shown once, only its hash is kept)' })
export class TicketShare {
  @Field() token: string;
  @Field() expiresAt: Date;
  @Field({ description: 'The mini-program page with the token (onShareAppMessage path)' }) path: string;
  @Field({ description: 'The H5 link to send' }) url: string;
}

@ObjectType()
export class TicketSharing {
  @Field(() => Int, { description: 'Live family links of the ticket' }) active: number;
  @Field(() => Date, { nullable: true, description: 'When the last of them ends' }) until: Date | null;
}

@ObjectType()
export class SharedTicketEvent {
  @Field() action: string;
  @Field() label: string;
  @Field(() => TicketStatus) toStatus: TicketStatus;
  @Field() at: Date;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType({ description: 'What a family member sees through a link: the course of one ticket, no phones, contacts, names or photos' })
export class SharedTicket {
  @Field() number: string;
  @Field(() => TicketStatus) status: TicketStatus;
  @Field() categoryName: string;
  @Field() complexName: string;
  @Field(() => String, { nullable: true }) spotName: string | null;
  @Field() text: string;
  @Field() createdAt: Date;
  @Field({ description: 'When this link ends' }) expiresAt: Date;
  @Field(() => [SharedTicketEvent]) timeline: SharedTicketEvent[];
}
