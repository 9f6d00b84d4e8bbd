import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "The owner's contact, for the assigned handler; every reveal is on the timeline" })
export class ContactReveal {
  @Field() phone: string;
  @Field() name: string;
}

@ObjectType({ description: 'Canned phrases for handling screens' })
export class HandlingPhrases {
  @Field(() => [String], { description: 'Reply/result templates for the category, then general ones' }) replies: string[];
  @Field(() => [String]) refuseReasons: string[];
  @Field(() => [String]) returnReasons: string[];
}
