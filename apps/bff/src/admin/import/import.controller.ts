import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badInput } from '../../common/domain-error';
import { RestAuth } from '../../auth/rest-auth';
import { templateXlsx } from './import-file';
import { ImportService } from './import.service';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** POST /admin/imports (multipart, field `file`: .xlsx or .csv) → the preview; GET /admin/imports/template → the template with example rows. */
@Controller('admin/imports')
export class ImportController {
  constructor(private readonly imports: ImportService, private readonly auth: RestAuth) {}

  @Post()
  async upload(@Req() req: FastifyRequest) {
    const v = await this.auth.viewer(req);
    if (!req.isMultipart()) throw badInput('请以 multipart/form-data 上传，字段名 file', { field: 'file' });
    const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
    if (!file) throw badInput('缺少文件', { field: 'file' });
    const data = await file.toBuffer().catch(() => {
      throw badInput('文件不能超过 5 MB', { field: 'file' });
    });
    if (!data.length) throw badInput('文件是空的', { field: 'file' });
    const b = await this.imports.preview(v, file.filename || 'import.xlsx', data);
    return { id: b.id, fileName: b.fileName, status: b.status, totalRows: b.totalRows, validRows: b.validRows, errorRows: b.errorRows, rows: b.rows };
  }

  @Get('template')
  async template(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.auth.viewer(req);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('码上办导入模板')}.xlsx`)
      .send(await templateXlsx());
  }
}
