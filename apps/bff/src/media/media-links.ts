import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MediaStorage } from './media-storage';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export const photoFilename = (p: { id: string | number; mime: string }) => `photo-${p.id}.${EXT[p.mime] ?? 'bin'}`;

/**
 * Short-lived signed photo links, handed only to viewers who may see the photo (the ticket's resolver, the
 * upload's answer), so an <Image> needs no token in its URL. On S3 a presigned GET straight to the store; on
 * local disk `/media/<id>?exp=…&sig=…` (HMAC of id and expiry), served by any BFF with the same JWT_SECRET.
 * Links signed within the same half-TTL window are identical (phones cache them) and each lives at least
 * MEDIA_URL_TTL_SECONDS. Real time, not the app's Clock: the store checks expiry against its own.
 */
@Injectable()
export class MediaLinks {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly storage: MediaStorage) {
    this.key = createHmac('sha256', config.jwt.secret).update('media-link/v1').digest();
  }

  private window(now = Date.now()) {
    const ttl = this.config.media.urlTtlSeconds * 1000;
    const half = Math.max(1000, Math.floor(ttl / 2000) * 1000);
    const start = Math.floor(now / half) * half;
    return { start, exp: start + ttl + half };
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${id}.${exp}`).digest('base64url').slice(0, 32);
  }

  /** The store's own link (S3), or null when photos are served by the BFF. */
  async storeUrl(p: { id: string | number; sha256: string; mime: string }): Promise<string | null> {
    const { start, exp } = this.window();
    return this.storage.signedGet(p.sha256, { mime: p.mime, filename: photoFilename(p), expiresIn: Math.round((exp - start) / 1000), signedAt: new Date(start) });
  }

  async url(p: { id: string | number; sha256: string; mime: string }): Promise<string> {
    const s3 = await this.storeUrl(p);
    if (s3) return s3;
    const exp = Math.floor(this.window().exp / 1000);
    return `/media/${p.id}?exp=${exp}&sig=${this.sign(String(p.id), exp)}`;
  }

  /** True for a link this deployment signed for that photo that has not expired. */
  verify(id: string, exp: unknown, sig: unknown): boolean {
    if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return false;
    if (Number(exp) * 1000 < Date.now()) return false;
    const want = Buffer.from(this.sign(id, Number(exp)));
    const got = Buffer.from(sig);
    return got.length === want.length && timingSafeEqual(got, want);
  }
}
