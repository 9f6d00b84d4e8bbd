import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastify } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Role } from '@msb/shared-types';
import { DomainError, HTTP_STATUS } from '../common/domain-error';
import { RestAuth } from '../auth/rest-auth';
import { JobQueues } from '../jobs/job-queues';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'msb_queues';

function tokenOf(req: FastifyRequest): { token: string | null; fromQuery: boolean } {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return { token: h.slice(7).trim() || null, fromQuery: false };
  const q = (req.query as Record<string, string> | undefined)?.access_token;
  if (q) return { token: q, fromQuery: true };
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
  return { token: cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : null, fromQuery: false };
}

/**
 * bull-board for every queue of the job system (jobs/job-names) at /admin/queues, for admins only: a bearer token, or once
 * `?access_token=<token>` in a browser, which is swapped for an HttpOnly cookie scoped to this path (and
 * the address bar loses the token). Anyone else: 401 without a token, 403 with a non-admin one.
 */
export async function registerQueueDashboard(app: NestFastifyApplication, fastify: FastifyInstance): Promise<void> {
  const auth = app.get(RestAuth, { strict: false });
  const queues: Queue[] = app.get(JobQueues, { strict: false }).all();
  const board = new BullBoardFastify();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: board as never, options: { uiConfig: { boardTitle: '码上办 queues' } } });
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const { token, fromQuery } = tokenOf(req);
      try {
        const viewer = await auth.viewerOf(token);
        if (!viewer.roles.has(Role.ADMIN)) return reply.status(403).send({ code: 'FORBIDDEN', message: '只有系统管理员可以查看队列' });
        if (fromQuery) {
          const secure = req.protocol === 'https' ? '; Secure' : '';
          const url = new URL(req.url, 'http://x');
          url.searchParams.delete('access_token');
          return reply.status(303)
            .header('set-cookie', `${COOKIE}=${encodeURIComponent(token!)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`)
            .header('location', `${url.pathname}${url.search}`).send();
        }
      } catch (e) {
        if (e instanceof DomainError) return reply.status(HTTP_STATUS[e.code]).send({ code: e.code, message: e.message });
        throw e;
      }
    });
    await scope.register(board.registerPlugin() as any, { prefix: QUEUE_DASHBOARD_PATH });
  });
}
