/**
 * Photos in object storage (issue 16 #2), against a real local S3 server (s3rver): uploads through the BFF and
 * direct from the phone by presigned POST (multipart, as wx.uploadFile sends it) into quarantine, re-encoded by
 * the BFF before any ticket may use them; links are short-lived presigned GETs handed only to viewers who may
 * see the ticket. Local disk (the default) gets signed links too, so no token goes into an <Image> URL.
 */
import sharp from 'sharp';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import { MediaService } from '../../src/media/media.service';
import { OwnS3 } from '../support/own-s3';
import { upload } from '../support/photos';
import { ok, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, fileTicket, type Actor, type World } from '../support/world';

jest.setTimeout(120_000);

const exifJpeg = () => sharp({ create: { width: 40, height: 20, channels: 3, background: '#8899aa' } })
  .jpeg()
  .withExif({ IFD0: { Make: 'SecretCam', Model: 'Model-X' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 40/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '117/1 0/1 0/1' } })
  .toBuffer();

const post = async (t: TestApp, who: Actor, path: string, body: unknown) => {
  const r = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
};

/** What wx.uploadFile sends: the form's fields as formData, then the file under `name: 'file'`. */
const postForm = async (form: { url: string; fields: Record<string, string> }, bytes: Buffer, type: string) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(form.fields)) fd.append(k, v);
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), 'tmp_photo.jpg');
  return (await fetch(form.url, { method: 'POST', body: fd })).status;
};

const photoOfTicket = `query($id: ID!) { ticket(id: $id) { attachments { id url } } }`;

