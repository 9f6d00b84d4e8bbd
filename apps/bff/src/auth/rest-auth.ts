import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../common/domain-error';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { AuthService } from './auth.service';

/** The bearer token of a request; `query: false` (GraphQL) reads the Authorization header only. */
export function bearerOf(req: FastifyRequest, opts: { query?: boolean } = {}): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  if (opts.query === false) return null;
  // <img> tags cannot send headers: a token query parameter is accepted for media downloads.
  const q = (req.query as Record<string, string> | undefined)?.access_token;
  return q || null;
}

/** The viewer for plain HTTP routes (uploads, media). */
@Injectable()
export class RestAuth {
  constructor(private readonly auth: AuthService, private readonly org: OrgService) {}

  async viewer(req: FastifyRequest): Promise<Viewer> {
    return this.viewerOf(bearerOf(req));
  }

  /** The viewer a token names (UNAUTHENTICATED for none, an invalid one, or a deleted account). */
  async viewerOf(token: string | null): Promise<Viewer> {
    if (!token) throw unauthenticated();
    const v = await this.org.loadViewer(this.auth.verify(token));
    if (!v) throw unauthenticated('账号不存在，请重新登录');
    return v;
  }
}
