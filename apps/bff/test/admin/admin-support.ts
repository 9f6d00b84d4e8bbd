import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { OrgService } from '../../src/org/org.service';
import { ok, type TestApp } from '../support/test-app';
import { workerDbName, workerRedisDb } from '../support/test-env';

/** Runs a BFF command-line tool from source (ts-node + swc) against the worker's database; resolves with its exit code and output. */
export function runCli(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const bff = join(__dirname, '..', '..');
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(process.execPath, ['-r', 'ts-node/register', join(bff, 'src', script), ...args], {
      cwd: bff,
      env: {
        PATH: process.env.PATH ?? '', NODE_ENV: 'test', TS_NODE_PROJECT: join(bff, 'tsconfig.json'), TS_NODE_SWC: 'true', TS_NODE_TRANSPILE_ONLY: 'true',
        DB_HOST: process.env.DB_HOST ?? '127.0.0.1', DB_PORT: process.env.DB_PORT ?? '3306', DB_USER: process.env.DB_USER ?? 'root',
        DB_PASSWORD: process.env.DB_PASSWORD ?? '', DB_NAME: workerDbName(), REDIS_HOST: '127.0.0.1', REDIS_PORT: process.env.REDIS_PORT ?? '6379',
        REDIS_DB: String(workerRedisDb()), QR_KEYS: 'k0:old-test-key,k1:test-qr-key', QR_ACTIVE_KID: 'k1', PUBLIC_BASE_URL: 'http://test.local', RUN_WORKERS: 'false',
        ...env,
      },
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

export async function login(t: TestApp, phone: string, password: string): Promise<string> {
  const r = ok(await t.gql('mutation($p: String!, $w: String!) { loginWithPassword(phone: $p, password: $w) { token } }', { p: phone, w: password }));
  return r.loginWithPassword.token as string;
}

/** An owner account (as SMS sign-in would create it) and its token. */
export async function owner(t: TestApp, phone: string): Promise<string> {
  const id = await t.app.get(OrgService).ensureOwner({ phone }, '业主');
  return t.app.get(JwtService).sign({ sub: id });
}

export const PLACE = 'kind id name active parentId level address companyId buildingId spotKind servicePhone emergencyPhone';

/** createPlace as `token`; returns the new place's id (throws on errors). */
export async function create(t: TestApp, token: string, input: Record<string, unknown>): Promise<number> {
  const r = ok(await t.gql(`mutation($i: CreatePlaceInput!) { createPlace(input: $i) { ${PLACE} } }`, { i: input }, token));
  return r.createPlace.id as number;
}

export const countEvents = async (t: TestApp) => Number((await t.ds.query('SELECT COUNT(*) AS n FROM admin_events'))[0].n);
