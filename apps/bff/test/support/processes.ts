import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { workerDbName, workerRedisDb } from './test-env';
import { freePort, until } from './own-servers';

/**
 * How to run one of the BFF's entry points (`main`, `worker`) in a child process: the built file
 * (apps/bff/dist, what production runs; starts in ~2 s on a busy machine) when it is newer than every
 * source file, else the source under ts-node + swc (~10–30 s on two busy cores). Never stale code.
 */
export function bffEntry(name: 'main' | 'worker'): { args: string[]; env: Record<string, string> } {
  const { existsSync, readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
  const bff = join(__dirname, '..', '..');
  const built = join(bff, 'dist', `${name}.js`);
  const newest = (dir: string): number => {
    let m = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      m = Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
    }
    return m;
  };
  const shared = join(bff, '..', '..', 'packages', 'shared-types', 'src');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(newest(join(bff, 'src')), newest(shared))) {
    return { args: [built], env: {} };
  }
  return { args: ['-r', 'ts-node/register', join(bff, 'src', `${name}.ts`)], env: { TS_NODE_PROJECT: join(bff, 'tsconfig.json'), TS_NODE_SWC: 'true' } };
}

export { freePort, OwnMariadb, OwnRedis, OwnRedisCluster, until } from './own-servers';

/**
 * The environment of a BFF or worker child process: this Jest worker's database and Redis db (what the
 * in-process test app uses), then `env` on top (another database server, a Redis Cluster, S3 storage).
 */
export function childEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
    DB_PORT: process.env.DB_PORT ?? '3306',
    DB_USER: process.env.DB_USER ?? 'root',
    DB_PASSWORD: process.env.DB_PASSWORD ?? '',
    DB_NAME: workerDbName(),
    REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
    REDIS_PORT: process.env.REDIS_PORT ?? '6379',
    REDIS_DB: String(workerRedisDb()),
    QR_KEYS: 'k0:old-test-key,k1:test-qr-key',
    QR_ACTIVE_KID: 'k1',
    UPLOADS_DIR: `/tmp/msb-test-uploads-${workerDbName()}`,
    // As in test-env: a burst on two busy cores may wait longer than production's 5 s for a connection.
    DB_ACQUIRE_TIMEOUT_MS: '20000',
    ...env,
  };
}

export interface BffProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  alive(): boolean;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, timeoutMs?: number): Promise<{ status: number; body: { data: T | null; errors?: { message: string; extensions: { code: string } }[] } }>;
  stop(): Promise<void>;
}

/**
 * The real BFF (dist/main.js, or src/main.ts under ts-node when the build is older than the source; see bffEntry) as a child process on this Jest worker's database.
 * Resolves once /health/live answers (not /ready: a test may start it while Redis is down).
 */
export async function spawnBff(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BffProcess> {
  const bff = join(__dirname, '..', '..');
  const port = await freePort();
  let out = '';
  const entry = bffEntry('main');
  const child = spawn(process.execPath, [...nodeArgs, ...entry.args], {
    cwd: bff,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv({ ...entry.env, HOST: '127.0.0.1', PORT: String(port), H5_DIR: '', ...env }),
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  await until('the BFF to answer /health/live', async () => {
    if (!alive()) throw Object.assign(new Error(`BFF exited ${child.exitCode}:\n${out}`), { fatal: true });
    return (await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) })).ok;
  }, 150_000, () => out).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
  return {
    child, url, alive,
    output: () => out,
    async gql(query, variables, token, timeoutMs = 10_000) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    async stop() {
      if (!alive()) return;
      await new Promise<void>((resolve) => {
        const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(hard), resolve()));
        child.kill('SIGTERM');
      });
    },
  };
}

/** GET /health/ready's status code (0 when it does not answer within 3 s). */
export async function readiness(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3000) })).status;
  } catch {
    return 0;
  }
}
