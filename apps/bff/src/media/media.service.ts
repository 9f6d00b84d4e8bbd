import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock, shanghaiDay } from '../common/clock';
import { badInput, notFound, rateLimited } from '../common/domain-error';
import type { Viewer } from '../org/domain/viewer';
import { TicketPhotosService, type Photo } from '../tickets/ticket-photos.service';
import { sniffImage } from './domain/image-type';
import { reencodeImage } from './image-reencode';
import { MediaStorage } from './media-storage';
import { UploadQuotaRepository } from './upload-quota.repository';

/** A received upload waiting in a temp file (see MediaService.receive). */
export interface ReceivedFile {
  path: string;
  size: number;
}

const dayOf = (d: Date) => {
  const s = shanghaiDay(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
};

@Injectable()
export class MediaService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: MediaStorage,
    private readonly photos: TicketPhotosService,
    private readonly quota: UploadQuotaRepository,
    private readonly clock: Clock,
  ) {}

  private get caps() {
    return { count: this.config.uploads.dailyCount, bytes: this.config.uploads.dailyBytes };
  }

  /** Refuses an uploader who has used up today's quota, before their body is read. */
  async checkQuota(uploader: Viewer): Promise<void> {
    const used = await this.quota.used(uploader.userId, dayOf(this.clock.now()));
    if (used.uploads >= this.caps.count || used.bytes >= this.caps.bytes) throw this.overQuota();
  }

  private overQuota() {
    return rateLimited(`今日上传已达上限（${this.caps.count} 张或 ${Math.round(this.caps.bytes / 1024 / 1024)} MB），请明天再试`, {
      field: 'file', reason: 'UPLOAD_QUOTA', maxCount: this.caps.count, maxBytes: this.caps.bytes,
    });
  }

  /**
   * Streams one multipart file to a temp file; refuses anything over 10 MB and anything whose first
   * bytes are not a JPEG, PNG or WebP (before decoding). The caller removes the file (`discard`).
   */
  async receive(stream: Readable & { truncated?: boolean }): Promise<ReceivedFile> {
    const tmpDir = join(this.config.uploadsDir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const path = join(tmpDir, randomUUID());
    let size = 0;
    const out = createWriteStream(path);
    // Destroying the file stream mid-write (a refused upload) makes the pending write report
    // ERR_STREAM_DESTROYED as an 'error' event: unhandled, that would crash the process.
    out.on('error', () => undefined);
    try {
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > MAX_PHOTO_BYTES) throw badInput('照片不能超过10MB', { field: 'file', maxBytes: MAX_PHOTO_BYTES });
        if (!out.write(buf)) await once(out, 'drain');
      }
      if (stream.truncated) throw badInput('照片不能超过10MB', { field: 'file', maxBytes: MAX_PHOTO_BYTES });
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      if (size === 0) throw badInput('文件为空', { field: 'file' });
      const fh = await open(path, 'r');
      const head = Buffer.alloc(16);
      try {
        await fh.read(head, 0, 16, 0);
      } finally {
        await fh.close();
      }
      if (!sniffImage(head.subarray(0, Math.min(16, size)))) throw badInput('只支持 JPEG、PNG 或 WebP 图片', { field: 'file' });
      return { path, size };
    } catch (e) {
      if (!out.closed) await new Promise<void>((r) => out.once('close', () => r()).destroy());
      await this.discard({ path, size });
      stream.resume();
      throw e;
    }
  }

  async discard(file: ReceivedFile): Promise<void> {
    await unlink(file.path).catch(() => undefined);
  }

  /**
   * Decodes and re-encodes a received photo (pixels only: no metadata, orientation applied), counts it
   * against the uploader's daily quota (atomically: photos sent at once never pass it together), and
   * records it unattached. Nothing is kept or counted for a refused photo.
   */
  async store(uploader: Viewer, file: ReceivedFile): Promise<Photo> {
    const image = await reencodeImage(file.path);
    const now = this.clock.now();
    const day = dayOf(now);
    const size = image.bytes.length;
    if (!(await this.quota.charge(uploader.userId, day, size, this.caps))) throw this.overQuota();
    try {
      const sha256 = createHash('sha256').update(image.bytes).digest('hex');
      await this.storage.put(sha256, image.bytes, image.mime);
      return await this.photos.record({ sha256, mime: image.mime, size, uploaderId: uploader.userId, createdAt: now });
    } catch (e) {
      await this.quota.refund(uploader.userId, day, size);
      throw e;
    }
  }

  /** The photo row if the viewer uploaded it or may see its ticket; NOT_FOUND otherwise. */
  visible(viewer: Viewer, id: string): Promise<Photo> {
    return this.photos.visible(viewer, id);
  }

  /** The photo a signed link names (MediaLinks.verify has checked the link); NOT_FOUND once it is gone. */
  async linked(id: string): Promise<Photo> {
    const a = await this.photos.byId(id);
    if (!a) throw notFound('图片');
    return a;
  }

  /** A photo's bytes, for the BFF to serve (local disk, or a store without links of its own). */
  async bytes(a: Photo): Promise<{ id: string; mime: string; size: number; body: Readable }> {
    const body = await this.storage.open(a.sha256);
    if (!body) throw notFound('图片');
    return { id: String(a.id), mime: a.mime, size: a.size, body };
  }

  /**
   * Photos never attached to a ticket expire after UPLOAD_UNUSED_HOURS: their rows go, then the files
   * no row refers to. MySQL decides (an action binding a photo at the same moment either binds it or
   * finds it gone); a file rewritten since the cutoff (the same content uploaded again) stays.
   */
  async sweepUnused(batch = 500): Promise<{ rows: number; files: number; temp: number }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.uploads.unusedHours * 3600_000);
    let rows = 0;
    let files = 0;
    for (;;) {
      const { deleted, orphans } = await this.photos.expireUnused(cutoff, batch);
      rows += deleted;
      for (const sha of orphans) if (await this.storage.remove(sha, cutoff)) files++;
      if (deleted < batch) break;
    }
    const temp = await this.storage.removeStaleTemp(new Date(now.getTime() - 3600_000));
    await this.quota.forgetBefore(dayOf(new Date(now.getTime() - 2 * 86_400_000)));
    return { rows, files, temp };
  }
}
