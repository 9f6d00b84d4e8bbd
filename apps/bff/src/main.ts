import 'reflect-metadata';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from './config/app-config';
import { checkRedis, prepareDatabase, ServiceUnreachableError } from './database/database-bootstrap';
import { createApp } from './app.factory';

async function main() {
  const config = loadConfig();
  // Redis only wakes things up: without it the BFF serves from MySQL (not ready) and connects when it comes.
  await checkRedis(config).catch((e) => console.warn(`${e.message}\nStarting anyway: /health/ready answers 503 until Redis is reached; wake-ups catch up then.`));
  // Under BFF_PROCESSES=N (dist/cluster.js) the primary has migrated before forking this process.
  if (process.env.MSB_DB_PREPARED !== '1') await prepareDatabase(config);
  // JSON lines on stdout (Fastify's pino): request id on every line, phones and tokens scrubbed.
  const app = await createApp(config, { jsonLogs: true });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const log = fastify.log;

  /**
   * SIGTERM/SIGINT (docker stop, systemd, a supervisor): stop accepting connections (requests arriving on
   * open keep-alive connections get 503), let in-flight requests finish, then let the workers finish their
   * active jobs and close MySQL/Redis, and exit 0. Past SHUTDOWN_TIMEOUT_MS the process exits 1 anyway.
   */
  let draining = false;
  const drain = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    log.info({ signal }, 'shutting down: no new connections, draining in-flight requests and jobs');
    const deadline = setTimeout(() => {
      log.error({ afterMs: Date.now() - started }, 'drain did not finish in time; exiting');
      process.exit(1);
    }, config.ops.shutdownTimeoutMs);
    deadline.unref();
    // Keep-alive connections that fall idle once their request is answered are closed too (Fastify
    // closes only those idle at the start; the others would hold the drain for keepAliveTimeout).
    const idle = setInterval(() => fastify.server.closeIdleConnections(), 100);
    idle.unref();
    try {
      await fastify.close();
      clearInterval(idle);
      log.info({ afterMs: Date.now() - started }, 'HTTP drained; stopping workers and connections');
      await app.close();
      log.info({ afterMs: Date.now() - started }, 'drained; exiting');
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  // Answers given while draining tell the client not to reuse the connection.
  fastify.addHook('onSend', async (_req, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  process.once('SIGTERM', () => void drain('SIGTERM'));
  process.once('SIGINT', () => void drain('SIGINT'));

  await app.listen(config.port, config.host);
  log.info({ url: config.publicBaseUrl }, `码上办 BFF listening on ${config.publicBaseUrl} (GraphQL at /graphql)`);
}

main().catch((e) => {
  if (e instanceof ServiceUnreachableError || e instanceof ConfigError) {
    console.error(`\n${e.message}\n`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
