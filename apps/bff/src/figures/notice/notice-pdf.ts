import PDFDocument from 'pdfkit';
import type { FigureSet } from '../figures.service';

const CJK_FONT_PATH = process.env.CJK_FONT_PATH ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CJK_FONT_FAMILY = 'NotoSansCJKsc-Regular';
const RED = '#C8102E';
const INK = '#1F2329';
const GREY = '#646A73';
const LINE = '#D0D3D6';

/** What the notice prints: the complex, the month, its figures, the categories raised most, the year before. */
export interface NoticeData {
  complexName: string;
  companyName: string | null;
  /** YYYY-MM */
  month: string;
  current: FigureSet;
  topCategories: { name: string; filed: number }[];
  /** Oldest first, ending with `month`. */
  history: { month: string; set: FigureSet }[];
  generatedAt: string;
}

export const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
export const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** The printable monthly notice (公示) for the notice board: A4 portrait, one page. */
export function renderNotice(d: NoticeData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `${d.complexName} ${monthText(d.month)}接诉即办公示`, Author: '码上办', Creator: '码上办' } });
  doc.registerFont('cjk', CJK_FONT_PATH, CJK_FONT_FAMILY);
  doc.font('cjk');
  const W = 595.28;
  const m = 40;
  const inner = W - 2 * m;
  doc.rect(0, 0, W, 96).fill(RED);
  doc.fillColor('#FFFFFF').fontSize(26).text('物业服务接诉即办公示', m, 24, { width: inner, align: 'center', lineBreak: false });
  doc.fontSize(13).fillColor('#FFE8EA').text(`${monthText(d.month)} · 业主反映问题办理情况`, m, 62, { width: inner, align: 'center', lineBreak: false });
  let y = 118;
  doc.fillColor(INK).fontSize(20).text(d.complexName, m, y, { width: inner, align: 'center', lineBreak: false });
  y += 30;
  if (d.companyName) doc.fillColor(GREY).fontSize(12).text(`物业服务企业：${d.companyName}`, m, y, { width: inner, align: 'center', lineBreak: false });
  y += 32;

  // The month's figures, four boxes of the three rates and on-time, then the counts.
  const c = d.current.counters;
  const r = d.current.rates;
  const boxes: [string, string][] = [['响应率', pct(r.response)], ['解决率', pct(r.resolution)], ['满意率', pct(r.satisfaction)], ['按时办结率', pct(r.resolvedOnTime)]];
  const bw = (inner - 3 * 12) / 4;
  boxes.forEach(([label, value], i) => {
    const x = m + i * (bw + 12);
    doc.roundedRect(x, y, bw, 78, 6).lineWidth(1).strokeColor(LINE).stroke();
    doc.fillColor(RED).fontSize(24).text(value, x, y + 12, { width: bw, align: 'center', lineBreak: false });
    doc.fillColor(GREY).fontSize(12).text(label, x, y + 50, { width: bw, align: 'center', lineBreak: false });
  });
  y += 96;
  const counts: [string, number][] = [['受理', c.filed], ['办结', c.resolved], ['未办结', c.open], ['已评价', c.rated], ['督办', c.urges]];
  const cw = inner / counts.length;
  counts.forEach(([label, n], i) => {
    doc.fillColor(INK).fontSize(18).text(String(n), m + i * cw, y, { width: cw, align: 'center', lineBreak: false });
    doc.fillColor(GREY).fontSize(11).text(`${label}（件）`, m + i * cw, y + 24, { width: cw, align: 'center', lineBreak: false });
  });
  y += 58;

  // The categories owners raise most.
  doc.fillColor(INK).fontSize(14).text('本月业主反映最多的问题', m, y, { lineBreak: false });
  y += 24;
  if (d.topCategories.length === 0) {
    doc.fillColor(GREY).fontSize(12).text('本月暂无反映', m, y, { lineBreak: false });
    y += 20;
  }
  d.topCategories.forEach((t, i) => {
    doc.fillColor(INK).fontSize(12).text(`${i + 1}. ${t.name}`, m + 8, y, { width: inner - 100, lineBreak: false });
    doc.text(`${t.filed} 件`, m + inner - 90, y, { width: 90, align: 'right', lineBreak: false });
    y += 20;
  });
  y += 14;

  // The last 12 months.
  doc.fillColor(INK).fontSize(14).text('近12个月', m, y, { lineBreak: false });
  y += 24;
  const cols: [string, number][] = [['月份', 90], ['受理', 60], ['办结', 60], ['响应率', 75], ['解决率', 75], ['满意率', 75], ['按时办结率', inner - 435]];
  const row = (cells: string[], color: string, size: number) => {
    let x = m;
    cells.forEach((t, i) => {
      doc.fillColor(color).fontSize(size).text(t, x, y, { width: cols[i][1], align: i === 0 ? 'left' : 'right', lineBreak: false });
      x += cols[i][1];
    });
    y += 19;
  };
  row(cols.map(([h]) => h), GREY, 11);
  doc.moveTo(m, y - 3).lineTo(m + inner, y - 3).lineWidth(0.5).strokeColor(LINE).stroke();
  for (const h of d.history) {
    const s = h.set;
    row([monthText(h.month), String(s.counters.filed), String(s.counters.resolved), pct(s.rates.response), pct(s.rates.resolution), pct(s.rates.satisfaction), pct(s.rates.resolvedOnTime)], INK, 11);
  }
  y += 10;
  doc.fillColor(GREY).fontSize(9).text(
    `口径：按反映日期统计；响应率＝按时受理或说明不予受理／应响应；解决率、满意率以业主最新评价计（满意＝4星及以上）；按时办结率扣除暂停时间。生成于 ${d.generatedAt}，数据来源：码上办。`,
    m, Math.max(y, 770), { width: inner, align: 'left' },
  );
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
