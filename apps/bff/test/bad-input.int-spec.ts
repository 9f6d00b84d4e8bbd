/**
 * Bad input over real HTTP: each is refused with a typed error (extensions.code / REST `code`),
 * and nothing is written — rows are counted before and after.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { MAX_PHOTO_BYTES, TICKET_TEXT_MAX, TicketAction as A } from '@msb/shared-types';
import { OrgService } from '../src/org/org.service';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, type Actor, type World } from './support/world';
import { jpeg, PNG, upload, WEBP } from './support/photos';
import { ACTION_MUTATION, act, countRows, walk, type UserAction } from './support/lifecycle-driver';

const schema = readFileSync(join(__dirname, '../schema.graphql'), 'utf8');
/** The fields of a GraphQL input type, as the committed schema declares them. */
const inputFields = (type: string): string[] => {
  const m = new RegExp(`input ${type} \\{([^}]*)\\}`).exec(schema);
  if (!m) throw new Error(`input ${type} not in the schema`);
  return m[1].split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('"')).map((l) => l.split(':')[0]);
};

const REPORT = 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id status attachments { id } } }';

describe('bad input is refused with a typed error and nothing is written', () => {
  let t: TestApp;
  let w: World;
  let keySeq = 0;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const counts = async () => ({
    tickets: await countRows(t, 'tickets'),
    events: await countRows(t, 'ticket_events'),
    attachments: await countRows(t, 'attachments'),
    bound: await countRows(t, 'attachments', 'ticket_id IS NOT NULL'),
  });
  const report = (input: Record<string, unknown>, who: Actor = w.ownerA) =>
    t.gql(REPORT, { input: { qrToken: w.qrA, idempotencyKey: `bad-input-${++keySeq}-${process.pid}`, categoryCode: 'CLUTTER', text: '楼道里堆满了杂物，影响通行。', ...input } }, who.token);

  /** Runs `call`, expects BAD_USER_INPUT (naming `field`, when given), and that no row changed. */
  const refused = async (call: () => Promise<any>, field?: string) => {
    const before = await counts();
    const r = await call();
    expect({ code: codeOf(r), field: field === undefined ? undefined : r.errors?.[0]?.extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
    return r;
  };

  describe('reportTicket', () => {
    it('empty, blank or too short text', async () => {
      for (const text of ['', '    ', '\n\t ', '灯坏了']) await refused(() => report({ text }), 'text');
    });

    it('oversized text (the limit itself is fine)', async () => {
      await refused(() => report({ text: '字'.repeat(TICKET_TEXT_MAX + 1) }), 'text');
      expect(ok(await report({ text: '字'.repeat(TICKET_TEXT_MAX) })).reportTicket.status).toBe('REPORTED');
    });

    it('unknown category', async () => {
      for (const categoryCode of ['NOPE', '', 'parking', "PARKING' OR 1=1"]) await refused(() => report({ categoryCode }), 'categoryCode');
    });

    it('bad contact phone, a building of another complex', async () => {
      await refused(() => report({ contactPhone: '12345' }), 'contactPhone');
      const otherBuilding = Number((await t.ds.query('INSERT INTO buildings (complex_id, name) VALUES (?, ?)', [w.complexB, '乙1号楼'])).insertId);
      await refused(() => report({ buildingId: otherBuilding }), 'buildingId');
    });

    it('a wrongly typed variable (GraphQL coercion) comes back as BAD_USER_INPUT', async () => {
      await refused(() => report({ text: 12345 }));
      await refused(() => report({ buildingId: 'one' }));
      await refused(() => report({ photoIds: 'not-a-list-of-ids' }).then((r) => r)); // a single value coerces to a list …
    });

    it('a missing required field', async () => {
      await refused(() => t.gql(REPORT, { input: { qrToken: w.qrA, idempotencyKey: 'missing-field-01', text: '楼道里堆满了杂物。' } }, w.ownerA.token));
    });
  });

  describe('invalid enums and scalars on actions (coercion and validation errors)', () => {
    it('an unknown enum value in variables, or inline in the query', async () => {
      const s = await walk(t, w, []);
      await refused(() => act(t, A.REFUSE, w.staffA, s, { reason: 'BECAUSE', note: '不处理' }));
      await refused(() => t.gql(`mutation { refuseTicket(input: { ticketId: "${s.id}", version: 1, reason: BECAUSE, note: "不处理" }) { id } }`, undefined, w.staffA.token));
      await refused(() => t.gql('query { inbox(filter: { statuses: [OPEN] }) { nodes { id } } }', undefined, w.staffA.token));
      await refused(() => act(t, A.START, w.staffA, { id: s.id, version: 'two' as unknown as number }));
      await refused(() => act(t, A.RATE, w.ownerA, s, { solved: true, satisfaction: 2.5 }));
      await refused(() => t.gql('query { ticket(id: 1) { nosuchfield } }', undefined, w.staffA.token));
      await refused(() => t.gql('query { ticket(id: ', undefined, w.staffA.token)); // syntax error
      expect(ok(await t.gql('query($id: ID!) { ticket(id: $id) { status version } }', { id: s.id }, w.staffA.token)).ticket).toEqual({ status: 'REPORTED', version: 1 });
    });

    it('action inputs the domain refuses (field named), the ticket untouched', async () => {
      const reported = await walk(t, w, []);
      const handling = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA']]);
      const resolved = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA']]);
      const mediating = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA'], [A.RESOLVE, 'staffA'], [A.REQUEST_MEDIATION, 'ownerA']]);
      const teamB = Number((await t.ds.query('INSERT INTO units (kind, name, company_id) SELECT ?, ?, company_id FROM complexes WHERE id = ?', ['PROPERTY_TEAM', '乙保洁部', w.complexB])).insertId);
      t.app.get(OrgService).invalidate();
      const cases: [string, UserAction, () => Promise<any>, string][] = [
        ['refuse without a note', A.REFUSE, () => act(t, A.REFUSE, w.staffA, reported, { reason: 'OTHER', note: '  ' }), 'note'],
        ['refuse as duplicate of an unknown number', A.REFUSE, () => act(t, A.REFUSE, w.staffA, reported, { reason: 'DUPLICATE', note: '重复', duplicateOfNumber: 'MSB-20000101-9999' }), 'duplicateOfNumber'],
        ['refuse as duplicate of itself', A.REFUSE, () => t.ds.query('SELECT number FROM tickets WHERE id = ?', [reported.id]).then(([r]) => act(t, A.REFUSE, w.staffA, reported, { reason: 'DUPLICATE', note: '重复', duplicateOfNumber: r.number })), 'duplicateOfNumber'],
        ['accept assigning company B staff', A.ACCEPT, () => act(t, A.ACCEPT, w.managerA, reported, { assigneeId: w.staffB.id }), 'assigneeId'],
        ['accept assigning a non-numeric id', A.ACCEPT, () => act(t, A.ACCEPT, w.managerA, reported, { assigneeId: 'abc' }), 'assigneeId'],
        ['assign to an owner', A.ASSIGN, () => act(t, A.ASSIGN, w.managerA, handling, { assigneeId: w.ownerA.id }), 'assigneeId'],
        ['dispatch to an unknown unit', A.DISPATCH, () => act(t, A.DISPATCH, w.staffA, handling, { targetUnitId: 999999, reason: '转派' }), 'targetUnitId'],
        ["dispatch to company B's team", A.DISPATCH, () => act(t, A.DISPATCH, w.staffA, handling, { targetUnitId: teamB, reason: '转派' }), 'targetUnitId'],
        ['dispatch without a reason', A.DISPATCH, () => act(t, A.DISPATCH, w.staffA, handling, { targetUnitId: w.deptCg, reason: '' }), 'reason'],
        ['progress without a note', A.ADD_PROGRESS, () => act(t, A.ADD_PROGRESS, w.staffA, handling, { note: ' ' }), 'note'],
        ['comment with oversized text', A.COMMENT, () => act(t, A.COMMENT, w.ownerA, handling, { text: '长'.repeat(501) }), 'text'],
        ['resolve without a result', A.RESOLVE, () => act(t, A.RESOLVE, w.staffA, handling, { result: '' }), 'result'],
        ['resolve with oversized result', A.RESOLVE, () => act(t, A.RESOLVE, w.staffA, handling, { result: '长'.repeat(TICKET_TEXT_MAX + 1) }), 'result'],
        ['rate with an oversized comment', A.RATE, () => act(t, A.RATE, w.ownerA, resolved, { solved: true, satisfaction: 4, comment: '长'.repeat(501) }), 'comment'],
        ['rate 0 stars', A.RATE, () => act(t, A.RATE, w.ownerA, resolved, { solved: true, satisfaction: 0 }), 'satisfaction'],
        ['rate 6 stars', A.RATE, () => act(t, A.RATE, w.ownerA, resolved, { solved: false, satisfaction: 6 }), 'satisfaction'],
        ['mediation without a reason', A.REQUEST_MEDIATION, () => act(t, A.REQUEST_MEDIATION, w.ownerA, resolved, { reason: '' }), 'reason'],
        ['mediation record without a place', A.RECORD_MEDIATION, () => act(t, A.RECORD_MEDIATION, w.mediatorA, mediating, { outcome: 'AGREEMENT', meetingAt: '2026-01-05T02:00:00Z', place: '', participants: '双方', notes: '达成一致' }), 'place'],
        ['mediation record without notes', A.RECORD_MEDIATION, () => act(t, A.RECORD_MEDIATION, w.mediatorA, mediating, { outcome: 'AGREEMENT', meetingAt: '2026-01-05T02:00:00Z', place: '社区会议室', participants: '双方', notes: ' ' }), 'notes'],
        ['refuse with an oversized note', A.REFUSE, () => act(t, A.REFUSE, w.staffA, reported, { reason: 'OTHER', note: '长'.repeat(TICKET_TEXT_MAX + 1) }), 'note'],
        ['reopen-like reason too long on mediation', A.REQUEST_MEDIATION, () => act(t, A.REQUEST_MEDIATION, w.ownerA, resolved, { reason: '长'.repeat(TICKET_TEXT_MAX + 1) }), 'reason'],
        ['accept with an oversized note', A.ACCEPT, () => act(t, A.ACCEPT, w.staffA, reported, { note: '长'.repeat(TICKET_TEXT_MAX + 1) }), 'note'],
        ['withdraw with an oversized reason', A.WITHDRAW, () => act(t, A.WITHDRAW, w.ownerA, reported, { reason: '长'.repeat(TICKET_TEXT_MAX + 1) }), 'reason'],
        ['photo ids that are not ids', A.ADD_PROGRESS, () => act(t, A.ADD_PROGRESS, w.staffA, handling, { note: '进展', photoIds: ['x'] }), 'photoIds'],
      ];
      for (const [name, action, call, field] of cases) {
        // The field an error names is one of the mutation's own input fields (what the client sent), never an internal name.
        expect({ name, field, inInput: inputFields(ACTION_MUTATION[action].type).includes(field) }).toEqual({ name, field, inInput: true });
        const before = await counts();
        const rows = await t.ds.query('SELECT id, status, version, assignee_id, dispatch_target_unit_id FROM tickets ORDER BY id');
        const r = await call();
        expect({ name, code: codeOf(r), field: r.errors?.[0]?.extensions?.field }).toEqual({ name, code: 'BAD_USER_INPUT', field });
        expect(await counts()).toEqual(before);
        expect(await t.ds.query('SELECT id, status, version, assignee_id, dispatch_target_unit_id FROM tickets ORDER BY id')).toEqual(rows);
      }
    });
  });

  describe('photos', () => {
    const tmpDir = () => join(t.config.uploadsDir, 'tmp');
    const tmpFiles = () => (existsSync(tmpDir()) ? readdirSync(tmpDir()) : []);

    it('JPEG, PNG and WebP by content are accepted and served back to the uploader (re-encoded, same pixels size)', async () => {
      for (const [bytes, mime, format] of [[jpeg(), 'image/jpeg', 'jpeg'], [PNG, 'image/png', 'png'], [WEBP, 'image/webp', 'webp']] as const) {
        const r = await upload(t, w.ownerA, bytes, 'x.bin', 'application/octet-stream');
        expect(r).toMatchObject({ status: 201, body: { mime } });
        const res = await fetch(`${t.url}${r.body.url}`, { headers: { authorization: `Bearer ${w.ownerA.token}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(mime);
        const served = Buffer.from(await res.arrayBuffer());
        expect(served.length).toBe(r.body.size);
        expect(await sharp(served).metadata()).toMatchObject({ format, width: 8, height: 8 });
      }
    });

    it('wrong file type by content: a .jpg name and image/jpeg type with text inside', async () => {
      const before = await counts();
      for (const bytes of [Buffer.from('这不是图片，只是一段文字。'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('GIF89a......')]) {
        const r = await upload(t, w.ownerA, bytes, 'photo.jpg', 'image/jpeg');
        expect(r).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'file' } });
      }
      expect(await counts()).toEqual(before);
      expect(tmpFiles()).toEqual([]);
    });

    it('an empty file', async () => {
      const before = await counts();
      expect(await upload(t, w.ownerA, Buffer.alloc(0))).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
      expect(await counts()).toEqual(before);
    });

    it('an 11 MB file is refused; exactly 10 MB is accepted', async () => {
      const before = await counts();
      const big = await upload(t, w.ownerA, jpeg(11 * 1024 * 1024));
      expect(big).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
      expect(await counts()).toEqual(before);
      expect(tmpFiles()).toEqual([]);
      const limit = await upload(t, w.ownerA, jpeg(MAX_PHOTO_BYTES));
      expect(limit).toMatchObject({ status: 201, body: { mime: 'image/jpeg' } });
    });

    it('not multipart, no file part, or no token', async () => {
      const before = await counts();
      const json = await fetch(`${t.url}/uploads`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', authorization: `Bearer ${w.ownerA.token}` } });
      expect(json.status).toBe(400);
      expect((await json.json()).code).toBe('BAD_USER_INPUT');
      const form = new FormData();
      form.append('note', 'no file here');
      const noFile = await fetch(`${t.url}/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${w.ownerA.token}` } });
      expect(noFile.status).toBe(400);
      expect((await noFile.json()).code).toBe('BAD_USER_INPUT');
      expect(await upload(t, null, jpeg())).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
      expect(await counts()).toEqual(before);
    });

    it('a tenth photo on one action is refused (nine are fine), and the photos stay unbound', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await upload(t, w.ownerA, jpeg())).body.id);
      await refused(() => report({ photoIds: ids }), 'photoIds');
      expect(await countRows(t, 'attachments', 'id IN (?) AND ticket_id IS NULL', [ids])).toBe(10);
      const filed = ok(await report({ photoIds: ids.slice(0, 9) })).reportTicket;
      expect(filed.attachments.map((a: { id: string }) => a.id).sort()).toEqual(ids.slice(0, 9).sort());
      // … and the same on a later action.
      const s = await walk(t, w, [[A.ACCEPT, 'staffA'], [A.START, 'staffA']]);
      const staffIds: string[] = [];
      for (let i = 0; i < 10; i++) staffIds.push((await upload(t, w.staffA, jpeg())).body.id);
      await refused(() => act(t, A.RESOLVE, w.staffA, s, { result: '已清理', photoIds: staffIds }), 'photoIds');
    });

    it("photos belonging to another user, or already used on a ticket, are refused and nothing is filed", async () => {
      const others = (await upload(t, w.ownerB, jpeg())).body.id;
      await refused(() => report({ photoIds: [others] }), 'photoIds');
      expect(await countRows(t, 'attachments', 'id = ? AND ticket_id IS NULL', [others])).toBe(1);
      const mine = (await upload(t, w.ownerA, jpeg())).body.id;
      await refused(() => report({ photoIds: [mine, others] }), 'photoIds');
      expect(await countRows(t, 'attachments', 'id = ? AND ticket_id IS NULL', [mine])).toBe(1); // rolled back with the rest
      ok(await report({ photoIds: [mine] }));
      await refused(() => report({ photoIds: [mine] }), 'photoIds'); // already bound
      await refused(() => report({ photoIds: ['99999999'] }), 'photoIds'); // does not exist
    });
  });
});
