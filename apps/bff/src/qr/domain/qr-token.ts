import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A spot's QR token: `<kid>.<spotId>.<serial>.<mac>`. The HMAC key is named by `kid` so keys can rotate
 * (old kids stay verifiable while listed); bumping the spot's serial revokes every earlier token.
 */
export interface QrClaims {
  kid: string;
  spotId: number;
  serial: number;
}

export type QrVerdict = { ok: true; claims: QrClaims } | { ok: false; reason: 'MALFORMED' | 'UNKNOWN_KEY' | 'FORGED' };

const TOKEN_RE = /^([A-Za-z0-9_-]{1,16})\.(\d{1,10})\.(\d{1,10})\.([A-Za-z0-9_-]{22})$/;

function mac(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest().subarray(0, 16).toString('base64url');
}

export function signQrToken(keys: Record<string, string>, claims: QrClaims): string {
  const key = keys[claims.kid];
  if (!key) throw new Error(`unknown QR key id ${claims.kid}`);
  const body = `${claims.kid}.${claims.spotId}.${claims.serial}`;
  return `${body}.${mac(key, body)}`;
}

export function verifyQrToken(keys: Record<string, string>, token: string): QrVerdict {
  const m = TOKEN_RE.exec(token);
  if (!m) return { ok: false, reason: 'MALFORMED' };
  const [, kid, spot, serial, sig] = m;
  const key = keys[kid];
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY' };
  const expected = Buffer.from(mac(key, `${kid}.${spot}.${serial}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'FORGED' };
  return { ok: true, claims: { kid, spotId: Number(spot), serial: Number(serial) } };
}
