/**
 * Exports of the figures and the tickets behind them (XLSX, CSV), read back and checked against values
 * worked out by hand; made inline when small, by a worker (with progress) when large, by the MySQL sweep
 * when Redis is away; fetched only by the viewer who asked, until the file expires.
 *
 * Complex A, Monday 2026-03-02 (FACILITIES: accept within 30 working minutes):
 *   E1 09:00 filed · 09:10 accepted · start · 11:00 resolved · 11:30 rated solved 5★
 *   E2 09:00 filed · 10:00 accepted (ACCEPT breached at 09:30) · still accepted
 *   E3 09:00 filed as CLUTTER · 09:15 withdrawn (before any response was due: in no response base)
 * EXPORT_INLINE_MAX_ROWS = 2: the street's 3 tickets go to the background, CLUTTER's 1 is made at once.
 * (With Redis away the request still answers: enqueueing gives up within 3 s and the row waits for the sweep,
 * which is what the last test drives.)
 */
import ExcelJS from 'exceljs';
import { TicketAction as A } from '@msb/shared-types';
import { shanghaiTime } from '../../src/sla/domain';
import { TICKET_COLUMNS } from '../../src/figures/domain/export-layout';
import { ExportsService } from '../../src/figures/export/exports.service';
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';
import { must, type TicketState, type UserAction } from '../support/lifecycle-driver';

jest.setTimeout(90_000);

const MARCH = { kind: 'MONTH', day: '2026-03-15' };
const REQUEST = `mutation($i: ExportInput!) { requestExport(input: $i) { id status progress rowsTotal url fileName format content error } }`;
const GET = `query($id: ID!) { export(id: $id) { id status progress rowsTotal url fileName expiresAt } }`;

