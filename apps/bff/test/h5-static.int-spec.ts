/**
 * The H5 app on a weak network (issue 12 §13): the BFF serves the build's pre-compressed files with the
 * encoding the browser accepts (Content-Encoding + Vary: Accept-Encoding), hashed assets cached for a year
 * as immutable, and index.html revalidated every time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { startTestApp, type TestApp } from './support/test-app';

/** fetch() decodes bodies itself; a raw request shows the bytes and headers as sent. */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('H5 static files', () => {
  let t: TestApp;
  let dir: string;
  const js = 'console.log("码上办");'.repeat(200);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'msb-h5-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><title>码上办</title>');
    writeFileSync(join(dir, 'js', 'app.9f3c4ac5.js'), js);
    writeFileSync(join(dir, 'js', 'app.9f3c4ac5.js.br'), brotliCompressSync(js));
    writeFileSync(join(dir, 'js', 'app.9f3c4ac5.js.gz'), gzipSync(js));
    t = await startTestApp({ H5_DIR: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli file to a browser that accepts it, gzip to one that only takes gzip, plain otherwise', async () => {
    const br = await raw(`${t.url}/js/app.9f3c4ac5.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(js);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(js) / 5);

    const gz = await raw(`${t.url}/js/app.9f3c4ac5.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);

    const plain = await raw(`${t.url}/js/app.9f3c4ac5.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
  });

  it('caches hashed files for a year as immutable and revalidates index.html', async () => {
    const asset = await raw(`${t.url}/js/app.9f3c4ac5.js`, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await raw(`${t.url}/`, { 'accept-encoding': 'br' });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
  });
});
