import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The phone WeChat gave for the phone-number button (mainland, 11 digits)' })
export class WechatPhone {
  @Field() phone: string;
}
