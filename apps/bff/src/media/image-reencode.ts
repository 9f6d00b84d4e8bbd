import sharp from 'sharp';
import { badInput } from '../common/domain-error';
import type { ImageMime } from './domain/image-type';

/**
 * Every photo is decoded and encoded again before it is stored: what is kept is pixels only. A file
 * that merely starts like an image (an 8-byte PNG signature, a 3-byte JPEG, a PNG signature followed
 * by HTML) does not decode and is refused; an image's EXIF (GPS position, camera, time), XMP, ICC and
 * text chunks are dropped, its orientation applied to the pixels first; whatever follows the image
 * data (an HTML page appended to a real PNG) is gone.
 */
export const PHOTO_LIMITS = {
  /**
   * Pixels of an input (width × height), read from the header before any decoding: a 60000×60000 PNG
   * "bomb" of a few KB is refused in milliseconds. 50 MP: a 48 MP phone camera's full-size photo fits.
   */
  maxInputPixels: 50_000_000,
  /** Stored photos are at most this many pixels on their longest side (JPEG decodes shrink-on-load). */
  maxEdge: 4096,
} as const;

// libvips' operation cache would keep decoded images of past uploads; photos are never processed twice.
sharp.cache(false);

export interface Reencoded {
  bytes: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
}

const FORMAT_MIME: Record<string, ImageMime> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** Decodes `path` (already sniffed as JPEG, PNG or WebP) and encodes it again in its own format, without metadata. */
export async function reencodeImage(path: string): Promise<Reencoded> {
  const input = { limitInputPixels: PHOTO_LIMITS.maxInputPixels, failOn: 'error' as const, sequentialRead: true };
  let format: string | undefined;
  try {
    const meta = await sharp(path, input).metadata();
    format = meta.format;
    if ((meta.width ?? 0) * (meta.height ?? 0) > PHOTO_LIMITS.maxInputPixels) throw new PixelLimit();
  } catch (e) {
    throw refusal(e);
  }
  const mime = format ? FORMAT_MIME[format] : undefined;
  if (!mime) throw badInput('只支持 JPEG、PNG 或 WebP 图片', { field: 'file' });
  try {
    let img = sharp(path, { ...input, autoOrient: true })
      .resize({ width: PHOTO_LIMITS.maxEdge, height: PHOTO_LIMITS.maxEdge, fit: 'inside', withoutEnlargement: true });
    img = mime === 'image/jpeg' ? img.jpeg({ quality: 85, mozjpeg: false }) : mime === 'image/png' ? img.png({ compressionLevel: 8 }) : img.webp({ quality: 85 });
    const { data, info } = await img.toBuffer({ resolveWithObject: true });
    return { bytes: data, mime, width: info.width, height: info.height };
  } catch (e) {
    throw refusal(e);
  }
}

class PixelLimit extends Error {}

function refusal(e: unknown) {
  if (e instanceof PixelLimit || /pixel limit/i.test((e as Error)?.message ?? '')) {
    return badInput(`图片尺寸过大（最多 ${PHOTO_LIMITS.maxInputPixels / 1_000_000} 百万像素）`, { field: 'file', reason: 'TOO_MANY_PIXELS', maxPixels: PHOTO_LIMITS.maxInputPixels });
  }
  if ((e as { code?: string })?.code === 'BAD_USER_INPUT') return e;
  return badInput('图片已损坏或不完整，无法读取', { field: 'file', reason: 'UNREADABLE_IMAGE' });
}
