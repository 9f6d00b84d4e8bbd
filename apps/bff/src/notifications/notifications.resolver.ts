import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { badInput } from '../common/domain-error';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { NotificationsService } from './notifications.service';
import { MarkNotificationsReadInput, NotificationConnection } from './models/notification.models';

const MAX_PAGE = 50;

@Resolver()
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: "The caller's notifications, newest first" })
  async notifications(
    @CurrentViewer() v: Viewer,
    @Args('first', { type: () => Int, nullable: true, description: `Page size, 1–${MAX_PAGE}; default 20` }) first?: number,
    @Args('after', { nullable: true, description: "The previous page's pageInfo.endCursor" }) after?: string,
  ): Promise<NotificationConnection> {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw badInput(`first 须在 1–${MAX_PAGE} 之间`, { field: 'first' });
    const [rows, unreadCount] = await Promise.all([this.service.page(v, after, n + 1), this.service.unreadCount(v)]);
    const nodes = rows.slice(0, n);
    return { nodes, unreadCount, pageInfo: { hasNextPage: rows.length > n, endCursor: nodes.length ? nodes[nodes.length - 1].id : null } };
  }

  @Query(() => Int)
  async unreadNotificationCount(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.service.unreadCount(viewer);
  }

  @Mutation(() => Int, { description: 'Marks the given (or all) notifications read; returns the unread count after' })
  async markNotificationsRead(@CurrentViewer() v: Viewer, @Args('input') input: MarkNotificationsReadInput): Promise<number> {
    await this.service.markRead(v, input.ids, input.all);
    return this.service.unreadCount(v);
  }
}
