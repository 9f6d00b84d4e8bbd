import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { GqlContext } from '../graphql/graphql-context';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { SlaClockView } from '../sla/models/sla.models';
import { SharedTicket, TicketShare, TicketSharing } from './sharing.models';
import { SharingService, type SharedTicketView } from './sharing.service';

@Resolver(() => SharedTicket)
export class SharingResolver {
  constructor(private readonly sharing: SharingService) {}

  @Mutation(() => TicketShare, { description: 'The reporter makes a read-only family link to their ticket (7 days; up to 10 a day)' })
  shareTicket(@CurrentViewer() viewer: Viewer, @Args('ticketId', { type: () => ID }) ticketId: string) {
    return this.sharing.share(viewer, ticketId);
  }

  @Mutation(() => Int, { description: 'Ends every family link of the ticket at once; answers how many were live' })
  stopSharingTicket(@CurrentViewer() viewer: Viewer, @Args('ticketId', { type: () => ID }) ticketId: string) {
    return this.sharing.stop(viewer, ticketId);
  }

  @Query(() => TicketSharing, { description: 'The reporter: how many family links are live, until when' })
  ticketSharing(@CurrentViewer() viewer: Viewer, @Args('ticketId', { type: () => ID }) ticketId: string) {
    return this.sharing.state(viewer, ticketId);
  }

  @Query(() => SharedTicket, { description: 'Anyone with a family link: that ticket, read-only (NOT_FOUND for any link that does not work; limited per address)' })
  sharedTicket(@Args('token') token: string, @Context('req') req: FastifyRequest) {
    return this.sharing.view(token, req.ip);
  }

  @ResolveField(() => [SlaClockView], { description: 'The deadlines, as on the owner’s page' })
  clocks(@Parent() t: SharedTicketView, @Context() ctx: GqlContext): Promise<SlaClockView[]> {
    return ctx.loaders.slaClocks.load(t.ticketId);
  }
}
