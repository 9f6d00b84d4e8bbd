import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { badInput, notFound } from '../common/domain-error';
import type { Viewer } from '../org/domain/viewer';
import type { Photo } from '../tickets/ticket-photos.service';
import { MediaService } from './media.service';
import { MediaStorage, type DirectUploads } from './media-storage';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export interface DirectUploadTicket {
  /** POST here as multipart: every field of `fields`, then the file as field `file` (wx.uploadFile's formData + name). */
  url: string;
  fields: Record<string, string>;
  fileField: 'file';
  /** Hand it to POST /uploads/direct/complete after the store answered 201. */
  key: string;
  maxBytes: number;
  expiresAt: string;
}

/**
 * Photos uploaded from the phone straight to the object store (presigned POST), so photo bytes do not pass
 * through a BFF. The form only lets the signed-in uploader put one object of at most 10 MB and the declared
 * image type at one quarantine key of theirs, for MEDIA_UPLOAD_TTL_SECONDS. Nothing in quarantine is ever
 * served or attached: `complete` reads it back through the same checks as POST /uploads (size, sniffed
 * type, decode and re-encode without metadata, the daily quota), stores the result under its sha256, and
 * deletes the quarantined object whatever the outcome. Abandoned ones go with the unused-photo sweep.
 */
@Injectable()
export class DirectUploadsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly storage: MediaStorage, private readonly media: MediaService) {}

  private get direct(): DirectUploads {
    const d = this.storage.direct;
    if (!d) throw notFound('直传（此部署把照片存在服务器本地，请 POST /uploads）');
    return d;
  }

  async start(uploader: Viewer, contentType: unknown): Promise<DirectUploadTicket> {
    const direct = this.direct;
    if (typeof contentType !== 'string' || !TYPES.includes(contentType)) {
      throw badInput('只支持 JPEG、PNG 或 WebP 图片', { field: 'contentType', allowed: TYPES });
    }
    await this.media.checkQuota(uploader);
    const key = direct.quarantineKey(uploader.userId, randomUUID());
    const expiresIn = this.config.media.uploadTtlSeconds;
    const form = await direct.directUpload(key, { contentType, maxBytes: MAX_PHOTO_BYTES, expiresIn });
    return { ...form, fileField: 'file', key, maxBytes: MAX_PHOTO_BYTES, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
  }

  async complete(uploader: Viewer, key: unknown): Promise<Photo> {
    const direct = this.direct;
    if (typeof key !== 'string' || !direct.isQuarantineKeyOf(uploader.userId, key)) throw badInput('上传凭据无效', { field: 'key', reason: 'BAD_UPLOAD_KEY' });
    try {
      await this.media.checkQuota(uploader);
      const q = await direct.openQuarantined(key);
      if (!q) throw badInput('照片尚未上传完成', { field: 'key', reason: 'NOT_UPLOADED' });
      if (q.size > MAX_PHOTO_BYTES) {
        q.body.destroy();
        throw badInput('照片不能超过10MB', { field: 'file', maxBytes: MAX_PHOTO_BYTES });
      }
      const file = await this.media.receive(q.body);
      try {
        return await this.media.store(uploader, file);
      } finally {
        await this.media.discard(file);
      }
    } finally {
      await direct.removeQuarantined(key);
    }
  }
}
