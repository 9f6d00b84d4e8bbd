import type { AuthService } from '../auth/auth.service';
import type { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';

/** What a subscription resolver finds in its context (Mercurius merges onConnect's result into it). */
export interface LiveContext {
  viewer?: Viewer;
  pubsub: { subscribe(topic: string | string[]): Promise<AsyncIterable<unknown>> };
}

/**
 * graphql-ws `connection_init` payload `{ authorization: 'Bearer …' }` → the viewer for the socket's
 * lifetime. A missing or invalid token refuses the connection.
 */
export function subscriptionOnConnect(auth: AuthService, org: OrgService) {
  return async (data: { payload?: Record<string, unknown> | null }): Promise<{ viewer: Viewer } | false> => {
    const raw = data?.payload?.authorization ?? data?.payload?.Authorization;
    if (typeof raw !== 'string') return false;
    const token = raw.startsWith('Bearer ') ? raw.slice(7).trim() : raw.trim();
    try {
      const viewer = await org.loadViewer(auth.verify(token));
      return viewer ? { viewer } : false;
    } catch {
      return false;
    }
  };
}
