import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  accessToken: string;
  body: { touser: string; template_id: string; page: string; data: Record<string, { value: string }>; miniprogram_state: string };
}

/**
 * A local stand-in for WeChat's server API, answering as documented:
 * GET /cgi-bin/token → {access_token, expires_in}; POST /cgi-bin/message/subscribe/send → {errcode, errmsg};
 * POST /wxa/business/getuserphonenumber {code} → {errcode 0, errmsg, phone_info {phoneNumber, purePhoneNumber,
 * countryCode, watermark {timestamp, appid}}}, each code once (then 40029 invalid code, as for a code never issued).
 * `sendReplies` scripts the answers to the next sends (then errcode 0); a token not issued by this
 * server gets 40001.
 */
export class FakeWechatApi {
  readonly sends: SentMessage[] = [];
  tokenRequests = 0;
  sendReplies: { errcode: number; errmsg: string }[] = [];
  /** Called after a send has been answered (e.g. to kill a worker "right after sending"). */
  onSent: ((m: SentMessage) => void) | null = null;
  /** Phone-button codes this server will answer, and the number each stands for (used once). */
  readonly phoneCodes = new Map<string, { phone: string; countryCode?: string; appid?: string }>();
  /** Scripted answers to the next phone-number calls (e.g. {errcode: 45011}); then the codes above. */
  phoneReplies: { errcode: number; errmsg: string }[] = [];
  phoneRequests = 0;
  /** The mini-program's appid, stamped into phone_info.watermark. */
  appid = 'wx-dev-appid';
  private issued = new Set<string>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const json = (o: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(o));
      };
      if (req.method === 'GET' && u.pathname === '/cgi-bin/token') {
        this.tokenRequests += 1;
        if (u.searchParams.get('grant_type') !== 'client_credential' || !u.searchParams.get('appid')) return json({ errcode: 40002, errmsg: 'invalid grant_type' });
        const token = `tok-${this.tokenRequests}`;
        this.issued.add(token);
        return json({ access_token: token, expires_in: 7200 });
      }
      if (req.method === 'POST' && u.pathname === '/cgi-bin/message/subscribe/send') {
        let raw = '';
        req.on('data', (c) => (raw += c));
        req.on('end', () => {
          const accessToken = u.searchParams.get('access_token') ?? '';
          if (!this.issued.has(accessToken)) return json({ errcode: 40001, errmsg: 'invalid credential' });
          const m: SentMessage = { accessToken, body: JSON.parse(raw) };
          this.sends.push(m);
          const reply = this.sendReplies.shift() ?? { errcode: 0, errmsg: 'ok' };
          if (reply.errcode === 42001) this.issued.delete(accessToken);
          json(reply);
          if (reply.errcode === 0) this.onSent?.(m);
        });
        return;
      }
      if (req.method === 'POST' && u.pathname === '/wxa/business/getuserphonenumber') {
        let raw = '';
        req.on('data', (c) => (raw += c));
        req.on('end', () => {
          this.phoneRequests += 1;
          if (!this.issued.has(u.searchParams.get('access_token') ?? '')) return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
          const scripted = this.phoneReplies.shift();
          if (scripted) return json(scripted);
          const code = String((JSON.parse(raw || '{}') as { code?: unknown }).code ?? '');
          const p = this.phoneCodes.get(code);
          if (!p) return json({ errcode: 40029, errmsg: 'invalid code' });
          this.phoneCodes.delete(code);
          const cc = p.countryCode ?? '86';
          json({
            errcode: 0, errmsg: 'ok',
            phone_info: { phoneNumber: cc === '86' ? p.phone : `+${cc}${p.phone}`, purePhoneNumber: p.phone, countryCode: cc, watermark: { timestamp: Math.floor(Date.now() / 1000), appid: p.appid ?? this.appid } },
          });
        });
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Makes every token issued so far invalid (as if another process fetched a new one long ago). */
  expireTokens() {
    this.issued.clear();
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000, stepMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as T;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
