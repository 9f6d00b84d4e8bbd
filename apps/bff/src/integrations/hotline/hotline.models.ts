import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The 12345 work order behind a ticket (接诉即办): its number and the hotline’s deadlines' })
export class HotlineOrderView {
  @Field() orderNo: string;
  @Field({ description: 'The caller asked for confidentiality (保密): name and phone only for the designated contact' }) confidential: boolean;
  @Field(() => Date, { nullable: true, description: '签收 deadline' }) signBy: Date | null;
  @Field(() => Date, { nullable: true, description: '联系 deadline' }) contactBy: Date | null;
  @Field(() => Date, { nullable: true, description: '办结 deadline' }) resolveBy: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the caller was last recorded as contacted (recordHotlineContact); null until then' }) contactedAt: Date | null;
  @Field(() => Int, { description: 'Times the hotline sent it back for redoing (重办)' }) redoCount: number;
  @Field({ description: 'ARCHIVED once the hotline closed it' }) state: string;
}

@InputType()
export class HotlineContactInput {
  @Field(() => ID) ticketId: string;
  @Field({ description: 'phone, visit or wechat' }) method: string;
  @Field({ description: 'What was agreed with the caller, 2–500 characters' }) note: string;
}

@InputType()
export class HotlineReturnInput {
  @Field(() => ID) ticketId: string;
  @Field({ description: '2–500 characters' }) reason: string;
  @Field({ description: 'The legal or remit basis (依据) for returning it, 2–500 characters' }) basis: string;
  @Field({ nullable: true, description: 'The unit it should go to, at most 100 characters' }) suggestedUnit?: string;
}

@InputType()
export class HotlineExtensionInput {
  @Field(() => ID) ticketId: string;
  @Field({ description: '2–500 characters' }) reason: string;
  @Field({ description: 'The resolve-by asked for; later than now' }) requestedDeadline: Date;
}
