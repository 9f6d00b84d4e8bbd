import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { TestClock, ok, type TestApp } from '../support/test-app';
import { bffEntry, childEnv } from '../support/processes';
import type { Actor } from '../support/world';

/** A TestClock that follows real time (plus an offset): for tests where BullMQ's real delays fire. */
export class LiveClock extends TestClock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  set(d: Date) {
    this.offset = +d - Date.now();
  }
  advance(ms: number) {
    this.offset += ms;
  }
}

export const CLOCK_FIELDS = 'target state paused stopped warned dueAt warnAt breachedAt remainingWorkingMinutes usedWorkingMinutes limitMinutes calendar escalationSteps cycle policyId policyVersion';

export interface StepSpec {
  level: 'HANDLER' | 'PROJECT_MANAGER' | 'COMPANY' | 'COMMUNITY' | 'STREET';
  delayMinutes: number;
}

/** A second-scale 24x7 policy for one complex, created through the admin API. */
export async function fastPolicy(t: TestApp, admin: Actor, complexId: number, targets: { target: string; seconds: number; warnShare?: number; steps?: StepSpec[]; pauseWhen?: unknown }[]) {
  const r = await t.gql(
    `mutation($input: SlaPolicyInput!) { createSlaPolicyVersion(input: $input) { id version } }`,
    {
      input: {
        name: '测试秒级时限', scopeKind: 'COMPLEX', scopeId: complexId,
        targets: targets.map((x) => ({
          target: x.target, minutes: x.seconds / 60, calendar: '24x7', warnShare: x.warnShare ?? 0.5,
          ...(x.steps ? { escalation: { steps: x.steps } } : {}), ...(x.pauseWhen ? { pauseWhen: x.pauseWhen } : {}),
        })),
      },
    },
    admin.token,
  );
  return ok(r).createSlaPolicyVersion as { id: string; version: number };
}

/** SLA timeline events per ticket and kind. */
export async function slaEventCounts(ds: DataSource): Promise<Map<string, Record<string, number>>> {
  const rows = await ds.query(`SELECT ticket_id, action, COUNT(*) AS n FROM ticket_events WHERE action LIKE 'SLA\\_%' GROUP BY ticket_id, action`);
  const m = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const k = String(r.ticket_id);
    m.set(k, { ...(m.get(k) ?? {}), [r.action]: Number(r.n) });
  }
  return m;
}

/** Notifications written twice for the same person, ticket and message. */
export async function duplicateNotifications(ds: DataSource): Promise<number> {
  const rows = await ds.query(`SELECT COUNT(*) AS n FROM (SELECT user_id, ticket_id, kind, body, COUNT(*) c FROM notifications GROUP BY user_id, ticket_id, kind, body HAVING c > 1) d`);
  return Number(rows[0].n);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A worker process (dist/worker.js, or src/worker.ts under ts-node when the build is older than the
 * source: see bffEntry) on this Jest worker's database and Redis db. Resolves once it reports ready
 * (after its queues and reconciler started), so callers wait on that, not on a fixed sleep.
 */
export async function spawnWorker(env: Record<string, string> = {}): Promise<ChildProcess & { output: () => string }> {
  const bff = join(__dirname, '..', '..');
  let out = '';
  const entry = bffEntry('worker');
  const child = spawn(process.execPath, entry.args, {
    cwd: bff,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: childEnv({ ...entry.env, ...env }),
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const w = Object.assign(child, { output: () => out });
  await new Promise<void>((resolve, reject) => {
    // Not up in time: killed, so a failed start leaves no process behind.
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`worker did not start:\n${out}`))), 60_000);
    child.on('message', (m: any) => m?.ready && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`worker exited ${code}:\n${out}`))));
  });
  return w;
}

export async function stopWorker(w: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (w.exitCode !== null || w.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const hard = setTimeout(() => w.kill('SIGKILL'), 10_000); // a graceful stop waits for active jobs, not forever
    w.once('exit', () => (clearTimeout(hard), resolve()));
    w.kill(signal);
  });
}
