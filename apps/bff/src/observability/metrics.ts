import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Lateness of timers: from "on time" to "a reconcile interval or two late" to "an outage late". */
const LATENESS_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900, 3600];
/** Distinct GraphQL operation names kept as label values (client-chosen text: the rest count as "other"). */
const MAX_OPERATIONS = 200;

/**
 * The BFF's Prometheus metrics (GET /metrics), one registry per app so tests can run several. Features
 * add gauges read at scrape time with `gaugeFrom` (queue depths, outbox backlog …); a source that fails
 * (Redis down) leaves its gauge out of that scrape rather than failing it.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly http = new Histogram({
    name: 'msb_http_request_duration_seconds', help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const, buckets: LATENCY_BUCKETS, registers: [this.registry],
  });

  readonly graphql = new Histogram({
    name: 'msb_graphql_request_duration_seconds', help: 'GraphQL requests by operation name and type (anonymous documents: "anonymous")',
    labelNames: ['operation', 'type'] as const, buckets: LATENCY_BUCKETS, registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'msb_errors_total', help: 'Errors answered, by code (extensions.code / REST code) and where (graphql, http)',
    labelNames: ['code', 'via'] as const, registers: [this.registry],
  });

  readonly jobLateness = new Histogram({
    name: 'msb_job_lateness_seconds', help: 'How late a job started against the time it was due (enqueue time + delay)',
    labelNames: ['queue'] as const, buckets: LATENESS_BUCKETS, registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'msb_jobs_total', help: 'Jobs processed, by queue and outcome (completed, failed, delayed)',
    labelNames: ['queue', 'outcome'] as const, registers: [this.registry],
  });

  readonly slaFirings = new Counter({
    name: 'msb_sla_firings_total', help: 'SLA clock events applied when due: WARNED, BREACHED, ESCALATED, by target',
    labelNames: ['target', 'kind'] as const, registers: [this.registry],
  });

  readonly slaLateness = new Histogram({
    name: 'msb_sla_firing_lateness_seconds', help: 'How late an SLA warning/breach was applied against its scheduled instant',
    labelNames: ['target', 'kind'] as const, buckets: LATENESS_BUCKETS, registers: [this.registry],
  });

  private readonly operations = new Set<string>();

  constructor(opts: { defaults?: boolean } = {}) {
    if (opts.defaults !== false) collectDefaultMetrics({ register: this.registry, prefix: 'msb_' });
  }

  /** A label for a client-named operation: identifier characters only, and at most MAX_OPERATIONS distinct. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    const clean = name.replace(/[^A-Za-z0-9_]/g, '').slice(0, 64) || 'anonymous';
    if (this.operations.has(clean)) return clean;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(clean);
    return clean;
  }

  private readonly readers = new Map<string, ((set: (labels: Record<string, string>, value: number) => void) => Promise<void> | void)[]>();

  /**
   * A gauge whose values are read when scraped: `read` sets them through `set(labels, value)`. Several
   * features may feed one gauge (each outbox its own rows), each under its own labels.
   */
  gaugeFrom<L extends string>(name: string, help: string, labelNames: readonly L[], read: (set: (labels: Record<L, string>, value: number) => void) => Promise<void> | void): void {
    const existing = this.readers.get(name);
    if (existing) return void existing.push(read as never);
    const readers = [read as never];
    this.readers.set(name, readers);
    new Gauge<L>({
      name, help, labelNames, registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(readers.map(async (r: (set: (labels: Record<string, string>, value: number) => void) => Promise<void> | void) => {
          try {
            await r((labels, value) => this.set(labels as never, value));
          } catch {
            // Source unreachable this time (Redis or MySQL down): no value rather than a failed scrape.
          }
        }));
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The operation name and type of a GraphQL request body, read without parsing (for labels only). */
export function graphqlOperationOf(body: unknown): { name: string | null; type: string } {
  const b = body as { query?: unknown; operationName?: unknown } | null;
  const query = typeof b?.query === 'string' ? b.query : '';
  const m = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)\b\s*([A-Za-z_][A-Za-z0-9_]*)?/.exec(query);
  const name = typeof b?.operationName === 'string' && b.operationName ? b.operationName : m?.[2] ?? null;
  return { name, type: m?.[1] ?? (query.trimStart().startsWith('{') ? 'query' : 'unknown') };
}

/** Races `p` against a timeout (a scrape must not hang on a hung Redis). */
export function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error('timeout')), ms)))]).finally(() => clearTimeout(t));
}
