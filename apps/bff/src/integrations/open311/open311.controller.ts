import { Controller, Get, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Open311Error, renderError, renderList, renderObject, splitFormat, type Format, type Rendered } from './open311-format';
import { Open311Service, type Params } from './open311.service';

/** GeoReport v2 under /open311/v2/ (XML and JSON; errors as `<errors>` with 400/403/404). */
@Controller('open311/v2')
export class Open311Controller {
  private readonly log = new Logger('Open311');

  constructor(private readonly open311: Open311Service) {}

  @Get(':file')
  top(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.answer(reply, file, req, async (name, f, p) => {
      switch (name) {
        case 'discovery': return renderObject(f, 'discovery', this.open311.discovery());
        case 'services': return renderList(f, 'services', 'service', await this.open311.services());
        case 'requests': return renderList(f, 'service_requests', 'request', await this.open311.listRequests(p));
        case 'servicerequestupdates': return renderList(f, 'service_request_updates', 'request_update', await this.open311.listUpdates(p));
        default: throw new Open311Error(404, `${name} is not a GeoReport resource`);
      }
    });
  }

  @Get('services/:file')
  service(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.answer(reply, file, req, async (code, f) => renderObject(f, 'service_definition', await this.open311.serviceDefinition(code)));
  }

  @Get('requests/:file')
  request(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.answer(reply, file, req, async (id, f, p) => renderList(f, 'service_requests', 'request', await this.open311.getRequest(id, p)));
  }

  @Get('tokens/:file')
  token(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.answer(reply, file, req, async (token) => {
      // Every service is realtime: a POST answers with the request id at once, so no token is ever issued.
      throw new Open311Error(404, `token ${token} not found (every service here is realtime)`);
    });
  }

  @Post(':file')
  create(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.answer(reply, file, req, async (name, f, p) => {
      switch (name) {
        case 'requests': return renderList(f, 'service_requests', 'request', [await this.open311.createRequest(p)]);
        case 'servicerequestupdates': return renderList(f, 'service_request_updates', 'request_update', [await this.open311.postUpdate(p)]);
        default: throw new Open311Error(404, `${name} is not a GeoReport resource`);
      }
    });
  }

  private async answer(reply: FastifyReply, file: string, req: FastifyRequest, work: (name: string, f: Format, p: Params) => Promise<Rendered>) {
    const split = splitFormat(file);
    const format: Format = split?.format ?? 'xml';
    let out: Rendered;
    try {
      if (!split) throw new Open311Error(404, 'unknown format: add .xml or .json');
      const body = req.body && typeof req.body === 'object' ? (req.body as Params) : {};
      const p: Params = { ...(req.query as Params), ...body };
      this.open311.checkJurisdiction(p);
      out = await work(split.name, format, p);
    } catch (e) {
      if (!(e instanceof Open311Error)) {
        this.log.error((e as Error)?.stack ?? String(e));
        return reply.status(500).header('content-type', 'text/plain; charset=utf-8').send('internal error');
      }
      out = renderError(format, e);
    }
    return reply.status(out.status).header('content-type', out.contentType).send(out.body);
  }
}
