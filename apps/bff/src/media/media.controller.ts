import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import { badInput, DomainError } from '../common/domain-error';
import { RestAuth } from '../auth/rest-auth';
import { MediaService, type ReceivedFile } from './media.service';

/** A multipart body the parser cannot read (no boundary, cut off, malformed): the client's fault, never a 500. */
function isMultipartError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return typeof err?.code === 'string' && err.code.startsWith('FST_')
    || /multipart|boundary|unexpected end of (form|multipart)|malformed part header|part terminated early/i.test(err?.message ?? '');
}

function unreadable(e: unknown) {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'FST_FILES_LIMIT') return tooManyFiles();
  if (err?.code === 'FST_REQ_FILE_TOO_LARGE') return badInput('照片不能超过10MB', { field: 'file', maxBytes: MAX_PHOTO_BYTES });
  return badInput('上传内容不完整或格式错误（multipart/form-data，字段名 file）', { field: 'file', reason: 'BAD_MULTIPART' });
}

const tooManyFiles = () => badInput('一次只能上传一张照片', { field: 'file', reason: 'TOO_MANY_FILES', max: 1 });

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Photo upload (multipart, field `file`, as wx.uploadFile posts) and access-checked download. */
@Controller()
export class MediaController {
  constructor(private readonly media: MediaService, private readonly auth: RestAuth) {}

  @Post('uploads')
  async upload(@Req() req: FastifyRequest) {
    const viewer = await this.auth.viewer(req);
    if (!req.isMultipart()) throw badInput('请以 multipart/form-data 上传，字段名 file', { field: 'file' });
    await this.media.checkQuota(viewer);
    let file: ReceivedFile | null = null;
    try {
      try {
        // Every part is read to the end: a second file is refused, not silently dropped.
        for await (const part of req.parts({ limits: { files: 2 } })) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw badInput('照片请放在字段 file 中', { field: 'file', reason: 'WRONG_FIELD', got: part.fieldname.slice(0, 32) });
          }
          if (file) {
            part.file.resume();
            throw tooManyFiles();
          }
          file = await this.media.receive(part.file);
        }
      } catch (e) {
        if (e instanceof DomainError) throw e;
        if (isMultipartError(e)) throw unreadable(e);
        throw e;
      }
      if (!file) throw badInput('缺少文件', { field: 'file' });
      const a = await this.media.store(viewer, file);
      return { id: a.id, url: `/media/${a.id}`, mime: a.mime, size: a.size };
    } finally {
      if (file) await this.media.discard(file);
    }
  }

  @Get('media/:id')
  async download(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const viewer = await this.auth.viewer(req);
    const photo = await this.media.open(viewer, id);
    const name = `photo-${photo.id}.${EXT[photo.mime] ?? 'bin'}`;
    return reply
      .header('content-type', photo.mime)
      .header('content-length', photo.size)
      .header('content-disposition', `inline; filename="${name}"`)
      .header('x-content-type-options', 'nosniff')
      // An image shown by itself: no script, no style, no frame, nothing loaded, even if a browser were to render it as a page.
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'")
      .header('cross-origin-resource-policy', 'same-site')
      .header('cache-control', 'private, max-age=86400')
      .send(photo.body);
  }
}
