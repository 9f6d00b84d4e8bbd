import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { badInput, notFound } from '../common/domain-error';
import type { Viewer } from '../org/domain/viewer';
import { TicketPhotosService, type Photo } from '../tickets/ticket-photos.service';
import { sniffImage } from './domain/image-type';
import { MediaStorage } from './media-storage';

@Injectable()
export class MediaService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: MediaStorage,
    private readonly photos: TicketPhotosService,
    private readonly clock: Clock,
  ) {}

  /**
   * Streams one upload to a temp file while hashing it; refuses anything over 10 MB or not a JPEG, PNG
   * or WebP by content. Nothing is recorded for a refused file.
   */
  async store(uploader: Viewer, stream: Readable & { truncated?: boolean }): Promise<Photo> {
    const tmpDir = join(this.config.uploadsDir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const out = createWriteStream(tmp);
    // Destroying the file stream mid-write (a refused upload) makes the pending write report
    // ERR_STREAM_DESTROYED as an 'error' event: unhandled, that would crash the process.
    out.on('error', () => undefined);
    try {
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > MAX_PHOTO_BYTES) throw badInput('照片不能超过10MB', { field: 'file', maxBytes: MAX_PHOTO_BYTES });
        if (head.length < 16) head = Buffer.concat([head, buf.subarray(0, 16 - head.length)]);
        hash.update(buf);
        if (!out.write(buf)) await once(out, 'drain');
      }
      if (stream.truncated) throw badInput('照片不能超过10MB', { field: 'file', maxBytes: MAX_PHOTO_BYTES });
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      const mime = sniffImage(head);
      if (!mime) throw badInput('只支持 JPEG、PNG 或 WebP 图片', { field: 'file' });
      if (size === 0) throw badInput('文件为空', { field: 'file' });
      const sha256 = hash.digest('hex');
      await this.storage.put(sha256, tmp);
      return await this.photos.record({ sha256, mime, size, uploaderId: uploader.userId, createdAt: this.clock.now() });
    } catch (e) {
      if (!out.closed) await new Promise<void>((r) => out.once('close', () => r()).destroy());
      await unlink(tmp).catch(() => undefined);
      stream.resume();
      throw e;
    }
  }

  /** Opens a photo for a viewer who uploaded it or may see its ticket; NOT_FOUND otherwise. */
  async open(viewer: Viewer, id: string): Promise<{ mime: string; body: Readable }> {
    const a = await this.photos.visible(viewer, id);
    const body = await this.storage.open(a.sha256);
    if (!body) throw notFound('图片');
    return { mime: a.mime, body };
  }
}
