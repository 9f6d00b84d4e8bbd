import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { unauthenticated } from '../common/domain-error';
import { canView } from '../tickets/domain/ticket-access';
import { Notification } from '../notifications/models/notification.models';
import { LivePublisher } from './live-publisher';
import { TicketChangedFilter, TicketLiveEvent } from './live.models';
import type { LiveContext } from './subscription-auth';
import type { TicketLivePayload } from './ticket-live.listener';

type TicketChangedMsg = { ticketChanged: TicketLivePayload };

function viewerOf(ctx: LiveContext) {
  if (!ctx.viewer) throw unauthenticated('订阅需要在 connection_init 中携带 authorization');
  return ctx.viewer;
}

/** Live updates over graphql-ws. Events come through Redis from whichever BFF process committed the change. */
@Resolver()
export class LiveResolver {
  constructor(private readonly live: LivePublisher) {}

  @Subscription(() => TicketLiveEvent, {
    description: 'Changes of tickets the caller may see (new reports included), as they commit',
    filter(this: LiveResolver, msg: TicketChangedMsg, vars: { filter?: TicketChangedFilter | null }, ctx: LiveContext) {
      const { event, facts } = msg.ticketChanged;
      const f = vars.filter;
      if (f?.ticketId && f.ticketId !== event.ticketId) return false;
      if (f?.complexId != null && f.complexId !== event.complexId) return false;
      if (f?.toStatuses?.length && !f.toStatuses.includes(event.toStatus as never)) return false;
      return !!ctx.viewer && canView(ctx.viewer, { ...facts, mediationRequestedAt: facts.mediationRequestedAt ? new Date(facts.mediationRequestedAt) : null });
    },
    resolve: (msg: TicketChangedMsg) => ({ ...msg.ticketChanged.event, at: new Date(msg.ticketChanged.event.at) }),
  })
  ticketChanged(@Context() ctx: LiveContext, @Args('filter', { type: () => TicketChangedFilter, nullable: true }) _filter?: TicketChangedFilter) {
    viewerOf(ctx);
    return ctx.pubsub.subscribe(this.live.topics.ticketChanged);
  }

  @Subscription(() => Notification, {
    description: "The caller's new in-app notifications",
    resolve: (msg: { notificationAdded: Notification & { createdAt: string } }) => ({ ...msg.notificationAdded, createdAt: new Date(msg.notificationAdded.createdAt), readAt: null }),
  })
  notificationAdded(@Context() ctx: LiveContext) {
    return ctx.pubsub.subscribe(this.live.topics.notificationAdded(viewerOf(ctx).userId));
  }
}
