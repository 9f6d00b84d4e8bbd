/**
 * Uploads under abuse (issue 9 #10), over real HTTP against a real BFF: malformed multipart is a 400,
 * never a 500; every photo is decoded and encoded again (heads, fragments, polyglots and pixel bombs are
 * refused; EXIF incl. GPS is stripped, orientation applied); media is served so a browser never runs it;
 * a per-uploader daily quota holds under concurrency; extra files are refused; unused photos expire.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { MediaService } from '../src/media/media.service';
import { PHOTO_LIMITS } from '../src/media/image-reencode';
import { startTestApp, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from './support/world';
import { countRows } from './support/lifecycle-driver';
import { jpeg, PNG, upload } from './support/photos';

jest.setTimeout(120_000);

/** A raw POST /uploads with whatever headers and body (the body may be cut short: `end` false leaves the declared length unmet). */
function rawPost(t: TestApp, who: Actor, headers: Record<string, string | number>, body: Buffer): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${who.token}`, 'content-length': body.length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode!, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function multipart(files: { field: string; name: string; type: string; bytes: Buffer }[], close = true) {
  const boundary = `----msbtest${Math.random().toString(16).slice(2)}`;
  const parts = files.flatMap((f) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
    f.bytes,
    Buffer.from('\r\n'),
  ]);
  if (close) parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, body: Buffer.concat(parts) };
}

/** A PNG chunk (length, type, data, CRC). */
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}

/** A 60000×60000 greyscale PNG "bomb": a valid header and the first compressed rows, a few KB in all. */
function pngBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60000, 0);
  ihdr.writeUInt32BE(60000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc(60001 * 50), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

describe('uploads', () => {
  let t: TestApp;
  let w: World;
  const tmpFiles = () => (existsSync(join(t.config.uploadsDir, 'tmp')) ? readdirSync(join(t.config.uploadsDir, 'tmp')) : []);
  const photoRows = () => countRows(t, 'attachments');

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_DAILY_COUNT: '1000', UPLOAD_DAILY_MB: '1000' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('multipart without a boundary, cut off midway, or malformed is a 400 BAD_USER_INPUT (was 500), and nothing is stored', async () => {
    const before = await photoRows();
    const noBoundary = await rawPost(t, w.ownerA, { 'content-type': 'multipart/form-data' }, multipart([{ field: 'file', name: 'a.jpg', type: 'image/jpeg', bytes: jpeg() }]).body);
    expect(noBoundary).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'file' } });
    const cut = multipart([{ field: 'file', name: 'a.jpg', type: 'image/jpeg', bytes: jpeg(5000) }], false);
    const truncated = await rawPost(t, w.ownerA, { 'content-type': `multipart/form-data; boundary=${cut.boundary}` }, cut.body.subarray(0, 3000));
    expect(truncated).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'file' } });
    const garbage = await rawPost(t, w.ownerA, { 'content-type': 'multipart/form-data; boundary=xyz' }, Buffer.from('--xyz\r\nthis is not a part header\r\n\r\nabc\r\n--xyz--\r\n'));
    expect(garbage.status).toBe(400);
    expect(await photoRows()).toBe(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('an 8-byte PNG signature, a 3-byte JPEG and a PNG signature followed by HTML are refused (they only start like images)', async () => {
    const before = await photoRows();
    for (const [name, bytes] of [
      ['png-signature', PNG.subarray(0, 8)],
      ['jpeg-3-bytes', Buffer.from([0xff, 0xd8, 0xff])],
      ['png-html-polyglot', Buffer.concat([PNG.subarray(0, 8), HTML])],
      ['truncated-png', PNG.subarray(0, PNG.length - 20)],
    ] as const) {
      const r = await upload(t, w.ownerA, bytes, `${name}.png`, 'image/png');
      expect({ name, status: r.status, code: r.body.code, field: r.body.field }).toEqual({ name, status: 400, code: 'BAD_USER_INPUT', field: 'file' });
    }
    expect(await photoRows()).toBe(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('a real PNG with an HTML page inside and after it is stored as pixels only: the served file has no trace of the page', async () => {
    const iend = PNG.length - 12;
    const polyglot = Buffer.concat([PNG.subarray(0, iend), chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), HTML])), PNG.subarray(iend), HTML]);
    const r = await upload(t, w.ownerA, polyglot, 'p.png', 'image/png');
    if (r.status === 400) return expect(r.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(r).toMatchObject({ status: 201, body: { mime: 'image/png' } });
    const served = Buffer.from(await (await fetch(`${t.url}${r.body.url}`, { headers: { authorization: `Bearer ${w.ownerA.token}` } })).arrayBuffer());
    expect(served.includes(Buffer.from('<script'))).toBe(false);
    expect(served.includes(Buffer.from('<html'))).toBe(false);
  });

  it(`a 60000×60000 PNG bomb is refused from its header, fast and without the memory to decode it (limit ${PHOTO_LIMITS.maxInputPixels} pixels)`, async () => {
    const bomb = pngBomb();
    const rss0 = process.memoryUsage().rss;
    const started = performance.now();
    const r = await upload(t, w.ownerA, bomb, 'bomb.png', 'image/png');
    const ms = performance.now() - started;
    const rss1 = process.memoryUsage().rss;
    console.log(`PNG bomb: ${bomb.length} bytes declaring 60000×60000 (3.6 Gpx), answered ${r.status} in ${ms.toFixed(0)} ms; RSS ${(rss0 / 1e6).toFixed(0)} → ${(rss1 / 1e6).toFixed(0)} MB`);
    expect(r).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'file', reason: 'TOO_MANY_PIXELS' } });
    expect(ms).toBeLessThan(2000);
    expect(rss1 - rss0).toBeLessThan(100e6);
  });

  it('EXIF (GPS position, camera) is stripped and the orientation is applied to the pixels', async () => {
    // 40 wide × 20 high, orientation 6 (shown rotated 90°: 20 × 40), with GPS and camera tags.
    const original = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SecretCam', Model: 'Model-X' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 40/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '117/1 0/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const m0 = await sharp(original).metadata();
    expect({ orientation: m0.orientation, exif: !!m0.exif }).toEqual({ orientation: 6, exif: true });
    expect(original.includes(Buffer.from('SecretCam'))).toBe(true);
    const r = await upload(t, w.ownerA, original, 'exif.jpg', 'image/jpeg');
    expect(r.status).toBe(201);
    const served = Buffer.from(await (await fetch(`${t.url}${r.body.url}`, { headers: { authorization: `Bearer ${w.ownerA.token}` } })).arrayBuffer());
    const m = await sharp(served).metadata();
    expect({ width: m.width, height: m.height, orientation: m.orientation, exif: m.exif, xmp: m.xmp, icc: m.icc }).toEqual({ width: 20, height: 40, orientation: undefined, exif: undefined, xmp: undefined, icc: undefined });
    expect(served.includes(Buffer.from('SecretCam'))).toBe(false);
    expect(served.includes(Buffer.from('GPS'))).toBe(false);
  });

  it("media is served as what it is and never run: nosniff, CSP default-src 'none', its Content-Type and an inline disposition with a safe name", async () => {
    const r = await upload(t, w.ownerA, jpeg(), '"><script>.html', 'text/html');
    expect(r.status).toBe(201);
    const res = await fetch(`${t.url}${r.body.url}`, { headers: { authorization: `Bearer ${w.ownerA.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="photo-${r.body.id}.jpg"`);
    expect(Number(res.headers.get('content-length'))).toBe(r.body.size);
  });

  it('two files in one request are refused with a clear error (not the first kept and the second dropped); so is a file under another field', async () => {
    const before = await photoRows();
    const two = multipart([{ field: 'file', name: 'a.jpg', type: 'image/jpeg', bytes: jpeg() }, { field: 'file', name: 'b.jpg', type: 'image/jpeg', bytes: jpeg() }]);
    const r = await rawPost(t, w.ownerA, { 'content-type': `multipart/form-data; boundary=${two.boundary}` }, two.body);
    expect(r).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'file', reason: 'TOO_MANY_FILES' } });
    const three = multipart([1, 2, 3].map(() => ({ field: 'file', name: 'a.jpg', type: 'image/jpeg', bytes: jpeg() })));
    const r3 = await rawPost(t, w.ownerA, { 'content-type': `multipart/form-data; boundary=${three.boundary}` }, three.body);
    expect(r3).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_FILES' } });
    const other = multipart([{ field: 'photo', name: 'a.jpg', type: 'image/jpeg', bytes: jpeg() }]);
    const r4 = await rawPost(t, w.ownerA, { 'content-type': `multipart/form-data; boundary=${other.boundary}` }, other.body);
    expect(r4).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'file' } });
    expect(await photoRows()).toBe(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('photos never attached expire after UPLOAD_UNUSED_HOURS: row and file gone; attached ones stay', async () => {
    const unused = await upload(t, w.ownerA2, await sharp({ create: { width: 9, height: 9, channels: 3, background: '#123456' } }).png().toBuffer(), 'u.png', 'image/png');
    const used = await upload(t, w.ownerA2, await sharp({ create: { width: 9, height: 9, channels: 3, background: '#654321' } }).png().toBuffer(), 'k.png', 'image/png');
    expect([unused.status, used.status]).toEqual([201, 201]);
    await fileTicket(t, w.ownerA2, w.qrA, { photoIds: [used.body.id] });
    const [{ sha256 }] = await t.ds.query('SELECT sha256 FROM attachments WHERE id = ?', [unused.body.id]);
    const file = join(t.config.uploadsDir, 'files', sha256.slice(0, 2), sha256);
    expect(existsSync(file)).toBe(true);
    const media = t.app.get(MediaService);
    // Not yet: 23 hours on.
    t.clock.advance(23 * 3600_000);
    await media.sweepUnused();
    expect(await countRows(t, 'attachments', 'id = ?', [unused.body.id])).toBe(1);
    t.clock.advance(2 * 3600_000);
    const swept = await media.sweepUnused();
    expect(swept.rows).toBeGreaterThanOrEqual(1);
    expect(await countRows(t, 'attachments', 'id = ?', [unused.body.id])).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect((await fetch(`${t.url}/media/${unused.body.id}`, { headers: { authorization: `Bearer ${w.ownerA2.token}` } })).status).toBe(404);
    const kept = await fetch(`${t.url}/media/${used.body.id}`, { headers: { authorization: `Bearer ${w.ownerA2.token}` } });
    expect(kept.status).toBe(200);
    // An expired photo cannot be attached any more.
    const late = await t.gql('mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }', { input: { qrToken: w.qrA, idempotencyKey: `late-${process.pid}`, categoryCode: 'FACILITIES', text: '楼道灯坏了，晚上很黑。', photoIds: [unused.body.id] } }, w.ownerA2.token);
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoIds' });
    t.clock.set(new Date());
  });
});

describe('upload quota', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_DAILY_COUNT: '5', UPLOAD_DAILY_MB: '1' });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('12 photos sent at once by one uploader under a quota of 5 a day: exactly 5 stored, 7 refused RATE_LIMITED (429)', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => upload(t, w.ownerA, jpeg())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(201), ...Array(7).fill(429)]);
    expect(results.find((r) => r.status === 429)!.body).toMatchObject({ code: 'RATE_LIMITED', reason: 'UPLOAD_QUOTA', maxCount: 5 });
    expect(await countRows(t, 'attachments', 'uploader_id = ?', [w.ownerA.id])).toBe(5);
    // Another uploader has a quota of their own.
    expect((await upload(t, w.ownerB, jpeg())).status).toBe(201);
    // Tomorrow (Shanghai day) counts afresh.
    t.clock.advance(24 * 3600_000);
    expect((await upload(t, w.ownerA, jpeg())).status).toBe(201);
    t.clock.set(new Date());
  });

  it('the daily bytes are capped too (1 MB here): noise photos sent at once stop at the cap, and refused photos use none of it', async () => {
    // Random pixels do not compress: ~480 KB each as PNG, so two fit under 1 MB and four do not.
    const noise = () => sharp(randomBytes(400 * 400 * 3), { raw: { width: 400, height: 400, channels: 3 } }).png().toBuffer();
    const photos = await Promise.all([1, 2, 3, 4].map(noise));
    // A refused file first: it costs nothing.
    expect((await upload(t, w.ownerA2, PNG.subarray(0, 8), 'x.png', 'image/png')).status).toBe(400);
    const results = await Promise.all(photos.map((p) => upload(t, w.ownerA2, p, 'n.png', 'image/png')));
    const stored = results.filter((r) => r.status === 201);
    const [row] = await t.ds.query('SELECT uploads, bytes FROM upload_quota WHERE user_id = ?', [w.ownerA2.id]);
    console.log(`bytes quota: ${results.map((r) => `${r.status}${r.body.size ? ` (${r.body.size} B)` : ''}`).join(', ')}; counted ${row.uploads} photo(s), ${row.bytes} bytes`);
    expect(results.some((r) => r.status === 429)).toBe(true);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    expect(Number(row.bytes)).toBeLessThanOrEqual(1024 * 1024);
    expect(Number(row.bytes)).toBe(stored.reduce((s, r) => s + r.body.size, 0));
    expect(Number(row.uploads)).toBe(stored.length);
  });
});
