/**
 * Import in two phases over real HTTP: upload an XLSX with deliberately bad rows → preview with every
 * row's errors by row number → commit the valid rows (audited) → the same file again changes nothing.
 */
import ExcelJS from 'exceljs';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@msb/shared-types';
import { OrgService } from '../../src/org/org.service';
import { codeOf, ok, startTestApp, type TestApp } from '../support/test-app';
import { countEvents, create, login } from './admin-support';
import { COLUMNS } from '../../src/admin/import/import-file';

describe('import (XLSX/CSV)', () => {
  let t: TestApp;
  let admin: string;
  const upload = async (name: string, data: Buffer, token = admin) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), name);
    const r = await fetch(`${t.url}/admin/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, body: (await r.json()) as any };
  };
  const xlsx = async (rows: string[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow([...COLUMNS]);
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const ROWS = [
    ['小区', '芙蓉社区', '湖光苑', '', '', '', '', '湖光物业', '湖光路1号', '0531-81234567'], // 2
    ['楼栋', '芙蓉社区', '湖光苑', '1号楼', '', '', '', '', '', ''], // 3
    ['楼栋', '芙蓉社区', '湖光苑', '2号楼', '', '', '', '', '', ''], // 4
    ['楼栋', '芙蓉社区', '湖光苑', '!!坏楼', '', '', '', '', '', ''], // 5 bad building number
    ['出入口', '芙蓉社区', '湖光苑', '南门', '', '', '', '', '', ''], // 6
    ['出入口', '芙蓉社区', '湖光苑', '1号楼大堂', '1号楼', '', '', '', '', ''], // 7
    ['出入口', '无名社区', '湖光苑', '北门', '', '', '', '', '', ''], // 8 unknown community
    ['员工', '芙蓉社区', '湖光苑', '李师傅', '', '13700000021', '物业员工', '', '', ''], // 9
    ['员工', '芙蓉社区', '湖光苑', '赵师傅', '', '13700000021', '物业员工', '', '', ''], // 10 duplicate phone
    ['员工', '芙蓉社区', '湖光苑', '钱经理', '', '13700000022', '项目经理', '', '', ''], // 11
    ['员工', '芙蓉社区', '湖光苑', '孙师傅', '', '1370000', '物业员工', '', '', ''], // 12 bad phone
    ['楼栋', '芙蓉社区', '不存在小区', '1号楼', '', '', '', '', '', ''], // 13 unknown complex
  ];

  beforeAll(async () => {
    t = await startTestApp();
    const id = String((await t.ds.query('INSERT INTO users (name, phone) VALUES (?, NULL)', ['局管理员'])).insertId);
    await t.ds.query('INSERT INTO role_assignments (user_id, role) VALUES (?, ?)', [id, Role.ADMIN]);
    admin = t.app.get(JwtService).sign({ sub: id });
    t.app.get(OrgService).invalidate();
    const city = await create(t, admin, { kind: 'AREA', level: 'CITY', name: '济南市' });
    const street = await create(t, admin, { kind: 'AREA', parentId: await create(t, admin, { kind: 'AREA', parentId: city, name: '历下区' }), name: '泉城路街道' });
    await create(t, admin, { kind: 'AREA', parentId: street, name: '芙蓉社区' });
    await create(t, admin, { kind: 'COMPANY', name: '湖光物业' });
  });
  afterAll(() => t.close());

  it('the template downloads with its header and example rows', async () => {
    const r = await fetch(`${t.url}/admin/imports/template`, { headers: { authorization: `Bearer ${admin}` } });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await r.arrayBuffer()) as any);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([...COLUMNS]);
    expect(wb.worksheets[0].rowCount).toBe(7);
  });

  it('preview lists every bad row by number; commit creates the valid ones; the same file again is a no-op', async () => {
    const file = await xlsx(ROWS);
    const events0 = await countEvents(t);
    const p = await upload('湖光苑.xlsx', file);
    expect(p.status).toBe(201);
    expect(await countEvents(t)).toBe(events0);
    const bad = p.body.rows.filter((r: any) => r.status === 'ERROR').map((r: any) => [r.row, r.errors.join('；')]);
    expect(bad).toEqual([
      [5, '楼栋编号不正确“!!坏楼”（如 1号楼、A座、3栋）'],
      [8, '未知社区“无名社区”'],
      [10, '手机号重复：与第 9 行（李师傅）相同'],
      [12, '手机号格式不正确“1370000”'],
      [13, '未知小区“不存在小区”（请先在上面的行或系统里建立）'],
    ]);
    expect({ total: p.body.totalRows, valid: p.body.validRows, errors: p.body.errorRows }).toEqual({ total: 12, valid: 7, errors: 5 });

    const c = ok(await t.gql('mutation($id: Int!) { commitImport(id: $id) { batch { status createdCount unchangedCount errorRows } invitations { row phone oneTimeCode } } }', { id: p.body.id }, admin)).commitImport;
    expect(c.batch).toEqual({ status: 'COMMITTED', createdCount: 7, unchangedCount: 0, errorRows: 5 });
    expect(c.invitations.map((i: any) => [i.row, i.phone])).toEqual([[9, '13700000021'], [11, '13700000022']]);
    expect(codeOf(await t.gql('mutation($id: Int!) { commitImport(id: $id) { batch { id } } }', { id: p.body.id }, admin))).toBe('CONFLICT');
    const places = ok(await t.gql('{ adminPlaces { complexes { id name servicePhone } buildings { name } spots { name buildingId } } }', {}, admin)).adminPlaces;
    expect(places.complexes.map((x: any) => [x.name, x.servicePhone])).toEqual([['湖光苑', '0531-81234567']]);
    expect(places.buildings.map((b: any) => b.name)).toEqual(['1号楼', '2号楼']);
    expect(places.spots.map((s: any) => s.name)).toEqual(['南门', '1号楼大堂']);
    const trail = ok(await t.gql('{ adminEvents(first: 100) { action importId } }', {}, admin)).adminEvents.filter((e: any) => e.importId === p.body.id);
    expect(trail.map((e: any) => e.action).sort()).toEqual(['ACCOUNT_CREATE', 'ACCOUNT_CREATE', 'BUILDING_CREATE', 'BUILDING_CREATE', 'COMPLEX_CREATE', 'IMPORT_COMMIT', 'ROLE_GRANT', 'ROLE_GRANT', 'SPOT_CREATE', 'SPOT_CREATE']);

    // The invited staff member signs in with the code from the import.
    ok(await t.gql('mutation($c: String!) { setPasswordWithCode(phone: "13700000021", code: $c, password: "Li2026pass") }', { c: c.invitations[0].oneTimeCode }));
    expect(await login(t, '13700000021', 'Li2026pass')).toBeTruthy();

    const events1 = await countEvents(t);
    const again = await upload('湖光苑.xlsx', file);
    expect(again.body.rows.filter((r: any) => r.status === 'NEW')).toEqual([]);
    expect(again.body.rows.filter((r: any) => r.status === 'UNCHANGED').length).toBe(7);
    const c2 = ok(await t.gql('mutation($id: Int!) { commitImport(id: $id) { batch { createdCount unchangedCount } } }', { id: again.body.id }, admin)).commitImport;
    expect(c2.batch).toEqual({ createdCount: 0, unchangedCount: 7 });
    expect(await countEvents(t)).toBe(events1 + 1); // only the IMPORT_COMMIT record itself
    const log = ok(await t.gql('{ importBatches { id status createdCount unchangedCount errorRows } }', {}, admin)).importBatches;
    expect(log.map((b: any) => [b.status, b.createdCount, b.unchangedCount, b.errorRows])).toEqual([['COMMITTED', 0, 7, 5], ['COMMITTED', 7, 0, 5]]);
  });

  it('CSV works the same; a file without the header, an empty file, and non-admins are refused', async () => {
    const csv = `${COLUMNS.join(',')}\r\n出入口,芙蓉社区,湖光苑,"西门, 小门",,,,,,\r\n`;
    const p = await upload('gates.csv', Buffer.from(`\uFEFF${csv}`));
    expect(p.body.rows.map((r: any) => [r.row, r.status, r.name])).toEqual([[2, 'NEW', '西门, 小门']]);
    expect((await upload('x.csv', Buffer.from('a,b\n1,2\n'))).status).toBe(400);
    expect((await upload('x.csv', Buffer.alloc(0))).status).toBe(400);
    const staff = await login(t, '13700000021', 'Li2026pass');
    expect((await upload('gates.csv', Buffer.from(csv), staff)).status).toBe(403);
    // A company admin adds to its own complexes but may not create one: the preview says so, by row.
    const [co] = await t.ds.query("SELECT id FROM companies WHERE name = '湖光物业'");
    const uid = String((await t.ds.query('INSERT INTO users (name, phone) VALUES (?, NULL)', ['湖光管理员'])).insertId);
    await t.ds.query('INSERT INTO role_assignments (user_id, role, company_id) VALUES (?, ?, ?)', [uid, Role.COMPANY_ADMIN, co.id]);
    const coAdmin = t.app.get(JwtService).sign({ sub: uid });
    const mixed = `${COLUMNS.join(',')}\n小区,芙蓉社区,新湖光,,,,,湖光物业,,\n出入口,芙蓉社区,湖光苑,东侧门,,,,,,\n`;
    const rows = (await upload('mixed.csv', Buffer.from(mixed), coAdmin)).body.rows.map((r: any) => [r.row, r.status, r.errors]);
    expect(rows).toEqual([[2, 'ERROR', ['无权在该社区新建小区（请联系街道或住建局管理员）']], [3, 'NEW', []]]);
  });
});
