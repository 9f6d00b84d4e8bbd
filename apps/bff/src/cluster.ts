import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareDatabase, ServiceUnreachableError } from './database/database-bootstrap';

/**
 * `BFF_PROCESSES=N node dist/cluster.js`: N BFF processes serving one port (Node cluster: the primary accepts
 * and hands connections round-robin to the HTTP processes), with the job workers (SLA wake-ups, outboxes, the
 * figures' catch-up) in their own process (`dist/worker.js`, `BFF_JOB_WORKERS`, default 1), so jobs never share
 * an event loop with requests. The primary migrates once before anything starts; an HTTP or worker process that
 * dies is started again. SIGTERM/SIGINT go to every child (each drains as it does alone); the primary exits 0
 * when all have, 1 if any failed. Without BFF_PROCESSES this is `dist/main.js` as it always was (jobs in-process).
 */
export function processCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BFF_PROCESSES ?? 1);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`BFF_PROCESSES must be an integer 1–64, got ${env.BFF_PROCESSES}`);
  return n;
}

async function primary(n: number): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  const jobWorkers = Math.max(0, Number(process.env.BFF_JOB_WORKERS ?? 1) || 0);
  let stopping = false;
  let failed = false;
  const httpEnv = { ...process.env, RUN_WORKERS: 'false', MSB_DB_PREPARED: '1' };
  const startHttp = (): Worker => cluster.fork(httpEnv);
  const workers: ChildProcess[] = [];
  const startJobs = (slot: number): void => {
    const child = fork(join(__dirname, 'worker.js'), [], { env: { ...process.env, RUN_WORKERS: 'true' }, stdio: 'inherit' });
    workers[slot] = child;
    child.on('exit', (code, signal) => {
      if (stopping) { if (code !== 0) failed = true; return; }
      console.error(`job worker ${child.pid} exited (${signal ?? code}); starting another`);
      setTimeout(() => startJobs(slot), 500);
    });
  };
  cluster.on('exit', (w, code, signal) => {
    if (stopping) { if (code !== 0) failed = true; return; }
    console.error(`BFF process ${w.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(startHttp, 500);
  });
  for (let i = 0; i < n; i++) startHttp();
  for (let i = 0; i < jobWorkers; i++) startJobs(i);

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    for (const c of workers) c.kill(signal);
    const alive = () => Object.keys(cluster.workers ?? {}).length + workers.filter((c) => c.exitCode === null && c.signalCode === null).length;
    const poll = setInterval(() => {
      if (alive() > 0) return;
      clearInterval(poll);
      process.exit(failed ? 1 : 0);
    }, 100);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (cluster.isPrimary) {
  let n = 1;
  try {
    n = processCount();
  } catch (e) {
    console.error(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
  if (process.env.BFF_PROCESSES === undefined) {
    require('./main');
  } else {
    primary(n).catch((e) => {
      console.error(e instanceof ServiceUnreachableError || e instanceof ConfigError ? `\n${e.message}\n` : e);
      process.exit(1);
    });
  }
} else {
  require('./main');
}
