/**
 * A local 12345 hotline for the browser test, speaking the contract of docs (HOTLINE-12345): it pushes signed
 * events to our webhook (`X-Hotline-Timestamp` + `X-Hotline-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>`) and takes our pushes at POST /events, checking their signature, the 300 s skew,
 * eventId de-duplication and each order's seq. Real time, real HTTP; no code of the BFF is imported.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HotlineEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  orderNo: string;
  seq: number;
  data: Record<string, any>;
}

const sign = (secret: string, ts: string, body: string) => `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;

/** 2026-12-01T18:00:00+08:00 */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export class FakeHotline {
  url = '';
  readonly received: HotlineEvent[] = [];
  readonly badSignatures: string[] = [];
  readonly outOfOrder: string[] = [];
  readonly repeats: string[] = [];
  readonly ackMs: number[] = [];
  private readonly lastSeq = new Map<string, number>();
  private server: Server | null = null;

  /** `pushSecret`: what it signs its pushes with (our HOTLINE_INBOUND_SECRET); `ourSecret`: what it expects on ours. */
  constructor(private readonly pushSecret: string, private readonly ourSecret: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        const ts = String(req.headers['x-hotline-timestamp'] ?? '');
        const got = String(req.headers['x-hotline-signature'] ?? '');
        const want = sign(this.ourSecret, ts, raw);
        const fresh = Math.abs(Date.now() / 1000 - Number(ts)) <= 300;
        if (req.url !== '/events' || !fresh || got.length !== want.length || !timingSafeEqual(Buffer.from(got), Buffer.from(want))) {
          this.badSignatures.push(`${req.url} ${ts} ${got}`);
          return answer(401, { code: 401, message: 'bad signature' });
        }
        const e = JSON.parse(raw) as HotlineEvent;
        if (this.received.some((x) => x.eventId === e.eventId)) {
          this.repeats.push(e.eventId);
        } else {
          const last = this.lastSeq.get(e.orderNo) ?? 0;
          if (e.seq !== last + 1) this.outOfOrder.push(`${e.orderNo}: seq ${e.seq} after ${last}`);
          this.lastSeq.set(e.orderNo, Math.max(last, e.seq));
          this.received.push(e);
        }
        answer(200, { code: 0, message: 'ok' });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Pushes one event to our webhook, signed; answers the acknowledgement and how long it took. */
  async push(ourBase: string, orderNo: string, seq: number, type: string, data: Record<string, unknown>): Promise<{ status: number; body: unknown; ms: number }> {
    const body = JSON.stringify({ eventId: `e2e-${orderNo}-${seq}`, type, occurredAt: shanghaiIso(new Date()), orderNo, seq, data });
    const ts = String(Math.floor(Date.now() / 1000));
    const started = performance.now();
    const res = await fetch(`${ourBase}/integrations/12345/events`, {
      method: 'POST', body, signal: AbortSignal.timeout(5000),
      headers: { 'content-type': 'application/json', 'x-hotline-timestamp': ts, 'x-hotline-signature': sign(this.pushSecret, ts, body) },
    });
    const ms = performance.now() - started;
    this.ackMs.push(ms);
    return { status: res.status, body: await res.json(), ms };
  }

  /** Waits until the order's received events (in seq order) are `types`. */
  async waitFor(orderNo: string, types: string[], timeoutMs = 30_000): Promise<HotlineEvent[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const got = this.received.filter((e) => e.orderNo === orderNo).sort((a, b) => a.seq - b.seq);
      if (got.length >= types.length || Date.now() > end) return got;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
