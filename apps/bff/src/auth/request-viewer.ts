import { Injectable } from '@nestjs/common';
import { unauthenticated } from '../common/domain-error';
import { GqlContextRegistry } from '../graphql/graphql-context';
import { VIEWER_SOURCE, type ViewerSource } from '../org/current-viewer';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { AuthService } from './auth.service';
import { bearerOf } from './rest-auth';

/** Who is calling, from the request's bearer token; resolved once per request and only when a resolver asks. */
export class RequestAuth implements ViewerSource {
  private memo?: Promise<Viewer | null>;

  constructor(
    private readonly bearer: string | null,
    private readonly auth: AuthService,
    private readonly org: OrgService,
  ) {}

  optional(): Promise<Viewer | null> {
    this.memo ??= (async () => {
      if (!this.bearer) return null;
      const userId = this.auth.verify(this.bearer);
      const viewer = await this.org.loadViewer(userId);
      if (!viewer) throw unauthenticated('账号不存在，请重新登录');
      return viewer;
    })();
    return this.memo;
  }

  async viewer(): Promise<Viewer> {
    const v = await this.optional();
    if (!v) throw unauthenticated();
    return v;
  }
}

/** Plugs "who is calling" into every GraphQL request's context (read by org's CurrentViewer decorator). */
@Injectable()
export class RequestViewerContext {
  constructor(registry: GqlContextRegistry, auth: AuthService, org: OrgService) {
    registry.piece(VIEWER_SOURCE, (req) => new RequestAuth(bearerOf(req, { query: false }), auth, org));
  }
}
