import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HotlineService } from './hotline.service';

/** The 12345 intake: `POST /integrations/12345/events`, signed; 200 `{"code":0,"message":"ok"}` once stored. */
@Controller('integrations/12345')
export class HotlineController {
  constructor(private readonly hotline: HotlineService) {}

  @Post('events')
  async events(@Req() req: FastifyRequest & { rawBody?: Buffer }, @Res() reply: FastifyReply) {
    const raw = req.rawBody?.toString('utf8') ?? '';
    const h = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const ack = await this.hotline.receive({ timestamp: h('x-hotline-timestamp'), signature: h('x-hotline-signature') }, raw);
    return reply.status(ack.status).send(ack.body);
  }
}
