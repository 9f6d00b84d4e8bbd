import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { EXTENSION_MAX_DAYS, MAX_PHOTOS_PER_ACTION, Priority, URGE_INTERVAL_HOURS } from '@msb/shared-types';
import '../../graphql/enums.graphql';

const PHOTOS = `Up to ${MAX_PHOTOS_PER_ACTION} ids from POST /uploads; each photo only by its uploader and only once`;

@InputType({ description: 'Change the category and/or the priority, with a reason; the SLA clocks follow the policy of the new pair (the time already used is kept)' })
export class ReclassifyTicketInput {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
  @Field({ nullable: true, description: 'The new category (omit to keep it)' }) categoryCode?: string;
  @Field(() => Priority, { nullable: true, description: 'The new priority (omit to keep it)' }) priority?: Priority;
  @Field({ description: '2–500 characters' }) reason: string;
}

@InputType({ description: '待补充: the handler asks the owner a question; the ticket waits (AWAITING_OWNER) and its handling clock pauses' })
export class RequestInfoInput {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
  @Field({ description: 'What the owner should add, 2–500 characters' }) question: string;
}

@InputType({ description: 'The owner answers the question (text and photos); the paused clock resumes where it stopped' })
export class SupplyInfoInput {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
  @Field({ description: '2–500 characters' }) text: string;
  @Field(() => [ID], { nullable: true, description: PHOTOS }) photoIds?: string[];
}

@InputType({ description: '延期申请: a later resolve-by, with the reason; one request at a time' })
export class RequestExtensionInput {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
  @Field({ description: `The resolve-by asked for: later than now, at most ${EXTENSION_MAX_DAYS} days ahead` }) until: Date;
  @Field({ description: '2–500 characters' }) reason: string;
}

@InputType({ description: '延期审批 by the project manager (an outside department’s head for its handlers): a grant moves the handling clock’s due time to the date asked for' })
export class DecideExtensionInput {
  @Field(() => ID) ticketId: string;
  @Field(() => Int, { description: 'The version the caller saw' }) version: number;
  @Field() granted: boolean;
  @Field({ nullable: true, description: 'Optional when granting; 2–500 characters when refusing' }) note?: string;
}

@InputType({ description: `催办 by the owner: at most once per ${URGE_INTERVAL_HOURS} hours per ticket; notifies the handler and their managers; changes no state` })
export class UrgeTicketInput {
  @Field(() => ID) ticketId: string;
  @Field({ nullable: true, description: 'Optional, up to 200 characters' }) note?: string;
}
