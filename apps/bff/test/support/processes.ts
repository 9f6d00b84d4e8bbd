import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { workerDbName, workerRedisDb } from './test-env';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, out: () => string = () => ''): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${out()}`);
    await sleep(100);
  }
}

/** A redis-server of the test's own (no persistence), on a port of its own, that the test can stop and start again. */
export class OwnRedis {
  private proc: ChildProcess | null = null;
  constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.up();
    return r;
  }

  async up(): Promise<void> {
    if (this.proc) return;
    const p = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.proc = p;
    await until(`redis-server on ${this.port}`, async () => {
      const { Socket } = await import('node:net');
      return new Promise<boolean>((resolve) => {
        const s = new Socket();
        s.once('error', () => resolve(false));
        s.connect(this.port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      });
    }, 10_000);
  }

  /** The server stops answering but keeps its sockets open (a hung Redis). */
  hang(): void {
    this.proc?.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  /** Kills the server (its data is gone, as after a crash without persistence). */
  async down(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    this.proc = null;
    await new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }
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
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      ...entry.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
      DB_PORT: process.env.DB_PORT ?? '3306',
      DB_USER: process.env.DB_USER ?? 'root',
      DB_PASSWORD: process.env.DB_PASSWORD ?? '',
      DB_NAME: workerDbName(),
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: process.env.REDIS_PORT ?? '6379',
      REDIS_DB: String(workerRedisDb()),
      QR_KEYS: 'k0:old-test-key,k1:test-qr-key',
      QR_ACTIVE_KID: 'k1',
      UPLOADS_DIR: `/tmp/msb-test-uploads-${workerDbName()}`,
      H5_DIR: '',
      ...env,
    },
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

/**
 * A mariadbd of the test's own (own datadir, port and socket under /tmp), that the test can hang
 * (SIGSTOP), resume, kill and start again. Root without a password over TCP.
 */
export class OwnMariadb {
  private proc: ChildProcess | null = null;
  private log = '';
  private constructor(readonly port: number, readonly dir: string) {}

  static async start(name: string): Promise<OwnMariadb> {
    const { mkdtempSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const dir = mkdtempSync(`/tmp/msb-${name}-db-`);
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', `--user=${process.env.USER ?? 'root'}`], { stdio: 'ignore' });
    const db = new OwnMariadb(await freePort(), dir);
    await db.up();
    return db;
  }

  async up(): Promise<void> {
    if (this.proc) return;
    const p = spawn('mariadbd', [
      '--no-defaults', `--datadir=${this.dir}/data`, `--socket=${this.dir}/sock`, `--pid-file=${this.dir}/pid`, `--port=${this.port}`,
      '--bind-address=127.0.0.1', '--skip-grant-tables', '--skip-name-resolve', '--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M',
      '--performance-schema=OFF', '--skip-log-bin', ...(process.getuid?.() === 0 ? ['--user=root'] : []),
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout!.on('data', (d) => (this.log += d));
    p.stderr!.on('data', (d) => (this.log += d));
    this.proc = p;
    await until(`mariadbd on ${this.port}`, async () => {
      if (p.exitCode !== null) throw new Error(`mariadbd exited: ${this.log}`);
      const mysql = await import('mysql2/promise');
      const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1000 });
      await c.end();
      return true;
    }, 60_000, () => this.log);
  }

  /** The server stops answering but keeps its sockets open (a hung database). */
  hang(): void {
    this.proc?.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  /** kill -9: connections reset, new ones refused. */
  async down(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    this.proc = null;
    await new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill('SIGCONT');
      p.kill('SIGKILL');
    });
  }

  async remove(): Promise<void> {
    await this.down();
    const { rmSync } = await import('node:fs');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
