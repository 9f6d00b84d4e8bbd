import { request } from 'node:http';
import type { TestApp } from './test-app';
import type { Actor } from './world';

/** Real 8×8 images (made by sharp): uploads are decoded and encoded again, so a head alone no longer passes. */
export const JPEG = Buffer.from('/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCQAIqQ/9k=', 'base64');
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4EaCBFTEMLQkAaplQAdEjY8UAAAAASUVORK5CYII=', 'base64');
export const WEBP = Buffer.from('UklGRjoAAABXRUJQVlA4IC4AAADQAQCdASoIAAgAAUAmJaACdLoB+AADsAD+6Di/+YJX5Bu1D/7B384D84D+igAA', 'base64');

let uniq = 0;
/**
 * A real JPEG of exactly `size` bytes, distinct per call: comment (COM) segments after the start marker
 * carry a counter and the padding. The stored photo is the re-encoded pixels, so its size differs.
 */
export function jpeg(size = JPEG.length + 12): Buffer {
  uniq += 1;
  const parts = [JPEG.subarray(0, 2)];
  let pad = size - JPEG.length;
  if (pad < 12) throw new Error(`jpeg(): at least ${JPEG.length + 12} bytes`);
  let first = true;
  while (pad > 0) {
    let take = Math.min(pad, 65537);
    if (pad - take > 0 && pad - take < 4) take -= 4;
    const seg = Buffer.alloc(take);
    seg[0] = 0xff;
    seg[1] = 0xfe;
    seg.writeUInt16BE(take - 2, 2);
    if (first) {
      seg.writeUInt32BE(uniq, 4);
      seg.writeUInt32BE(process.pid, 8);
      first = false;
    }
    parts.push(seg);
    pad -= take;
  }
  parts.push(JPEG.subarray(2));
  return Buffer.concat(parts);
}

/**
 * POST /uploads as wx.uploadFile does (multipart, field `file`). Plain node:http rather than fetch: the server
 * answers an oversized upload before the body is all sent, and undici then fails writing the rest outside the
 * request's promise; here the late write error is ignored once the answer is in.
 */
export function upload(t: TestApp, who: Actor | null, bytes: Buffer, name = 'photo.jpg', type = 'image/jpeg'): Promise<{ status: number; body: Record<string, any> }> {
  const boundary = `----msb${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${t.url}/uploads`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length, ...(who ? { authorization: `Bearer ${who.token}` } : {}) },
    }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.end(body);
  });
}

