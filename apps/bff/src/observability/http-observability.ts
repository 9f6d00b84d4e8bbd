import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import { graphqlOperationOf, Metrics } from './metrics';
import { requestIdFrom, runWithRequestId } from './request-context';

/**
 * Per request: its id (the client's X-Request-Id when sane, else a fresh one; answered back in the same
 * header) entered into the request context before any other hook, so every line logged while serving
 * it names it; at the end its duration by route (and by GraphQL operation), and REST error codes.
 */
export function registerRequestObservability(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    runWithRequestId(req.id, done);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 400 && req.routeOptions.url !== '/graphql' && typeof payload === 'string' && payload.startsWith('{')) {
      try {
        const code = (JSON.parse(payload) as { code?: unknown }).code;
        metrics.errors.inc({ code: typeof code === 'string' ? code.slice(0, 32) : String(reply.statusCode), via: 'http' });
      } catch {
        /* not JSON after all */
      }
    }
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const seconds = reply.elapsedTime / 1000;
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.http.observe({ route, method: req.method, status: String(reply.statusCode) }, seconds);
    if (route === '/graphql' && req.method !== 'GET') {
      const op = graphqlOperationOf(req.body);
      metrics.graphql.observe({ operation: metrics.operationLabel(op.name), type: op.type }, seconds);
    }
  });
}

/** Fastify's request id: the client's X-Request-Id when it is a sane token, else a UUID. */
export const genReqId = (req: { headers: Record<string, string | string[] | undefined> }) => requestIdFrom(req.headers['x-request-id']);

/** DB pool use (mysql2 under TypeORM) and live HTTP/WebSocket connections, read at scrape time. */
export function registerRuntimeGauges(app: FastifyInstance, metrics: Metrics, ds: DataSource): void {
  metrics.gaugeFrom('msb_db_pool_connections', 'MySQL pool connections by state (busy, idle, total) and requests waiting for one', ['state'], (set) => {
    const pool = (ds.driver as unknown as { pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number }; _connectionQueue?: { length: number }; config?: { connectionLimit?: number } } }).pool;
    if (!pool) return;
    const total = pool._allConnections?.length ?? 0;
    const idle = pool._freeConnections?.length ?? 0;
    set({ state: 'total' }, total);
    set({ state: 'idle' }, idle);
    set({ state: 'busy' }, total - idle);
    set({ state: 'waiting' }, pool._connectionQueue?.length ?? 0);
    set({ state: 'limit' }, pool.config?.connectionLimit ?? 0);
  });
  metrics.gaugeFrom('msb_live_connections', 'Open connections: HTTP sockets and GraphQL subscription WebSockets', ['kind'], async (set) => {
    const http = await new Promise<number>((resolve) => app.server.getConnections((e, n) => resolve(e ? 0 : n)));
    set({ kind: 'http' }, http);
    const ws = (app as unknown as { websocketServer?: { clients?: Set<unknown> } }).websocketServer?.clients?.size ?? 0;
    set({ kind: 'websocket' }, ws);
  });
}
