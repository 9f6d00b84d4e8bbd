import { Injectable } from '@nestjs/common';
import { TicketAction as A } from '@msb/shared-types';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import type { Found, Needs } from './domain/action-inputs';
import { TicketLinks } from './ticket-links';
import { TicketEventsRepository } from './ticket-events.repository';
import { TicketsRepository, type TicketRow } from './tickets.repository';

/** Answers what an action's input asks to look up (the action's rule decides what that means); the only I/O of an input rule. */
@Injectable()
export class ActionLookups {
  constructor(private readonly repo: TicketsRepository, private readonly events: TicketEventsRepository, private readonly org: OrgService, private readonly links: TicketLinks) {}

  async lookUp(n: Needs, t: TicketRow, viewer: Viewer): Promise<Found> {
    const [assigneeIsHandler, duplicate, unit, prior, dispatcherId, linked, category] = await Promise.all([
      n.assigneeId === undefined ? undefined : this.org.isHandlerFor(n.assigneeId, t.complexId, t.handlingUnitId),
      n.duplicateOfNumber === undefined ? undefined : this.repo.findByNumber(n.duplicateOfNumber),
      n.unitId === undefined ? undefined : this.org.unit(n.unitId),
      n.priorOf === undefined ? undefined : this.events.countEvents(t.id, n.priorOf),
      n.dispatcher === undefined ? undefined : this.events.lastActor(t.id, A.DISPATCH),
      this.links.lookUp(n, t, viewer),
      // Reclassify: only a category offered at the ticket's complex (as for filing).
      n.categoryCode === undefined ? undefined : this.org.categoryToFile(n.categoryCode, { companyId: t.companyId, communityId: t.communityId }),
    ]);
    return {
      ...linked, assigneeIsHandler, duplicate: duplicate ?? null, unit: unit ?? null, prior, dispatcherId: dispatcherId ?? null,
      category: category ? { code: category.code, name: category.name } : null,
    };
  }
}
