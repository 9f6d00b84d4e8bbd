import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { REFUSE_REASON_PHRASES, RETURN_REASON_PHRASES, replyTemplatesFor } from '@msb/shared-types';
import type { GqlContext } from '../graphql/graphql-context';
import { Handler } from '../org/models/org.models';
import { TicketsService } from './tickets.service';
import { ContactReveal, HandlingPhrases } from './models/handling.models';

/** Helpers for the staff handling screens: the logged contact reveal, canned phrases, whom to assign. */
@Resolver()
export class HandlingResolver {
  constructor(private readonly tickets: TicketsService) {}

  @Mutation(() => ContactReveal, { description: 'The owner’s phone for the assigned handler; logs CONTACT_REVEALED on the timeline' })
  async revealContact(@Context() ctx: GqlContext, @Args('ticketId', { type: () => ID }) ticketId: string) {
    return this.tickets.revealContact(await ctx.auth.viewer(), ticketId);
  }

  @Query(() => HandlingPhrases)
  async handlingPhrases(@Context() ctx: GqlContext, @Args('categoryCode') categoryCode: string): Promise<HandlingPhrases> {
    await ctx.auth.viewer();
    return { replies: replyTemplatesFor(categoryCode), refuseReasons: [...REFUSE_REASON_PHRASES], returnReasons: [...RETURN_REASON_PHRASES] };
  }

  @Query(() => [Handler], { description: 'Staff and managers of a complex with their open load (for assigning)' })
  async handlers(@Context() ctx: GqlContext, @Args('complexId', { type: () => Int }) complexId: number): Promise<Handler[]> {
    return this.tickets.handlersOf(await ctx.auth.viewer(), complexId);
  }
}
