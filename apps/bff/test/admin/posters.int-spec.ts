/**
 * QR posters: per spot A4/A5, a complex's posters in one PDF, a sticker sheet. Each page is rendered to PNG
 * (mupdf) and its QR decoded (jsQR): the link must resolve to that very spot. PNGs stay in test/admin/out/.
 */
import { JwtService } from '@nestjs/jwt';
import { Role } from '@msb/shared-types';
import { OrgService } from '../../src/org/org.service';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { create } from './admin-support';
import { renderAndDecode } from './pdf-check';

describe('QR posters', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, number> = {};
  const get = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const pdf = async (path: string, token = admin) => {
    const r = await get(path, token);
    expect({ status: r.status, type: r.headers.get('content-type') }).toEqual({ status: 200, type: 'application/pdf' });
    return Buffer.from(await r.arrayBuffer());
  };
  const spotOf = async (link: string) => {
    expect(link).toMatch(/^http:\/\/test\.local\/q\/k1\.\d+\.\d+\./);
    return ok(await t.gql('query($tk: String!) { complexByQrToken(token: $tk) { complex { name } spot { id name } } }', { tk: link.split('/q/')[1] })).complexByQrToken;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const jwt = t.app.get(JwtService);
    const sign = async (role: Role, name: string) => {
      const id = String((await t.ds.query('INSERT INTO users (name, phone) VALUES (?, NULL)', [name])).insertId);
      await t.ds.query('INSERT INTO role_assignments (user_id, role) VALUES (?, ?)', [id, role]);
      return jwt.sign({ sub: id });
    };
    admin = await sign(Role.ADMIN, '局管理员');
    ids.ownerToken = 0;
    t.app.get(OrgService).invalidate();
    const city = await create(t, admin, { kind: 'AREA', level: 'CITY', name: '济南市' });
    const district = await create(t, admin, { kind: 'AREA', parentId: city, name: '历下区' });
    const street = await create(t, admin, { kind: 'AREA', parentId: district, name: '泉城路街道' });
    const community = await create(t, admin, { kind: 'AREA', parentId: street, name: '芙蓉社区' });
    const company = await create(t, admin, { kind: 'COMPANY', name: '泉城红色物业服务有限公司', servicePhone: '0531-86001234' });
    ids.complex = await create(t, admin, { kind: 'COMPLEX', parentId: community, name: '明湖花园（二期）', companyId: company, servicePhone: '0531-86001234', emergencyPhone: '13805310000' });
    ids.gate = await create(t, admin, { kind: 'SPOT', parentId: ids.complex, name: '东门' });
    ids.lift = await create(t, admin, { kind: 'SPOT', parentId: ids.complex, name: '3号楼2单元电梯厅（地下车库直达）', spotKind: 'LIFT' });
    ids.third = await create(t, admin, { kind: 'SPOT', parentId: ids.complex, name: '南门' });
    (globalThis as any).ownerToken = await sign(Role.OWNER, '业主');
  });
  afterAll(() => t.close());

  it('A4 and A5 posters of a gate: the decoded QR is the spot’s current link and resolves to that gate', async () => {
    const link = ok(await t.gql('query($s: Int!) { spotQrLink(spotId: $s) }', { s: ids.gate }, admin)).spotQrLink;
    for (const size of ['A4', 'A5']) {
      const { files, codes } = renderAndDecode(await pdf(`/admin/posters/spots/${ids.gate}?size=${size}`), `gate-${size}`, 150);
      expect(files).toHaveLength(1);
      const [[decoded]] = codes;
      expect(decoded).toBe(link);
      expect(await spotOf(decoded!)).toEqual({ complex: { name: '明湖花园（二期）' }, spot: { id: ids.gate, name: '东门' } });
    }
  });

  it('a whole complex: one page per spot, each page its own spot; a sticker sheet with all of them', async () => {
    const { codes } = renderAndDecode(await pdf(`/admin/posters/complexes/${ids.complex}?size=A4`), 'complex-A4', 100);
    expect(codes).toHaveLength(3);
    const spots = [];
    for (const [link] of codes) spots.push((await spotOf(link!)).spot.id);
    expect(spots).toEqual([ids.gate, ids.lift, ids.third]);
    const sheet = renderAndDecode(await pdf(`/admin/posters/complexes/${ids.complex}/stickers`), 'stickers', 300, [3, 4]).codes[0];
    expect(sheet.slice(3)).toEqual(Array(9).fill(null));
    expect(await Promise.all(sheet.slice(0, 3).map(async (l) => (await spotOf(l!)).spot.id))).toEqual([ids.gate, ids.lift, ids.third]);
  });

  it('after rotating, the new poster carries the new code and the old one says 此二维码已更换', async () => {
    const old = renderAndDecode(await pdf(`/admin/posters/spots/${ids.third}?size=A5`), 'third-old', 150).codes[0][0]!;
    ok(await t.gql('mutation($s: Int!) { rotateSpotQr(spotId: $s) }', { s: ids.third }, admin));
    const fresh = renderAndDecode(await pdf(`/admin/posters/spots/${ids.third}?size=A5`), 'third-new', 150).codes[0][0]!;
    expect(fresh).not.toBe(old);
    expect((await spotOf(fresh)).spot.id).toBe(ids.third);
    const r = await t.gql('query($tk: String!) { complexByQrToken(token: $tk) { spot { id } } }', { tk: old.split('/q/')[1] });
    expect(r.errors?.[0].message).toBe('此二维码已更换，请扫描新码或联系物业 0531-86001234');
  });

  it('admins of the complex only: anonymous 401, an owner 403, unknown spot 404, bad size 400', async () => {
    expect((await get(`/admin/posters/spots/${ids.gate}`)).status).toBe(401);
    expect((await get(`/admin/posters/spots/${ids.gate}`, (globalThis as any).ownerToken)).status).toBe(403);
    expect((await get('/admin/posters/spots/999999', admin)).status).toBe(404);
    expect((await get(`/admin/posters/spots/${ids.gate}?size=A3`, admin)).status).toBe(400);
    expect((await get('/admin/posters/complexes/abc', admin)).status).toBe(400);
  });
});
