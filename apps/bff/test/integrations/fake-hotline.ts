import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shanghaiIso, sign, verify } from '../../src/integrations/hotline/hotline-contract';
import type { TestClock } from '../support/test-app';

/** The contract's retry schedule for a push that was not acknowledged: 1 min, 5 min, 30 min, 2 h, then daily. */
const RETRY_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 24 * 3600_000, 24 * 3600_000, 24 * 3600_000];

interface Push {
  body: string;
  eventId: string;
  orderNo: string;
  seq: number;
  attempts: number;
  dueAt: number;
  acked: boolean;
}

export interface Received {
  eventId: string;
  type: string;
  orderNo: string;
  seq: number;
  data: Record<string, any>;
}

/**
 * A local 12345 hotline for tests. It pushes signed events to us (each as often as a scenario says, in the
 * order it says), retrying unacknowledged pushes on the contract's schedule in *simulated* time (it moves the
 * app's TestClock, nothing sleeps), and takes our pushes at POST /events: checks the signature and the skew,
 * de-duplicates on eventId and checks each order's seq. While `down`, it answers 503; `dropNextAck` processes a
 * push but answers 500 (our retry must then be a repeat, not a new event). It scores us as a city would.
 */
export class FakeHotline {
  url = '';
  down = false;
  /** Our side unreachable (a closed port stands for our outage). */
  targetDown = false;
  dropNextAck = 0;
  readonly received: Received[] = [];
  readonly badSignatures: string[] = [];
  readonly outOfOrder: string[] = [];
  readonly repeats: string[] = [];
  readonly ackMs: number[] = [];
  private readonly seen = new Set<string>();
  private readonly lastSeq = new Map<string, number>();
  private readonly queue: Push[] = [];
  private server: Server | null = null;
  private nextId = 1;

  constructor(
    private readonly clock: TestClock,
    private readonly ourUrl: () => string,
    /** What it signs its pushes with (our HOTLINE_INBOUND_SECRET). */
    private readonly pushSecret: string,
    /** What it expects our pushes signed with (our HOTLINE_OUTBOUND_SECRET). */
    private readonly ourSecret: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (this.down) return answer(503, { code: 503, message: 'down' });
    const why = verify(this.ourSecret, req.headers['x-hotline-timestamp'] as string, req.headers['x-hotline-signature'] as string, raw, this.clock.now().getTime());
    if (why) {
      this.badSignatures.push(why);
      return answer(401, { code: 401, message: why });
    }
    const e = JSON.parse(raw) as Received;
    if (this.seen.has(e.eventId)) {
      this.repeats.push(e.eventId);
    } else {
      this.seen.add(e.eventId);
      const last = this.lastSeq.get(e.orderNo) ?? 0;
      if (e.seq !== last + 1) this.outOfOrder.push(`${e.orderNo}: got seq ${e.seq} after ${last}`);
      this.lastSeq.set(e.orderNo, Math.max(last, e.seq));
      this.received.push(e);
    }
    if (this.dropNextAck > 0) {
      this.dropNextAck--;
      return answer(500, { code: 500, message: 'ack lost' });
    }
    return answer(200, { code: 0, message: 'ok' });
  }

  /** Queues one event of an order (sent by `flush`); returns its envelope's eventId. */
  event(orderNo: string, seq: number, type: string, data: Record<string, unknown>): string {
    const eventId = `h-${orderNo}-${seq}-${this.nextId++}`;
    const body = JSON.stringify({ eventId, type, occurredAt: shanghaiIso(this.clock.now()), orderNo, seq, data });
    this.queue.push({ body, eventId, orderNo, seq, attempts: 0, dueAt: this.clock.now().getTime(), acked: false });
    return eventId;
  }

  /** The same envelope again (a repeat the receiver must recognise by eventId). */
  repeat(eventId: string): void {
    const p = this.queue.find((x) => x.eventId === eventId)!;
    this.queue.push({ ...p, attempts: 0, acked: false, dueAt: this.clock.now().getTime() });
  }

  /** Sends every due push in queue order; unacknowledged ones are rescheduled on the contract's backoff. */
  async flush(): Promise<void> {
    for (const p of this.queue) {
      if (p.acked || p.dueAt > this.clock.now().getTime()) continue;
      const ts = String(Math.floor(this.clock.now().getTime() / 1000));
      const started = performance.now();
      let ok = false;
      try {
        const res = await fetch(`${this.targetDown ? 'http://127.0.0.1:1' : this.ourUrl()}/integrations/12345/events`, {
          method: 'POST', body: p.body, signal: AbortSignal.timeout(5000),
          headers: { 'content-type': 'application/json', 'x-hotline-timestamp': ts, 'x-hotline-signature': sign(this.pushSecret, ts, p.body) },
        });
        const answer = (await res.json()) as { code?: number };
        ok = res.status === 200 && answer.code === 0;
        this.ackMs.push(performance.now() - started);
      } catch {
        ok = false;
      }
      if (ok) p.acked = true;
      else p.dueAt = this.clock.now().getTime() + RETRY_MS[Math.min(p.attempts, RETRY_MS.length - 1)];
      p.attempts++;
    }
  }

  pending(): number {
    return this.queue.filter((p) => !p.acked).length;
  }

  /** Moves simulated time forward in steps, flushing due pushes and letting `tick` (our outbox sender) run. */
  async advance(ms: number, step: number, tick: () => Promise<unknown>): Promise<void> {
    const end = this.clock.now().getTime() + ms;
    while (this.clock.now().getTime() < end) {
      this.clock.advance(Math.min(step, end - this.clock.now().getTime()));
      await this.flush();
      await tick();
    }
  }

  /** What it received from us, by order, as type names in seq order. */
  receivedTypes(orderNo: string): string[] {
    return this.received.filter((e) => e.orderNo === orderNo).sort((a, b) => a.seq - b.seq).map((e) => e.type);
  }
}
