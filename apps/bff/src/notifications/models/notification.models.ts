import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotificationKind } from '@msb/shared-types';

registerEnumType(NotificationKind, { name: 'NotificationKind' });

@ObjectType()
export class Notification {
  @Field(() => ID) id: string;
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field() title: string;
  @Field() body: string;
  @Field(() => ID, { nullable: true }) ticketId: string | null;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType()
export class NotificationPageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [Notification]) nodes: Notification[];
  @Field(() => NotificationPageInfo) pageInfo: NotificationPageInfo;
  @Field(() => Int) unreadCount: number;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'These notifications of the caller' }) ids?: string[];
  @Field({ nullable: true, description: 'Every unread notification of the caller' }) all?: boolean;
}
