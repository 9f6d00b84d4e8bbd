import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * The URL printed in every QR code: https://<host>/q/<token>. WeChat opens the mini-program with it
 * (普通链接二维码: the app reads the `q` parameter); any other scanner lands here and is sent to the H5
 * app's landing page, which verifies the token and shows a clear page when it is forged or revoked.
 */
@Controller('q')
export class QrLinkController {
  @Get(':token')
  open(@Param('token') token: string, @Res() reply: FastifyReply) {
    return reply.redirect(`/#/pages/index/index?token=${encodeURIComponent(token)}`, 302);
  }
}