describe('photos on S3', () => {
  let s3: OwnS3;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    s3 = await OwnS3.start();
    t = await startTestApp({ ...s3.env(), MEDIA_URL_TTL_SECONDS: '120' });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  it('an upload through the BFF is re-encoded (no EXIF) and stored in the bucket under its sha256; its link is a presigned GET', async () => {
    const r = await upload(t, w.ownerA, await exifJpeg(), 'exif.jpg', 'image/jpeg');
    expect(r.status).toBe(201);
    const [{ sha256 }] = await t.ds.query('SELECT sha256 FROM attachments WHERE id = ?', [r.body.id]);
    expect(await s3.keys('photos/')).toContain(`photos/${sha256.slice(0, 2)}/${sha256}`);
    const stored = await s3.bytes(`photos/${sha256.slice(0, 2)}/${sha256}`);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(r.body.url.startsWith(`${s3.endpoint}/${s3.bucket}/photos/`)).toBe(true);
    expect(new URL(r.body.url).searchParams.get('X-Amz-Expires')).toMatch(/^\d+$/);
    const got = await fetch(r.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(stored)).toBe(true);
  });

  it('direct upload: a presigned POST limited to one quarantine key, 10 MB and the declared type; completed into a re-encoded photo, the quarantined object deleted', async () => {
    const start = await post(t, w.ownerA, '/uploads/direct', { contentType: 'image/jpeg' });
    expect(start.status).toBe(201);
    const form = start.body;
    expect(form.key).toMatch(new RegExp(`^quarantine/${w.ownerA.id}/[0-9a-f-]{36}$`));
    expect(form).toMatchObject({ fileField: 'file', maxBytes: MAX_PHOTO_BYTES, fields: { key: form.key, 'Content-Type': 'image/jpeg' } });
    const policy = JSON.parse(Buffer.from(form.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(expect.arrayContaining([['content-length-range', 1, MAX_PHOTO_BYTES], ['eq', '$Content-Type', 'image/jpeg'], ['eq', '$key', form.key]]));
    expect(new Date(policy.expiration).getTime()).toBeLessThanOrEqual(Date.now() + 600_000 + 5000);

    expect(await postForm(form, await exifJpeg(), 'image/jpeg')).toBe(201);
    expect(await s3.keys('quarantine/')).toEqual([form.key]);
    // Someone else cannot complete (or learn about) another uploader's quarantine key.
    expect(await post(t, w.ownerB, '/uploads/direct/complete', { key: form.key })).toMatchObject({ status: 400, body: { reason: 'BAD_UPLOAD_KEY' } });
    const done = await post(t, w.ownerA, '/uploads/direct/complete', { key: form.key });
    expect(done.status).toBe(201);
    expect(await s3.keys('quarantine/')).toEqual([]);
    const [{ sha256 }] = await t.ds.query('SELECT sha256 FROM attachments WHERE id = ?', [done.body.id]);
    const stored = await s3.bytes(`photos/${sha256.slice(0, 2)}/${sha256}`);
    const m = await sharp(stored).metadata();
    expect({ exif: m.exif, width: m.width, height: m.height }).toEqual({ exif: undefined, width: 40, height: 20 });
    expect(stored.includes(Buffer.from('SecretCam'))).toBe(false);
  });

  it('what is posted to quarantine is never trusted: HTML, an image head alone, nothing at all are refused and leave no photo', async () => {
    const before = Number((await t.ds.query('SELECT COUNT(*) AS n FROM attachments'))[0].n);
    for (const bytes of [Buffer.from('<html><script>alert(1)</script></html>'), Buffer.from([0xff, 0xd8, 0xff])]) {
      const form = (await post(t, w.ownerA, '/uploads/direct', { contentType: 'image/jpeg' })).body;
      expect(await postForm(form, bytes, 'image/jpeg')).toBe(201);
      const r = await post(t, w.ownerA, '/uploads/direct/complete', { key: form.key });
      expect(r).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    }
    const never = (await post(t, w.ownerA, '/uploads/direct', { contentType: 'image/png' })).body;
    expect(await post(t, w.ownerA, '/uploads/direct/complete', { key: never.key })).toMatchObject({ status: 400, body: { reason: 'NOT_UPLOADED' } });
    expect(await post(t, w.ownerA, '/uploads/direct', { contentType: 'text/html' })).toMatchObject({ status: 400, body: { field: 'contentType' } });
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM attachments'))[0].n)).toBe(before);
    expect(await s3.keys('quarantine/')).toEqual([]);
  });

  it('links go only to viewers who may see the ticket; /media/<id> redirects them to a presigned GET, others get 404', async () => {
    const photo = await upload(t, w.ownerA2, await exifJpeg(), 'p.jpg', 'image/jpeg');
    const ticket = await fileTicket(t, w.ownerA2, w.qrA, { photoIds: [photo.body.id] });
    const seen = ok(await t.gql(photoOfTicket, { id: ticket.id }, w.staffA.token)).ticket.attachments[0];
    expect(seen.url.startsWith(`${s3.endpoint}/${s3.bucket}/photos/`)).toBe(true);
    expect((await fetch(seen.url)).status).toBe(200);
    const stranger = await t.gql(photoOfTicket, { id: ticket.id }, w.ownerB.token);
    expect(stranger.data?.ticket ?? null).toBeNull();
    const byOwner = await fetch(`${t.url}/media/${photo.body.id}`, { headers: { authorization: `Bearer ${w.ownerA2.token}` }, redirect: 'manual' });
    expect(byOwner.status).toBe(302);
    expect(byOwner.headers.get('location')!.startsWith(`${s3.endpoint}/`)).toBe(true);
    expect((await fetch(`${t.url}/media/${photo.body.id}`, { headers: { authorization: `Bearer ${w.ownerB.token}` }, redirect: 'manual' })).status).toBe(404);
  });

  it('abandoned quarantine objects go with the unused-photo sweep', async () => {
    const form = (await post(t, w.ownerA, '/uploads/direct', { contentType: 'image/jpeg' })).body;
    expect(await postForm(form, await exifJpeg(), 'image/jpeg')).toBe(201);
    expect(await s3.keys('quarantine/')).toEqual([form.key]);
    // The sweep removes quarantined objects older than an hour (S3's own clock): move the app's clock on.
    t.clock.advance(2 * 3600_000);
    const r = await t.app.get(MediaService).sweepUnused();
    t.clock.set(new Date());
    expect(r.temp).toBe(1);
    expect(await s3.keys('quarantine/')).toEqual([]);
  });
});

describe('photo links on local disk (the default)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('are signed and short-lived: fetched without a token; a changed signature, id or expiry is refused; direct upload is off', async () => {
    const photo = await upload(t, w.ownerA, await exifJpeg(), 'p.jpg', 'image/jpeg');
    const ticket = await fileTicket(t, w.ownerA, w.qrA, { photoIds: [photo.body.id] });
    const { url } = ok(await t.gql(photoOfTicket, { id: ticket.id }, w.staffA.token)).ticket.attachments[0];
    expect(url).toMatch(new RegExp(`^/media/${photo.body.id}\\?exp=\\d+&sig=[\\w-]{32}$`));
    const exp = Number(new URL(url, t.url).searchParams.get('exp'));
    expect(exp * 1000 - Date.now()).toBeGreaterThan(550_000);
    expect(exp * 1000 - Date.now()).toBeLessThan(1000_000);
    const got = await fetch(`${t.url}${url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    const sig = new URL(url, t.url).searchParams.get('sig')!;
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    expect((await fetch(`${t.url}/media/${photo.body.id}?exp=${exp}&sig=${flipped}`)).status).toBe(403);
    expect((await fetch(`${t.url}/media/${photo.body.id}?exp=${exp + 1}&sig=${sig}`)).status).toBe(403);
    expect((await fetch(`${t.url}/media/${Number(photo.body.id) + 1}?exp=${exp}&sig=${sig}`)).status).toBe(403);
    expect((await fetch(`${t.url}/media/${photo.body.id}?exp=${Math.floor(Date.now() / 1000) - 1}&sig=${sig}`)).status).toBe(403);
    expect((await post(t, w.ownerA, '/uploads/direct', { contentType: 'image/jpeg' })).status).toBe(404);
  });
});
