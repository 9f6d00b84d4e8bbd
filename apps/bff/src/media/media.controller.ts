import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import { badInput, DomainError, forbidden } from '../common/domain-error';
import { RestAuth } from '../auth/rest-auth';
import type { Photo } from '../tickets/ticket-photos.service';
import { DirectUploadsService } from './direct-uploads.service';
import { MediaLinks, photoFilename } from './media-links';
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

/**
 * Photo upload (multipart, field `file`, as wx.uploadFile posts; or straight to the object store with a
 * presigned POST, then completed here) and download (by a signed link, or with the bearer token).
 */
@Controller()
export class MediaController {
  constructor(private readonly media: MediaService, private readonly direct: DirectUploadsService, private readonly links: MediaLinks, private readonly auth: RestAuth) {}

  private async answer(a: Photo) {
    return { id: String(a.id), url: await this.links.url(a), mime: a.mime, size: a.size };
  }

  /** A presigned POST for one photo (S3 storage only; 404 on local disk: use POST /uploads). Body `{ contentType }`. */
  @Post('uploads/direct')
  async startDirect(@Req() req: FastifyRequest, @Body() body: { contentType?: unknown } | undefined) {
    return this.direct.start(await this.auth.viewer(req), body?.contentType);
  }

  /** After the store took the file: re-encode it into a photo (the same checks and answer as POST /uploads). Body `{ key }`. */
  @Post('uploads/direct/complete')
  async completeDirect(@Req() req: FastifyRequest, @Body() body: { key?: unknown } | undefined) {
    const viewer = await this.auth.viewer(req);
    return this.answer(await this.direct.complete(viewer, body?.key));
  }

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
      return await this.answer(await this.media.store(viewer, file));
    } finally {
      if (file) await this.media.discard(file);
    }
  }

  /**
   * A signed link (`?exp=&sig=`, from Attachment.url or an upload's answer) needs no sign-in; otherwise the
   * bearer token (header, or `?access_token=` from older clients). On S3 the answer is a redirect to a
   * presigned GET of the store.
   */
  @Get('media/:id')
  async download(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Query() q: Record<string, unknown>) {
    const a = q?.sig !== undefined
      ? (this.links.verify(id, q.exp, q.sig) ? await this.media.linked(id) : null)
      : await this.media.visible(await this.auth.viewer(req), id);
    if (!a) throw forbidden('图片链接已过期，请刷新页面', { reason: 'LINK_EXPIRED' });
    const there = await this.links.storeUrl(a);
    if (there) return reply.status(302).header('location', there).header('cache-control', 'no-store').send();
    const photo = await this.media.bytes(a);
    const name = photoFilename(photo);
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
