import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The 12345 work order behind a ticket (接诉即办): its number and the hotline’s deadlines' })
export class HotlineOrderView {
  @Field() orderNo: string;
  @Field({ description: 'The caller asked for confidentiality (保密): name and phone only for the designated contact' }) confidential: boolean;
  @Field(() => Date, { nullable: true, description: '签收 deadline' }) signBy: Date | null;
  @Field(() => Date, { nullable: true, description: '联系 deadline' }) contactBy: Date | null;
  @Field(() => Date, { nullable: true, description: '办结 deadline' }) resolveBy: Date | null;
  @Field(() => Int, { description: 'Times the hotline sent it back for redoing (重办)' }) redoCount: number;
  @Field({ description: 'ARCHIVED once the hotline closed it' }) state: string;
}

@InputType()
export class HotlineContactInput {
  @Field(() => ID) ticketId: string;
  @Field({ description: 'phone, visit or wechat' }) method: string;
  @Field() note: string;
}

@InputType()
export class HotlineReturnInput {
  @Field(() => ID) ticketId: string;
  @Field() reason: string;
  @Field({ description: 'The legal or remit basis (依据) for returning it' }) basis: string;
  @Field({ nullable: true }) suggestedUnit?: string;
}

@InputType()
export class HotlineExtensionInput {
  @Field(() => ID) ticketId: string;
  @Field() reason: string;
  @Field() requestedDeadline: Date;
}