describe('figure exports', () => {
  let t: TestApp;
  let w: World;
  const numbers: string[] = [];
  let street: { kind: string; id: number };

  const at = (local: string) => t.clock.set(shanghaiTime(local));
  async function step(s: TicketState, local: string, action: UserAction, actor: Actor, extra: Record<string, unknown> = {}) {
    at(local);
    return must(t, w, action, actor, s, extra);
  }
  async function file(extra: Record<string, unknown> = {}): Promise<TicketState> {
    at('2026-03-02 09:00');
    const f = await fileTicket(t, w.ownerA, w.qrA, extra);
    numbers.push(f.number);
    return { id: f.id, status: f.status, version: f.version, assignee: null, handlingUnit: null, dispatchTarget: null };
  }
  const request = (who: Actor, i: Record<string, unknown>, app: TestApp = t) => app.gql(REQUEST, { i: { scope: street, period: MARCH, ...i } }, who.token);
  const download = (url: string, who: Actor | null, app: TestApp = t) => fetch(`${app.url}${url}`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });
  const xlsx = async (url: string, who: Actor) => {
    const res = await download(url, who);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    return wb;
  };
  const values = (ws: ExcelJS.Worksheet) => {
    const out: unknown[][] = [];
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp({ EXPORT_INLINE_MAX_ROWS: '2', EXPORTS_DIR: `/tmp/msb-test-exports-${process.env.JEST_WORKER_ID ?? '1'}` });
    w = await buildWorld(t);
    street = { kind: 'STREET', id: w.street };
    let s = await file();
    s = await step(s, '2026-03-02 09:10', A.ACCEPT, w.staffA);
    s = await step(s, '2026-03-02 09:11', A.START, w.staffA);
    s = await step(s, '2026-03-02 11:00', A.RESOLVE, w.staffA);
    await step(s, '2026-03-02 11:30', A.RATE, w.ownerA, { solved: true, satisfaction: 5 });
    s = await file();
    await step(s, '2026-03-02 10:00', A.ACCEPT, w.staffA);
    s = await file({ categoryCode: 'CLUTTER', text: '楼道里堆满了纸箱，影响通行。' });
    await step(s, '2026-03-02 09:15', A.WITHDRAW, w.ownerA);
    at('2026-03-20 10:00');
  });
  afterAll(() => t?.close());

  it('a large export is made by a worker, with progress, into an XLSX holding every figure and the tickets', async () => {
    const queued = ok(await request(w.oversightStreet, { format: 'XLSX' })).requestExport;
    expect(queued).toMatchObject({ status: 'QUEUED', progress: 0, rowsTotal: 3, url: null, format: 'XLSX' });
    const worker = t.app.get(ExportsService).startWorker();
    let done: any;
    try {
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        done = ok(await t.gql(GET, { id: queued.id }, w.oversightStreet.token)).export;
        if (done.status === 'DONE') break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await worker.close();
    }
    expect(done).toMatchObject({ status: 'DONE', progress: 1, rowsTotal: 3, url: `/exports/${queued.id}/file`, fileName: '测试街道-2026-03-01-2026-03-31.xlsx' });
    expect(new Date(done.expiresAt).getTime()).toBe(shanghaiTime('2026-03-21 10:00').getTime());

    const wb = await xlsx(done.url, w.oversightStreet);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['统计', '按类别', '按来源', '工单']);
    const figures = values(wb.getWorksheet('统计')!);
    expect(figures.slice(0, 4)).toEqual([['统计范围', '测试街道'], ['本期', '2026-03-01 至 2026-03-31'], ['上期', '2026-02-01 至 2026-02-28'], ['筛选', '全部']]);
    const byLabel = new Map(figures.filter((r) => r.length >= 1).map((r) => [r[0], r.slice(1)]));
    const want: [string, unknown[]][] = [
      ['受理量', [3, 0]], ['未办结（积压）', [1, 0]], ['受理', [2, 0]], ['撤回', [1, 0]], ['应响应', [2, 0]], ['按时响应', [1, 0]],
      ['应办结', [1, 0]], ['按时办结', [1, 0]], ['办结', [1, 0]], ['已评价', [1, 0]], ['已解决', [1, 0]], ['满意', [1, 0]],
      ['转派', [0, 0]], ['督办', [0, 0]], ['延期申请', [0, 0]], ['当前积压', [1]],
      ['响应率', [0.5]], ['解决率', [1]], ['满意率', [1]], ['按时办结率', [1]], ['回退率', []], ['重办率', [0]],
      // 2 on time of 3 due (ACCEPT 1 of 2, RESOLVE 1 of 1).
      ['时限达标率', [2 / 3]],
      ['受理用时（自然时间）中位数（分钟）', [10]], ['受理用时（自然时间）P90（分钟）', [60]], ['办结用时（工作时间）中位数（分钟）', [120]],
    ];
    for (const [label, v] of want) expect({ label, v: byLabel.get(label) }).toEqual({ label, v });
    expect(values(wb.getWorksheet('按类别')!)).toEqual([
      ['类别', '受理量', '未办结', '响应率', '解决率', '满意率', '按时办结率'],
      ['住宅设施设备维护', 2, 1, 0.5, 1, 1, 1],
      ['楼内乱堆乱放', 1, 0],
    ]);
    expect(values(wb.getWorksheet('按来源')!)).toEqual([['来源', '受理量', '未办结', '响应率', '解决率', '满意率', '按时办结率'], ['扫码', 3, 1, 0.5, 1, 1, 1]]);
    const list = values(wb.getWorksheet('工单')!);
    expect(list[0]).toEqual([...TICKET_COLUMNS]);
    // Empty cells stay empty (null here).
    expect(list.slice(1).map((r) => Array.from({ length: 11 }, (_, i) => r[i] ?? null))).toEqual([
      [numbers[2], '甲小区', '楼内乱堆乱放', '扫码', '已撤回', '2026-03-02 09:00', null, null, null, null, '楼道里堆满了纸箱，影响通行。'],
      [numbers[1], '甲小区', '住宅设施设备维护', '扫码', '已受理', '2026-03-02 09:00', '2026-03-02 10:00', null, null, null, '楼道灯坏了，晚上很黑。'],
      [numbers[0], '甲小区', '住宅设施设备维护', '扫码', '已办结', '2026-03-02 09:00', '2026-03-02 09:10', '2026-03-02 11:00', '是', 5, '楼道灯坏了，晚上很黑。'],
    ]);
  });

  it('CSV: UTF-8 with a BOM for Excel, Chinese headers; the figures table and the ticket list; small ones at once', async () => {
    const figures = ok(await request(w.oversightStreet, { format: 'CSV', content: 'FIGURES' })).requestExport;
    expect(figures).toMatchObject({ status: 'DONE', progress: 1, content: 'FIGURES', fileName: '测试街道-2026-03-01-2026-03-31-统计.csv' });
    const res = await download(figures.url, w.oversightStreet);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('指标,本期,上期');
    for (const l of ['受理量,3,0', '未办结（积压）,1,0', '督办,0,0', '当前积压,1,—', '响应率,50.00%,—', '解决率,100.00%,—', '回退率,—,—', '重办率,0.00%,—', '时限达标率,66.67%,—',
      '受理用时（工作时间）中位数（分钟）,10,—', '办结用时（自然时间）P90（分钟）,120,—']) {
      expect(lines).toContain(l);
    }

    // CLUTTER: one ticket, under the inline limit.
    const clutter = ok(await request(w.oversightStreet, { format: 'CSV', categoryCode: 'CLUTTER' })).requestExport;
    expect(clutter).toMatchObject({ status: 'DONE', rowsTotal: 1, content: 'TICKETS' });
    // Read as bytes: fetch's text() would drop the BOM.
    const text = Buffer.from(await (await download(clutter.url, w.oversightStreet)).arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      TICKET_COLUMNS.join(','),
      `${numbers[2]},甲小区,楼内乱堆乱放,扫码,已撤回,2026-03-02 09:00,,,,,楼道里堆满了纸箱，影响通行。`,
      '',
    ]);
  });

  it('only the viewer who asked may fetch it, while the scope is theirs; bad requests are refused and write nothing', async () => {
    const mine = ok(await request(w.oversightStreet, { format: 'CSV', content: 'FIGURES' })).requestExport;
    expect((await download(mine.url, w.oversightStreet)).status).toBe(200);
    for (const other of [w.oversightCity, w.admin, w.staffA, w.ownerA]) expect((await download(mine.url, other)).status).toBe(404);
    expect((await download(mine.url, null)).status).toBe(401);
    expect((await download('/exports/abc/file', w.oversightStreet)).status).toBe(404);
    expect(codeOf(await t.gql(GET, { id: mine.id }, w.oversightCity.token))).toBe('NOT_FOUND');
    const before = Number((await t.ds.query('SELECT COUNT(*) AS n FROM figure_exports'))[0].n);
    expect(codeOf(await request(w.staffA, { format: 'XLSX' }))).toBe('FORBIDDEN');
    expect(codeOf(await request(w.oversightStreet, { format: 'XLSX', scope: { kind: 'COMPLEX', id: w.complexB } }))).toBe('NOT_FOUND');
    expect(codeOf(await request(w.oversightStreet, { format: 'XLSX', categoryCode: 'NOPE' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await request(w.oversightStreet, { format: 'XLSX', source: 'FAX' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await request(w.oversightStreet, { format: 'XLSX', period: { kind: 'CUSTOM', day: '2026-03-02', to: '2026-02-01' } }))).toBe('BAD_USER_INPUT');
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM figure_exports'))[0].n)).toBe(before);

    // Files expire: the sweep deletes them after the TTL (24 h) and the link stops working.
    t.clock.advance(24 * 3600_000 + 1000);
    try {
      expect((await download(mine.url, w.oversightStreet)).status).toBe(404);
      const swept = await t.app.get(ExportsService).sweep();
      expect(swept.expired).toBeGreaterThanOrEqual(1);
      expect(ok(await t.gql(GET, { id: mine.id }, w.oversightStreet.token)).export).toMatchObject({ status: 'EXPIRED', url: null });
    } finally {
      t.clock.advance(-(24 * 3600_000 + 1000));
    }
  });

  it('a queued export nobody works on (its wake-up lost, or Redis away when it was asked) is made by the sweep from MySQL alone', async () => {
    const large = ok(await request(w.oversightStreet, { format: 'CSV' })).requestExport;
    expect(large).toMatchObject({ status: 'QUEUED', rowsTotal: 3 });
    const svc = t.app.get(ExportsService);
    expect(await svc.sweep()).toMatchObject({ made: 0 }); // not yet: a worker may still take it
    t.clock.advance(21_000);
    expect(await svc.sweep()).toMatchObject({ made: 1 });
    expect(await svc.sweep()).toMatchObject({ made: 0 }); // done once
    const done = ok(await t.gql(GET, { id: large.id }, w.oversightStreet.token)).export;
    expect(done).toMatchObject({ status: 'DONE', progress: 1 });
    const lines = Buffer.from(await (await download(done.url, w.oversightStreet)).arrayBuffer()).toString('utf8').split('\r\n');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['\uFEFF工单编号', numbers[2], numbers[1], numbers[0], '']);
    // A worker waking up for it afterwards finds it taken.
    expect(await svc.run(large.id)).toBeNull();
  });
});
