import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badInput } from '../../common/domain-error';
import { RestAuth } from '../../auth/rest-auth';
import type { PosterSize } from './poster-pdf';
import { PostersService } from './posters.service';

const size = (s: string | undefined): PosterSize => {
  const v = (s ?? 'A4').toUpperCase();
  if (v !== 'A4' && v !== 'A5') throw badInput('海报尺寸只能是 A4 或 A5', { field: 'size' });
  return v;
};
const id = (s: string, field: string) => {
  if (!/^\d{1,10}$/.test(s)) throw badInput('编号格式不正确', { field });
  return Number(s);
};

/**
 * Poster downloads for admins of the complex (Authorization header, or ?access_token= for a plain link):
 * GET /admin/posters/spots/:id?size=A4|A5, /admin/posters/complexes/:id?size=A4|A5 (one page per active spot),
 * /admin/posters/complexes/:id/stickers (an A4 sheet of small stickers).
 */
@Controller('admin/posters')
export class PostersController {
  constructor(private readonly posters: PostersService, private readonly auth: RestAuth) {}

  @Get('spots/:id')
  async spot(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') spotId: string, @Query('size') s?: string) {
    const v = await this.auth.viewer(req);
    return send(reply, await this.posters.spotPoster(v, id(spotId, 'spotId'), size(s)));
  }

  @Get('complexes/:id')
  async complex(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') complexId: string, @Query('size') s?: string) {
    const v = await this.auth.viewer(req);
    return send(reply, await this.posters.complexPosters(v, id(complexId, 'complexId'), size(s)));
  }

  @Get('complexes/:id/stickers')
  async stickers(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') complexId: string) {
    const v = await this.auth.viewer(req);
    return send(reply, await this.posters.complexStickers(v, id(complexId, 'complexId')));
  }
}

function send(reply: FastifyReply, f: { name: string; pdf: Buffer }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="poster.pdf"; filename*=UTF-8''${encodeURIComponent(f.name)}.pdf`)
    .header('cache-control', 'private, no-store')
    .send(f.pdf);
}
