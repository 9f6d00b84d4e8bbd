import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Result {
  label: string;
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  seconds: number;
  /** BFF processes' CPU per request (user + system), ms; RSS high-water of the BFF processes, MB. */
  cpuMs?: number;
  rssMb?: number;
}

export function line(r: Result): string {
  const extra = r.cpuMs === undefined ? '' : `  cpu ${r.cpuMs.toFixed(2)} ms/req  rss ${r.rssMb!.toFixed(0)} MB`;
  return `${r.label.padEnd(40)} ${r.rate.toFixed(0).padStart(7)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  errors ${r.errors}${extra}`;
}

/** `work` at `concurrency` in flight for `seconds`, from this process (the bare mysql2 baselines). */
export async function runLocal(label: string, concurrency: number, seconds: number, work: (i: number) => Promise<void>): Promise<Result> {
  const lat: number[] = [];
  let errors = 0;
  let i = 0;
  let firstError: unknown = null;
  const until = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      const n = i++;
      const t0 = performance.now();
      try { await work(n); } catch (e) { errors++; firstError ??= e; }
      lat.push(performance.now() - t0);
    }
  }));
  if (firstError) console.error(`  ${label}: first error: ${(firstError as Error).message}`);
  lat.sort((a, b) => a - b);
  return { label, rate: lat.length / seconds, p50: lat[Math.floor(lat.length * 0.5)] ?? NaN, p99: lat[Math.floor(lat.length * 0.99)] ?? NaN, errors, seconds };
}

/** Runs wrk with a Lua script that builds each request; parses its summary. */
export function runWrk(label: string, concurrency: number, seconds: number, url: string, lua: string): Result {
  const script = join(tmpdir(), `msb-bench-${process.pid}.lua`);
  writeFileSync(script, lua);
  const out = execFileSync('wrk', ['-t2', `-c${concurrency}`, `-d${seconds}s`, '--timeout', '5s', '--latency', '-s', script, url], { encoding: 'utf8' });
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]);
  const ms = (p: string) => {
    const m = new RegExp(`${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { label, rate, p50: ms('50'), p99: ms('99'), errors, seconds };
}

/** The process and its descendants (a cluster primary's children). */
function tree(pid: number): number[] {
  const out = [pid];
  for (const p of out) {
    try {
      for (const c of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch { /* gone */ }
  }
  return out;
}

function cpuTicks(pids: number[]): number {
  let t = 0;
  for (const p of pids) {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      t += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return t;
}

function rssMb(pids: number[]): number {
  let kb = 0;
  for (const p of pids) {
    try { kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))![1]); } catch { /* gone */ }
  }
  return kb / 1024;
}

/**
 * Measures the BFF processes (`pids()`: the HTTP processes, not the job worker) while `phase` runs: CPU time
 * per request from /proc (clock ticks, 100/s) and the RSS high-water, sampled every 250 ms.
 */
export async function measured(pids: () => number[], phase: () => Result | Promise<Result>): Promise<Result> {
  const before = cpuTicks(pids());
  let rss = rssMb(pids());
  const timer = setInterval(() => (rss = Math.max(rss, rssMb(pids()))), 250);
  try {
    const r = await phase();
    const ticks = cpuTicks(pids()) - before;
    return { ...r, rssMb: Math.max(rss, rssMb(pids())), cpuMs: r.rate > 0 ? (ticks * 10) / (r.rate * r.seconds) : NaN };
  } finally {
    clearInterval(timer);
  }
}

export { tree };

/** Top self-time functions of the CPU profiles written with `prefix` (one per process), as text lines. */
export function topSelf(dir: string, prefix: string, n = 15): string[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const f of readdirSync(dir).filter((x) => x.startsWith(prefix) && x.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const byId = new Map<number, any>(p.nodes.map((x: any) => [x.id, x]));
    for (let i = 0; i < p.samples.length; i++) {
      const cf = byId.get(p.samples[i]).callFrame;
      const dt = p.timeDeltas[i] ?? 0;
      total += dt;
      const where = String(cf.url).replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/.*\/dist\//, '');
      const key = `${cf.functionName || '(anonymous)'} ${where}${where ? `:${cf.lineNumber + 1}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + dt);
    }
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `${(v / 1000).toFixed(0).padStart(6)} ms ${((100 * v) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${k}`);
}
