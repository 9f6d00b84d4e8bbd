import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, out: () => string = () => ''): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${out()}`);
    await sleep(100);
  }
}

const accepts = (port: number) => new Promise<boolean>((resolve) => {
  const s = new Socket();
  s.once('error', () => resolve(false));
  s.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
});

/**
 * One server process of a test's own (redis-server, mariadbd), that the test can hang (SIGSTOP), resume,
 * kill -9 and start again with the same arguments. Subclasses say how to start it and when it is up.
 */
abstract class OwnServer {
  private proc: ChildProcess | null = null;
  protected log = '';
  constructor(readonly port: number) {}

  protected abstract command(): [string, string[]];
  protected abstract ready(p: ChildProcess): Promise<boolean>;

  async up(timeoutMs = 60_000): Promise<void> {
    if (this.proc) return;
    const [cmd, args] = this.command();
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout!.on('data', (d) => (this.log += d));
    p.stderr!.on('data', (d) => (this.log += d));
    this.proc = p;
    await until(`${cmd} on ${this.port}`, async () => {
      if (p.exitCode !== null) throw new Error(`${cmd} exited: ${this.log}`);
      return this.ready(p);
    }, timeoutMs, () => this.log);
  }

  /** The server stops answering but keeps its sockets open (a hung server). */
  hang(): void {
    this.proc?.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  /** kill -9: connections reset, new ones refused; what it did not persist is gone. */
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
}

/** A redis-server of the test's own (no persistence), on a port of its own. */
export class OwnRedis extends OwnServer {
  constructor(port: number, private readonly extra: string[] = []) {
    super(port);
  }

  static async start(extra: string[] = []): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort(), extra);
    await r.up(10_000);
    return r;
  }

  protected command(): [string, string[]] {
    return ['redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...this.extra]];
  }

  protected ready(): Promise<boolean> {
    return accepts(this.port);
  }
}

/**
 * A real Redis Cluster of `n` primaries (no replicas) on loopback ports of its own, made with
 * `redis-cli --cluster create`; `env()` points a BFF at it. Each node keeps its cluster state in a temp dir.
 */
export class OwnRedisCluster {
  private constructor(readonly nodes: OwnRedis[], private readonly dir: string) {}

  static async start(n = 3): Promise<OwnRedisCluster> {
    const dir = mkdtempSync('/tmp/msb-redis-cluster-');
    const nodes: OwnRedis[] = [];
    for (let i = 0; i < n; i++) {
      const port = await freePort();
      const bus = await freePort();
      nodes.push(new OwnRedis(port, [
        '--cluster-enabled', 'yes', '--cluster-port', String(bus), '--cluster-config-file', `${dir}/nodes-${port}.conf`,
        '--cluster-node-timeout', '3000', '--maxmemory-policy', 'noeviction',
      ]));
    }
    const c = new OwnRedisCluster(nodes, dir);
    try {
      await Promise.all(nodes.map((r) => r.up(10_000)));
      execFileSync('redis-cli', ['--cluster', 'create', ...nodes.map((r) => `127.0.0.1:${r.port}`), '--cluster-replicas', '0', '--cluster-yes'], { stdio: 'pipe', timeout: 30_000 });
      await until('the cluster to be ok on every node', async () => nodes.every((r) =>
        /cluster_state:ok/.test(execFileSync('redis-cli', ['-p', String(r.port), 'cluster', 'info'], { encoding: 'utf8' }))), 30_000);
    } catch (e) {
      await c.stop();
      throw e;
    }
    return c;
  }

  env(): Record<string, string> {
    return { REDIS_CLUSTER_NODES: this.nodes.map((r) => `127.0.0.1:${r.port}`).join(','), REDIS_DB: '0' };
  }

  /** Which node serves a key (by its hash slot). */
  nodeOf(key: string): number {
    const slot = Number(execFileSync('redis-cli', ['-p', String(this.nodes[0].port), 'cluster', 'keyslot', key], { encoding: 'utf8' }).trim());
    const shards = execFileSync('redis-cli', ['-p', String(this.nodes[0].port), 'cluster', 'slots'], { encoding: 'utf8' }).trim().split('\n');
    // `cluster slots` (raw): start, end, ip, port, id, … per range.
    for (let i = 0; i + 3 < shards.length; i++) {
      const [start, end] = [Number(shards[i]), Number(shards[i + 1])];
      if (/^\d+$/.test(shards[i]) && /^\d+$/.test(shards[i + 1]) && shards[i + 2] === '127.0.0.1' && slot >= start && slot <= end) {
        return this.nodes.findIndex((r) => r.port === Number(shards[i + 3]));
      }
    }
    return -1;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((r) => r.down()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A mariadbd of the test's own (own datadir, port and socket under /tmp). Root without a password over
 * TCP (no grant tables, but on a primary). `binlog` with a `serverId` makes a primary that replicas follow; `follow` makes this
 * one a replica of another (classic binlog position replication, as `CHANGE MASTER TO` sets it up).
 */
export class OwnMariadb extends OwnServer {
  private constructor(port: number, readonly dir: string, private readonly opts: { serverId?: number; binlog?: boolean }) {
    super(port);
  }

  static async start(name: string, opts: { serverId?: number; binlog?: boolean } = {}): Promise<OwnMariadb> {
    const dir = mkdtempSync(`/tmp/msb-${name}-db-`);
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', `--user=${process.env.USER ?? 'root'}`], { stdio: 'ignore' });
    const db = new OwnMariadb(await freePort(), dir, opts);
    await db.up();
    return db;
  }

  protected command(): [string, string[]] {
    const o = this.opts;
    return ['mariadbd', [
      '--no-defaults', `--datadir=${this.dir}/data`, `--socket=${this.dir}/sock`, `--pid-file=${this.dir}/pid`, `--port=${this.port}`,
      '--bind-address=127.0.0.1', '--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M', '--performance-schema=OFF',
      // A primary keeps its grant tables: triggers it replicates name a real definer (root@localhost).
      ...(o.binlog ? [] : ['--skip-grant-tables', '--skip-name-resolve']),
      ...(o.serverId ? [`--server-id=${o.serverId}`] : []),
      ...(o.binlog ? [`--log-bin=${this.dir}/binlog`, '--binlog-format=ROW'] : ['--skip-log-bin']),
      ...(process.getuid?.() === 0 ? ['--user=root'] : []),
    ]];
  }

  async sql<T = any>(statement: string, params: unknown[] = []): Promise<T> {
    const mysql = await import('mysql2/promise');
    const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 3000 });
    try {
      return (await c.query(statement, params))[0] as T;
    } finally {
      await c.end();
    }
  }

  protected async ready(): Promise<boolean> {
    await this.sql('SELECT 1');
    return true;
  }

  /** Replicates `primary` from its current binlog position on (so start following before creating anything). */
  async follow(primary: OwnMariadb): Promise<void> {
    const [pos] = await primary.sql<{ File: string; Position: number }[]>('SHOW MASTER STATUS');
    await this.sql(`CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.port}, MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_LOG_FILE = ?, MASTER_LOG_POS = ?, MASTER_CONNECT_RETRY = 1, MASTER_USE_GTID = no`, [pos.File, pos.Position]);
    await this.sql('START SLAVE');
    await until('replication running', async () => {
      const [st] = await this.sql<any[]>('SHOW SLAVE STATUS');
      if (st?.Last_IO_Error) throw new Error(st.Last_IO_Error);
      return st?.Slave_IO_Running === 'Yes' && st?.Slave_SQL_Running === 'Yes';
    }, 30_000);
  }

  async remove(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
