/**
 * The real stack for the end-to-end test: a BFF process (apps/bff/dist/main.js) serving the H5 build
 * on one origin, on its own database and Redis db, with an SMS gateway stand-in that captures login
 * codes, and the demo seed. Ports come from the OS. Builds only what is missing or stale.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as netServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..', '..');
const MINIAPP = join(ROOT, 'apps', 'miniapp');
const BFF = join(ROOT, 'apps', 'bff');
export const H5_DIR = join(MINIAPP, 'dist', 'h5');

export interface SentSms {
  phone: string;
  code: string;
}

export interface Stack {
  baseUrl: string;
  qrLinks: { complex: string; spot: string; link: string }[];
  /** Waits for the next login code sent to `phone`. */
  smsCode(phone: string): Promise<string>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  upload(token: string, bytes: Buffer, name: string, mime: string): Promise<{ id: string; url: string }>;
  logs(): string;
  stop(): Promise<void>;
}

function newest(dir: string, skip = /node_modules|dist|\.swc/): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (skip.test(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p, skip) : st.mtimeMs);
  }
  return t;
}

function run(cmd: string, args: string[], cwd: string) {
  // The mini-app's build scripts pin NODE_ENV=production themselves (Jest's NODE_ENV=test would add React Refresh).
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

/**
 * scripts/test.sh builds before Jest; when Jest runs alone, build here only what is missing or older
 * than its sources. E2E specs run in parallel workers: one builds under a lock while the others wait
 * (a second H5 build would wipe dist/h5 under a running browser), then finds everything fresh.
 */
export function ensureBuilt(): void {
  const shared = join(ROOT, 'packages', 'shared-types');
  const stale = (out: string, ...srcs: string[]) => !existsSync(out) || statSync(out).mtimeMs < Math.max(...srcs.map((s) => newest(s)));
  withLock(join(ROOT, 'apps', 'miniapp', '.e2e-build.lock'), () => {
    if (stale(join(shared, 'dist', 'index.js'), join(shared, 'src'))) run('pnpm', ['--filter', '@msb/shared-types', 'build'], ROOT);
    if (stale(join(BFF, 'dist', 'main.js'), join(BFF, 'src'))) run('pnpm', ['--filter', '@msb/bff', 'build'], ROOT);
    if (stale(join(H5_DIR, 'index.html'), join(MINIAPP, 'src'), join(shared, 'dist'))) run('pnpm', ['--filter', '@msb/miniapp', 'build:h5'], ROOT);
  });
}

/** A directory as a cross-process lock (mkdir is atomic); a lock older than 10 minutes is a crashed holder's. */
function withLock(dir: string, fn: () => void): void {
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch {
      const age = existsSync(dir) ? Date.now() - statSync(dir).mtimeMs : 0;
      if (age > 10 * 60_000) rmSync(dir, { recursive: true, force: true });
      else sleep(500);
    }
  }
  try {
    fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Answers as the SMS gateway does (POST /send {phone, template, params:{code}}) and keeps the codes. */
async function smsGateway(): Promise<{ server: Server; url: string; sent: SentSms[] }> {
  const sent: SentSms[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        const m = JSON.parse(body);
        if (req.url === '/send' && m.template === 'LOGIN_CODE') sent.push({ phone: m.phone, code: String(m.params.code) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent };
}

/** `name` gives a spec its own database, so specs running side by side never drop each other's. */
/** `env` adds to or overrides the BFF's environment (e.g. an outside system's URL and secrets). */
/** `empty` starts from an empty database with only a bureau admin (the admin:create command), instead of the demo seed. */
export async function startStack(opts: { name?: string; h5Dir?: string; env?: Record<string, string>; empty?: { phone: string; name: string; password: string } } = {}): Promise<Stack> {
  const sms = await smsGateway();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const uploads = mkdtempSync(join(tmpdir(), 'msb-e2e-uploads-'));
  const prefix = process.env.MSB_TEST_DB_PREFIX ?? 'msb_test';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    DB_NAME: `${prefix}_e2e${opts.name ? `_${opts.name}` : ''}`,
    // Jest workers' integration tests use BASE+1…; the e2e BFF takes BASE itself.
    REDIS_DB: String(Number(process.env.MSB_TEST_REDIS_DB_BASE ?? 0) % 16),
    H5_DIR: opts.h5Dir ?? H5_DIR,
    UPLOADS_DIR: uploads,
    // A burst on two busy cores may wait longer than production's 5 s for a pooled connection.
    DB_ACQUIRE_TIMEOUT_MS: '20000',
    SMS_API_BASE: sms.url,
    SMS_API_KEY: 'e2e',
    // The flows sign the same owner in again within a minute; the resend limit itself is tested in bff-int.
    SMS_RESEND_SECONDS: '1',
    QR_KEYS: 'k1:e2e-qr-key',
    JWT_SECRET: 'e2e-jwt-secret',
    RUN_WORKERS: 'false',
    ...opts.env,
  };

  // A fresh database: the demo seed runs only on an empty one.
  const drop = spawnSync('mysql', ['--protocol=tcp', '-h', env.DB_HOST ?? '127.0.0.1', '-P', env.DB_PORT ?? '3306', '-u', env.DB_USER ?? 'root', ...(env.DB_PASSWORD ? [`-p${env.DB_PASSWORD}`] : []), '-e', `DROP DATABASE IF EXISTS \`${env.DB_NAME}\``], { encoding: 'utf8' });
  if (drop.status !== 0) throw new Error(`dropping ${env.DB_NAME} failed: ${drop.stderr}`);
  const e = opts.empty;
  const seed = e
    ? spawnSync(process.execPath, [join(BFF, 'dist', 'admin', 'admin-create.cli.js'), '--phone', e.phone, '--name', e.name, '--password', e.password], { cwd: ROOT, env, encoding: 'utf8' })
    : spawnSync(process.execPath, [join(BFF, 'dist', 'seed', 'seed.cli.js')], { cwd: ROOT, env, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stdout}\n${seed.stderr}`);
  const qrLinks = [...seed.stdout.matchAll(/^\s+(\S+) (\S+): (http\S+\/q\/\S+)$/gm)].map((m) => ({ complex: m[1], spot: m[2], link: m[3] }));
  if (!qrLinks.length && !e) throw new Error(`no QR links in the seed output:\n${seed.stdout}`);

  let out = '';
  const bff: ChildProcess = spawn(process.execPath, [join(BFF, 'dist', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  bff.stdout?.on('data', (d) => (out += d));
  bff.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => bff.once('exit', r));
  for (let i = 0; ; i++) {
    if (bff.exitCode !== null) throw new Error(`BFF exited (${bff.exitCode}):\n${out}`);
    const ok = await fetch(`${baseUrl}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 150) throw new Error(`BFF not ready after 30 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
    return body.data;
  };

  return {
    baseUrl,
    qrLinks,
    gql,
    async smsCode(phone) {
      for (let i = 0; i < 100; i++) {
        const hit = [...sms.sent].reverse().find((s) => s.phone === phone);
        if (hit) {
          sms.sent.splice(sms.sent.indexOf(hit), 1);
          return hit.code;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no SMS code sent to ${phone}`);
    },
    async upload(token, bytes, name, mime) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: mime }), name);
      const res = await fetch(`${baseUrl}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (!res.ok) throw new Error(`upload ${res.status}: ${await res.text()}`);
      return (await res.json()) as { id: string; url: string };
    },
    logs: () => out,
    async stop() {
      if (bff.exitCode === null) {
        bff.kill('SIGTERM');
        const t = setTimeout(() => bff.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      await new Promise((r) => sms.server.close(r));
      rmSync(uploads, { recursive: true, force: true });
    },
  };
}
