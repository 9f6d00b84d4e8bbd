import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock';
import { badInput } from '../../common/domain-error';
import { OrgService } from '../../org/org.service';
import { QrService } from '../../qr/qr.service';
import { shanghaiText } from '../export/export-writer';
import { shanghaiIsoDay } from '../domain/ticket-facts';
import { FiguresService } from '../figures.service';
import { renderNotice } from './notice-pdf';

/**
 * 公示: the printable monthly notice of a complex for its notice board, public like the QR landing it is
 * reached from (the QR token names the complex). The same numbers as the oversight view (FiguresService).
 */
@Controller()
export class NoticeController {
  constructor(private readonly figures: FiguresService, private readonly qr: QrService, private readonly org: OrgService, private readonly clock: Clock) {}

  @Get('public/notice/:token')
  async notice(@Param('token') token: string, @Query('month') month: string | undefined, @Res() reply: FastifyReply) {
    const place = await this.qr.resolve(token.replace(/\.pdf$/, ''));
    const thisMonth = shanghaiIsoDay(this.clock.now()).slice(0, 7);
    const m = month ?? thisMonth;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m) || m > thisMonth) throw badInput('月份格式为 YYYY-MM，且不晚于本月', { field: 'month' });
    const r = await this.figures.publicFigures(place.complex.id, 12, m);
    const company = place.complex.companyId === null ? null : (await this.org.company(place.complex.companyId))?.name ?? null;
    const pdf = await renderNotice({
      complexName: place.complex.name, companyName: company, month: m, current: r.months[r.months.length - 1].set,
      topCategories: r.topCategories.map((c) => ({ name: c.name, filed: c.set.counters.filed })), history: r.months,
      generatedAt: shanghaiText(this.clock.now()),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="notice-${m}.pdf"`)
      .header('cache-control', 'public, max-age=300')
      .send(pdf);
  }
}
