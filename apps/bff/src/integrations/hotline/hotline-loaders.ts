import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { GqlContextRegistry } from '../../graphql/graphql-context';
import type { HotlineOrderView } from './hotline.models';
import { HotlineService } from './hotline.service';

declare module '../../graphql/graphql-context' {
  interface Loaders {
    /** The 12345 order of each ticket (null when none), by ticket id. */
    hotlineOrders: DataLoader<string, HotlineOrderView | null>;
  }
}

/** The hotline's per-request batch loader: the orders of a page of tickets in one query. */
@Injectable()
export class HotlineLoaders {
  constructor(registry: GqlContextRegistry, hotline: HotlineService) {
    registry.loader('hotlineOrders', () => new DataLoader(async (ids) => {
      const orders = new Map((await hotline.ordersOf(ids)).map((o) => [o.ticketId, o]));
      return ids.map((id) => {
        const o = orders.get(id);
        return o ? { orderNo: o.orderNo, confidential: o.confidential, signBy: o.signBy, contactBy: o.contactBy, resolveBy: o.resolveBy, contactedAt: o.contactedAt, redoCount: o.redoCount, state: o.state } : null;
      });
    }));
  }
}
