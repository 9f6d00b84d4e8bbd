import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PHOTO_BYTES } from '@msb/shared-types';
import { badInput } from '../common/domain-error';
import { RestAuth } from '../auth/rest-auth';
import { MediaService } from './media.service';

/** Photo upload (multipart, field `file`, as wx.uploadFile posts) and access-checked download. */
@Controller()
export class MediaController {
  constructor(private readonly media: MediaService, private readonly auth: RestAuth) {}

  @Post('uploads')
  async upload(@Req() req: FastifyRequest) {
    const viewer = await this.auth.viewer(req);
    if (!req.isMultipart()) throw badInput('请以 multipart/form-data 上传，字段名 file', { field: 'file' });
    const file = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
    if (!file) throw badInput('缺少文件', { field: 'file' });
    const a = await this.media.store(viewer, file.file);
    return { id: a.id, url: `/media/${a.id}`, mime: a.mime, size: a.size };
  }

  @Get('media/:id')
  async download(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const viewer = await this.auth.viewer(req);
    const { mime, body } = await this.media.open(viewer, id);
    return reply.header('content-type', mime).header('cache-control', 'private, max-age=86400').send(body);
  }
}
