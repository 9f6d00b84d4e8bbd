import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { REFUSE_REASON_PHRASES, RETURN_REASON_PHRASES, replyTemplatesFor } from '@msb/shared-types';
import { Handler, Unit } from '../org/models/org.models';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { TicketsService } from './tickets.service';
import { ContactReveal, HandlingPhrases } from './models/handling.models';

/** Helpers for the staff handling screens: the logged contact reveal, canned phrases, whom to assign. */
@Resolver()
export class HandlingResolver {
  constructor(private readonly tickets: TicketsService) {}

  @Mutation(() => ContactReveal, { description: 'The owner’s phone for the assigned handler; logs CONTACT_REVEALED on the timeline' })
  async revealContact(@CurrentViewer() viewer: Viewer, @Args('ticketId', { type: () => ID }) ticketId: string) {
    return this.tickets.revealContact(viewer, ticketId);
  }

  @Query(() => HandlingPhrases)
  async handlingPhrases(@CurrentViewer() _viewer: Viewer, @Args('categoryCode') categoryCode: string): Promise<HandlingPhrases> {
    return { replies: replyTemplatesFor(categoryCode), refuseReasons: [...REFUSE_REASON_PHRASES], returnReasons: [...RETURN_REASON_PHRASES] };
  }

  @Query(() => [Unit], { description: 'Where a handler may dispatch: outside departments and their own company’s teams; with ticketId, exactly those that ticket may be dispatched to' })
  async dispatchTargets(@CurrentViewer() viewer: Viewer, @Args('ticketId', { type: () => ID, nullable: true }) ticketId?: string | null): Promise<Unit[]> {
    return this.tickets.dispatchTargets(viewer, ticketId);
  }

  @Query(() => [Handler], { description: 'Whom the caller may give this ticket to now (受理并指派 before it is accepted, 指派 after), fewest open first; empty when they may not' })
  async assignees(@CurrentViewer() viewer: Viewer, @Args('ticketId', { type: () => ID }) ticketId: string): Promise<Handler[]> {
    return this.tickets.assignees(viewer, ticketId);
  }

  @Query(() => [Handler], { description: 'Staff and managers of a complex with their open load (for assigning)' })
  async handlers(@CurrentViewer() viewer: Viewer, @Args('complexId', { type: () => Int }) complexId: number): Promise<Handler[]> {
    return this.tickets.handlersOf(viewer, complexId);
  }
}
