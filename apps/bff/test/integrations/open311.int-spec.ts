import Ajv from 'ajv';
import { TicketSource } from '@msb/shared-types';
import { Open311Keys } from '../../src/integrations/open311/open311-keys';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type World } from '../support/world';
import { stringly, xmlAsJson, type Wire } from './open311-wire';

/** Every GeoReport v2 endpoint over real HTTP, in XML and JSON, against the points in shared/domain/OPEN311.md. */
describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let w: World;
  let key: string;
  let otherKey: string;
  const DT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

  const call = async (method: 'GET' | 'POST', path: string, form?: Record<string, string | string[]>): Promise<Wire> => {
    let body: string | undefined;
    if (form) {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
      body = u.toString();
    }
    const res = await fetch(`${t.url}/open311/v2/${path}`, {
      method, body, headers: body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {},
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  /** Calls in both formats, checks XML ≡ JSON and equal statuses; returns the JSON document. */
  const both = async (method: 'GET' | 'POST', path: string, query = '', form?: Record<string, string | string[]>): Promise<{ status: number; json: any }> => {
    const j = await call(method, `${path}.json${query}`, form);
    const x = method === 'GET' ? await call(method, `${path}.xml${query}`, form) : null;
    expect(j.contentType).toMatch(/^application\/json/);
    const json = JSON.parse(j.text);
    if (x) {
      expect(x.contentType).toMatch(/^text\/xml/);
      expect(x.status).toBe(j.status);
      expect(xmlAsJson(x.text)).toEqual(stringly(json));
    }
    return { status: j.status, json };
  };
  const post = (path: string, form: Record<string, string | string[]>, fmt: 'json' | 'xml' = 'json') => call('POST', `${path}.${fmt}`, form);
  const fileReq = async (extra: Record<string, string | string[]> = {}, k = key) => {
    const r = await post('requests', { api_key: k, service_code: 'FACILITIES', 'attribute[complex]': String(w.complexA), description: '三号楼楼道灯不亮了', ...extra });
    expect(r.status).toBe(200);
    return JSON.parse(r.text)[0].service_request_id as string;
  };
  const errorOf = (json: any) => {
    expect(Array.isArray(json)).toBe(true);
    expect(json).toHaveLength(1);
    return json[0] as { code: string; description: string };
  };
  const ticketOf = async (number: string) => (await t.ds.query('SELECT * FROM tickets WHERE number = ?', [number]))[0];
  const count = async () => Number((await t.ds.query('SELECT COUNT(*) AS n FROM tickets'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const svc = t.app.get(Open311Keys);
    key = (await svc.issueKey('FixMyStreet 测试')).key;
    otherKey = (await svc.issueKey('另一个客户端')).key;
  });
  afterAll(() => t.close());

  it('discovery in both formats', async () => {
    const { status, json } = await both('GET', 'discovery');
    expect(status).toBe(200);
    expect(json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://test.local/open311/v2/', formats: ['text/xml', 'application/json'] });
    expect(json.changeset).toMatch(DT);
  });

  it('services are our categories; their definitions list our places as singlevaluelists', async () => {
    const { json } = await both('GET', 'services');
    const schema = {
      type: 'array', minItems: 1,
      items: {
        type: 'object', required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
        properties: { service_code: { type: 'string' }, metadata: { type: 'boolean' }, type: { enum: ['realtime', 'batch', 'blackbox'] } },
      },
    };
    const valid = new Ajv().validate(schema, json);
    expect(valid).toBe(true);
    const codes = json.map((s: any) => s.service_code);
    expect(codes).toEqual(expect.arrayContaining(['FACILITIES', 'ELEVATOR', 'ELEVATOR_TRAPPED']));
    expect(json.find((s: any) => s.service_code === 'ELEVATOR_TRAPPED')).toMatchObject({ group: '电梯管理', keywords: 'emergency', metadata: true });

    const def = (await both('GET', 'services/FACILITIES')).json;
    expect(def.service_code).toBe('FACILITIES');
    const complex = def.attributes.find((a: any) => a.code === 'complex');
    expect(complex).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: true, order: '1' });
    expect(complex.values).toEqual(expect.arrayContaining([{ key: String(w.complexA), name: '甲小区' }, { key: String(w.complexB), name: '乙小区' }]));
    expect(def.attributes.find((a: any) => a.code === 'building').values).toEqual([{ key: String(w.buildingA), name: '甲小区 1号楼' }]);
    expect(def.attributes.find((a: any) => a.code === 'spot').values).toEqual(expect.arrayContaining([{ key: String(w.spotA), name: '甲小区 东门' }]));

    const missing = await both('GET', 'services/NO_SUCH');
    expect(missing.status).toBe(404);
    expect(errorOf(missing.json)).toEqual({ code: '404', description: expect.stringContaining('NO_SUCH') });
  });

  it('POST requests files a normal ticket (source OPEN311, clocks, inbox) and answers a string id in both formats', async () => {
    const number = await fileReq({ first_name: '明', last_name: '李', phone: '13912345678', email: 'li@example.com', media_url: 'https://example.com/p.jpg' });
    expect(typeof number).toBe('string');
    const row = await ticketOf(number);
    expect(row).toMatchObject({ source: TicketSource.OPEN311, status: 'REPORTED', complex_id: w.complexA, category_code: 'FACILITIES', text: '三号楼楼道灯不亮了', contact_name: '李明', contact_phone: '13912345678' });
    expect(await t.ds.query('SELECT target, state FROM sla_clocks WHERE ticket_id = ?', [row.id])).toEqual([expect.objectContaining({ target: 'ACCEPT' })]);
    const inbox = ok(await t.gql('{ inbox(first: 50) { nodes { number } } }', {}, w.staffA.token)) as any;
    expect(inbox.inbox.nodes.map((n: any) => n.number)).toContain(number);

    const xml = await post('requests', { api_key: key, service_code: 'PARKING', address_id: String(w.spotA), description: '消防通道被占' }, 'xml');
    expect(xml.status).toBe(200);
    const [answer] = xmlAsJson(xml.text) as any[];
    expect(answer.service_request_id).toMatch(/^MSB-\d{8}-\d{4}$/);
    expect(await ticketOf(answer.service_request_id)).toMatchObject({ spot_id: w.spotA, complex_id: w.complexA, category_code: 'PARKING' });
  });

  it('POST requests: api_key, location, service_code, attribute and length errors change nothing', async () => {
    const before = await count();
    const base = { api_key: key, service_code: 'FACILITIES', 'attribute[complex]': String(w.complexA), description: '灯坏了' };
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ ...base, api_key: '' }, 403, /api_key/],
      [{ ...base, api_key: 'o311_wrong' }, 403, /api_key/],
      [{ ...base, service_code: '' }, 400, /service_code/],
      [{ ...base, service_code: 'NOPE' }, 400, /service_code/],
      [{ ...base, 'attribute[complex]': '' }, 400, /location/],
      [{ ...base, 'attribute[complex]': '999999', lat: '36.6', long: '117.0' }, 400, /attribute\[complex\]/],
      [{ ...base, 'attribute[complex]': 'abc', address_string: '某路' }, 400, /attribute\[complex\]/],
      [{ ...base, address_id: String(w.spotB) }, 400, /attribute\[spot\]|not in/],
      [{ ...base, lat: '36.6' }, 400, /lat and long/],
      [{ ...base, description: 'x'.repeat(4001) }, 400, /4000/],
      [{ ...base, media_url: 'javascript:alert(1)' }, 400, /media_url/],
      [{ ...base, jurisdiction_id: 'beijing' }, 404, /jurisdiction/],
    ];
    for (const [form, status, msg] of cases) {
      for (const fmt of ['json', 'xml'] as const) {
        const r = await post('requests', form, fmt);
        expect([form, r.status]).toEqual([form, status]);
        const err = fmt === 'json' ? errorOf(JSON.parse(r.text)) : errorOf(xmlAsJson(r.text));
        expect(err.code).toBe(String(status));
        expect(err.description).toMatch(msg);
      }
    }
    expect(await count()).toBe(before);

    // Exactly 4,000 characters is fine; empty optional parameters count as absent; address_string finds the complex.
    const long = await fileReq({ description: '长'.repeat(4000), email: '', phone: '', first_name: '', lat: '', long: '', media_url: '', jurisdiction_id: 'jinan' });
    expect((await ticketOf(long)).text).toHaveLength(4000);
    const byAddress = await post('requests', { api_key: key, service_code: 'FACILITIES', address_string: '测试市 乙小区 北门旁', description: '垃圾未清' });
    expect((await ticketOf(JSON.parse(byAddress.text)[0].service_request_id)).complex_id).toBe(w.complexB);
  });

  it('GET requests: 90-day default, filters, status, pagination, id list, extensions; XML ≡ JSON', async () => {
    const a = await fileReq();
    const b = await fileReq({ service_code: 'PARKING' });
    // A QR report is not an Open311 request: it is never listed.
    const qr = await fileTicket(t, w.ownerA, w.qrA);

    const all = (await both('GET', 'requests')).json;
    const numbers = all.map((r: any) => r.service_request_id);
    expect(numbers).toEqual(expect.arrayContaining([a, b]));
    expect(numbers).not.toContain(qr.number);
    for (const r of all) {
      expect(typeof r.service_request_id).toBe('string');
      expect(r.requested_datetime).toMatch(DT);
      expect(r.updated_datetime).toMatch(DT);
      expect(r.status).toBe('open');
      expect(r).not.toHaveProperty('phone');
    }
    const parking = (await both('GET', 'requests', '?service_code=PARKING')).json.map((r: any) => r.service_request_id);
    expect(parking).toContain(b);
    expect(parking).not.toContain(a);
    expect((await both('GET', 'requests', '?service_code=&status=')).json).toHaveLength(all.length);
    expect((await both('GET', 'requests', '?status=closed')).json).toEqual([]);
    expect((await both('GET', 'requests', '?status=open,closed')).json).toHaveLength(all.length);
    expect((await both('GET', 'requests', '?status=pending')).status).toBe(400);

    const ids = (await both('GET', 'requests', `?service_request_id=${a},${b}&service_code=ELEVATOR`)).json.map((r: any) => r.service_request_id);
    expect(ids.sort()).toEqual([a, b].sort());

    const p1 = (await both('GET', 'requests', '?page_size=1&page=1')).json;
    const p2 = (await both('GET', 'requests', '?page_size=1&page=2')).json;
    expect(p1).toHaveLength(1);
    expect(p2).toHaveLength(1);
    expect(p1[0].service_request_id).not.toBe(p2[0].service_request_id);
    expect((await both('GET', 'requests', '?page_size=0')).status).toBe(400);

    const old = new Date(t.clock.now().getTime() - 100 * 24 * 3600_000).toISOString();
    const tooWide = await both('GET', 'requests', `?start_date=${encodeURIComponent(old)}&end_date=${encodeURIComponent(t.clock.now().toISOString())}`);
    expect(tooWide.status).toBe(400);
    expect(errorOf(tooWide.json).description).toMatch(/90 days/);
    expect((await both('GET', 'requests', '?start_date=yesterday')).status).toBe(400);
    const future = new Date(t.clock.now().getTime() + 3600_000).toISOString().replace('Z', '+00:00');
    expect((await both('GET', 'requests', `?start_date=${encodeURIComponent(future)}`)).json).toEqual([]);

    const one = (await both('GET', `requests/${a}`, '?extensions=true')).json;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ service_request_id: a, service_code: 'FACILITIES', service_name: '住宅设施设备维护', attributes: { complex: String(w.complexA) }, extended_attributes: { channel: 'OPEN311' }, notes: [] });
    const unknown = await both('GET', 'requests/MSB-20000101-0001');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.json).code).toBe('404');
  });

  it('status follows the lifecycle (extended set in updates); expected_datetime is the running resolve deadline', async () => {
    const n = await fileReq();
    const row = await ticketOf(n);
    expect((await both('GET', `requests/${n}`)).json[0]).not.toHaveProperty('expected_datetime');
    ok(await t.gql('mutation($i: AcceptTicketInput!) { acceptTicket(input: $i) { version } }', { i: { ticketId: String(row.id), version: 1 } }, w.staffA.token));
    const [clock] = await t.ds.query("SELECT due_at FROM sla_clocks WHERE ticket_id = ? AND target = 'RESOLVE'", [row.id]);
    const expected = (await both('GET', `requests/${n}`)).json[0].expected_datetime;
    expect(expected).toMatch(DT);
    expect(new Date(expected).getTime()).toBe(Math.floor(new Date(clock.due_at).getTime() / 1000) * 1000);

    const m = await fileReq();
    const mRow = await ticketOf(m);
    ok(await t.gql('mutation($i: RefuseTicketInput!) { refuseTicket(input: $i) { version } }', { i: { ticketId: String(mRow.id), version: 1, reason: 'NOT_OUR_REMIT', suggestHotline: true, note: '属于市政管网' } }, w.staffA.token));
    expect((await both('GET', `requests/${m}`)).json[0]).toMatchObject({ status: 'closed', status_notes: '属于市政管网' });

    const updates = (await both('GET', 'servicerequestupdates')).json;
    expect(updates.find((u: any) => u.service_request_id === n)).toMatchObject({ status: 'investigating', updated_datetime: expect.stringMatching(DT) });
    expect(updates.find((u: any) => u.service_request_id === m)).toMatchObject({ status: 'not_councils_responsibility', description: '属于市政管网' });
    // Stable ids: polling again gives the same update ids for the same events.
    const again = (await both('GET', 'servicerequestupdates')).json;
    expect(again.map((u: any) => u.update_id)).toEqual(updates.map((u: any) => u.update_id));
    for (const u of updates) expect(typeof u.update_id).toBe('string');
    const earlier = new Date(t.clock.now().getTime() - 5 * 3600_000).toISOString();
    const before = new Date(t.clock.now().getTime() - 4 * 3600_000).toISOString();
    expect((await both('GET', 'servicerequestupdates', `?start_date=${earlier}&end_date=${before}`)).json).toEqual([]);
  });

  it('POST servicerequestupdates adds the reporter’s update once per update_id, even when sent at once', async () => {
    const n = await fileReq();
    const row = await ticketOf(n);
    const form = { api_key: key, service_request_id: n, update_id: 'fms-9001', status: 'OPEN', updated_datetime: '2026-11-27T10:00:00+08:00', description: '灯还是不亮，请尽快' };
    const answers = await Promise.all([post('servicerequestupdates', form), post('servicerequestupdates', form), post('servicerequestupdates', form, 'xml')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const ids = new Set([JSON.parse(answers[0].text)[0].update_id, JSON.parse(answers[1].text)[0].update_id, (xmlAsJson(answers[2].text) as any)[0].update_id]);
    expect(ids.size).toBe(1);
    const comments = await t.ds.query("SELECT id, actor_role, note FROM ticket_events WHERE ticket_id = ? AND action = 'COMMENT'", [row.id]);
    expect(comments).toEqual([expect.objectContaining({ actor_role: 'OWNER', note: '灯还是不亮，请尽快' })]);
    expect(String(comments[0].id)).toBe([...ids][0]);

    const bad: [Record<string, string>, number][] = [
      [{ ...form, api_key: '' }, 403],
      [{ ...form, api_key: otherKey, update_id: 'x-1' }, 404],
      [{ ...form, update_id: '' }, 400],
      [{ ...form, update_id: 'x-2', status: 'open' }, 400],
      [{ ...form, update_id: 'x-3', updated_datetime: 'soon' }, 400],
      [{ ...form, update_id: 'x-4', description: '' }, 400],
      [{ ...form, update_id: 'x-5', service_request_id: 'MSB-20000101-0001' }, 404],
    ];
    for (const [f, status] of bad) expect([f.update_id, (await post('servicerequestupdates', f)).status]).toEqual([f.update_id, status]);
    expect(await t.ds.query("SELECT id FROM ticket_events WHERE ticket_id = ? AND action = 'COMMENT'", [row.id])).toHaveLength(1);
  });

  it('each key has its own rate limit, counted for calls sent at once', async () => {
    const limited = (await t.app.get(Open311Keys).issueKey('限流客户端', 3)).key;
    const before = await count();
    const form = { api_key: limited, service_code: 'FACILITIES', 'attribute[complex]': String(w.complexA), description: '限流测试' };
    const res = await Promise.all(Array.from({ length: 8 }, () => post('requests', form)));
    const statuses = res.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    expect(await count()).toBe(before + 3);
    // Another client's allowance is untouched.
    await fileReq();
    t.clock.advance(61_000);
    expect((await post('requests', form)).status).toBe(200);
  });

  it('unknown resources and formats answer 404 in GeoReport form; tokens are not issued (all services realtime)', async () => {
    expect((await both('GET', 'tokens/abc')).status).toBe(404);
    const r = await call('GET', 'requests.csv');
    expect(r.status).toBe(404);
    expect(errorOf(xmlAsJson(r.text)).code).toBe('404');
    expect((await both('GET', 'nothing')).status).toBe(404);
    const j = await both('GET', 'services', '?jurisdiction_id=jinan');
    expect(j.status).toBe(200);
    expect((await both('GET', 'services', '?jurisdiction_id=')).status).toBe(200);
    expect((await both('GET', 'services', '?jurisdiction_id=shanghai')).status).toBe(404);
  });
});
