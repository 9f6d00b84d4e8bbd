import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export const CJK_FONT_PATH = process.env.CJK_FONT_PATH ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const CJK_FONT_FAMILY = 'NotoSansCJKsc-Regular';

/** What one poster prints. */
export interface PosterItem {
  complexName: string;
  spotName: string;
  /** The HTTPS link the QR encodes: https://<host>/q/<token>. */
  link: string;
  servicePhone: string | null;
  emergencyPhone: string | null;
}

export type PosterSize = 'A4' | 'A5';

const PAGE: Record<PosterSize, [number, number]> = { A4: [595.28, 841.89], A5: [419.53, 595.28] };
const RED = '#C8102E';
const INK = '#1F2329';
const GREY = '#646A73';
export const STEPS = ['微信或手机相机扫码', '选择问题类别，拍照写清楚', '提交后随时查看办理进度'];

/** Draws the QR as vector squares (crisp at any print resolution), `size` points wide, at (x, y). */
function drawQr(doc: PDFKit.PDFDocument, link: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#FFFFFF');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.02, cell + 0.02);
  }
  doc.fill().restore();
}

/** Text that never overflows its box: shrinks from `size` until one line of it fits `width`. */
function fitted(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, size: number, color: string, min = 8): number {
  let s = size;
  doc.fontSize(s);
  while (s > min && doc.widthOfString(text) > width) doc.fontSize((s -= 1));
  doc.fillColor(color).text(text, x, y, { width, align: 'center', lineBreak: false });
  return s;
}

function newDoc(size: [number, number], title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false, info: { Title: title, Author: '码上办', Creator: '码上办' } });
  doc.registerFont('cjk', CJK_FONT_PATH, CJK_FONT_FAMILY);
  return doc;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** One page per item: the gate/spot poster (title band, place, three steps, QR, phones, the link in words). */
export function renderPosters(items: readonly PosterItem[], size: PosterSize, title = '码上办二维码海报'): Promise<Buffer> {
  const [W, H] = PAGE[size];
  const k = W / PAGE.A4[0];
  const doc = newDoc([W, H], title);
  for (const it of items) {
    doc.addPage({ size: [W, H], margin: 0 });
    doc.font('cjk');
    const m = 36 * k;
    const inner = W - 2 * m;
    doc.rect(0, 0, W, 118 * k).fill(RED);
    fitted(doc, '扫码反映物业问题', m, 30 * k, inner, 44 * k, '#FFFFFF');
    fitted(doc, '码上办 · 有事扫一扫，马上有人办', m, 86 * k, inner, 14 * k, '#FFE8EA');
    let y = 140 * k;
    fitted(doc, it.complexName, m, y, inner, 30 * k, INK);
    y += 42 * k;
    fitted(doc, it.spotName, m, y, inner, 20 * k, GREY);
    y += 36 * k;
    const qrSize = 300 * k;
    drawQr(doc, it.link, (W - qrSize) / 2, y, qrSize);
    doc.lineWidth(2 * k).strokeColor(RED).rect((W - qrSize) / 2 - 6 * k, y - 6 * k, qrSize + 12 * k, qrSize + 12 * k).stroke();
    y += qrSize + 22 * k;
    const colW = inner / 3;
    STEPS.forEach((s, i) => {
      const cx = m + colW * i;
      doc.circle(cx + colW / 2, y + 12 * k, 12 * k).fill(RED);
      fitted(doc, String(i + 1), cx + colW / 2 - 12 * k, y + 4 * k, 24 * k, 13 * k, '#FFFFFF');
      fitted(doc, s, cx + 2 * k, y + 32 * k, colW - 4 * k, 12.5 * k, INK, 6);
    });
    y += 66 * k;
    doc.moveTo(m, y).lineTo(W - m, y).lineWidth(0.8 * k).strokeColor('#D0D3D6').stroke();
    y += 14 * k;
    const phones = [
      ['物业服务电话', it.servicePhone ?? '请咨询物业服务中心'],
      ['政务服务便民热线', '12345'],
      ['紧急情况', it.emergencyPhone ? `${it.emergencyPhone}（物业24小时）· 110 / 119 / 120` : '110 / 119 / 120'],
    ];
    for (const [label, value] of phones) {
      doc.fontSize(13 * k).fillColor(GREY).text(label, m, y, { width: 130 * k, lineBreak: false });
      fitted(doc, value, m + 130 * k, y - 1 * k, inner - 130 * k, 15 * k, INK);
      y += 24 * k;
    }
    fitted(doc, `无法扫码时可在浏览器打开：${it.link}`, m, H - 34 * k, inner, 8.5 * k, GREY, 4);
  }
  if (!items.length) doc.addPage({ size: [W, H], margin: 0 });
  return collect(doc);
}

/** An A4 sheet of small stickers (lobbies, lifts): 3 × 4 per page, cut lines dashed. */
export function renderStickers(items: readonly PosterItem[], title = '码上办二维码贴纸'): Promise<Buffer> {
  const [W, H] = PAGE.A4;
  const cols = 3, rows = 4, m = 24;
  const cw = (W - 2 * m) / cols, ch = (H - 2 * m) / rows;
  const doc = newDoc([W, H], title);
  items.forEach((it, i) => {
    if (i % (cols * rows) === 0) doc.addPage({ size: [W, H], margin: 0 });
    doc.font('cjk');
    const x = m + (i % cols) * cw, y = m + (Math.floor(i / cols) % rows) * ch;
    doc.save().dash(3, { space: 3 }).lineWidth(0.5).strokeColor('#B0B4B9').rect(x, y, cw, ch).stroke().undash().restore();
    doc.rect(x + 6, y + 6, cw - 12, 22).fill(RED);
    fitted(doc, '扫码反映物业问题', x + 8, y + 10, cw - 16, 12, '#FFFFFF');
    const q = Math.min(cw - 40, ch - 78);
    drawQr(doc, it.link, x + (cw - q) / 2, y + 32, q);
    fitted(doc, it.complexName, x + 6, y + 36 + q, cw - 12, 10, INK, 5);
    fitted(doc, `${it.spotName} · 物业 ${it.servicePhone ?? ''}`.trim(), x + 6, y + 50 + q, cw - 12, 8, GREY, 4);
  });
  if (!items.length) doc.addPage({ size: [W, H], margin: 0 });
  return collect(doc);
}
