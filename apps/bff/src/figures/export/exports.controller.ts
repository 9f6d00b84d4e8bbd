import { createReadStream } from 'node:fs';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RestAuth } from '../../auth/rest-auth';
import { ExportFormat } from './exports.repository';
import { ExportsService } from './exports.service';

const MIME: Record<ExportFormat, string> = {
  [ExportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ExportFormat.CSV]: 'text/csv; charset=utf-8',
};

/** Download of a finished export: only the viewer who asked for it, while the scope is still theirs. */
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportsService, private readonly auth: RestAuth) {}

  @Get('exports/:id/file')
  async file(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const viewer = await this.auth.viewer(req);
    const { row, path } = await this.exports.file(viewer, id);
    const name = row.fileName ?? `export-${row.id}`;
    return reply
      .header('content-type', MIME[row.format])
      .header('content-length', row.fileSize ?? undefined)
      .header('content-disposition', `attachment; filename="export-${row.id}.${row.format.toLowerCase()}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(path));
  }
}
