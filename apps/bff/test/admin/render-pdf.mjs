// Renders every page of a PDF to PNG with mupdf and decodes the QR codes on it with jsQR — in a plain Node
// process, because mupdf is ESM-only WASM (Jest's CommonJS cannot import it).
// usage: node render-pdf.mjs <in.pdf> <dpi> <out-prefix> [cols rows]
//   writes <out-prefix>-<page>.png; prints JSON { files, codes } (codes: per page, per tile left→right, top→bottom, null where none)
import { readFileSync, writeFileSync } from 'node:fs';
import * as mupdf from 'mupdf';
import jsQR from 'jsqr';

const [input, dpi, prefix, cols = '1', rows = '1'] = process.argv.slice(2);
const doc = mupdf.Document.openDocument(readFileSync(input), 'application/pdf');
const scale = Number(dpi) / 72;
const files = [];
const codes = [];
for (let i = 0; i < doc.countPages(); i++) {
  const pix = doc.loadPage(i).toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
  const file = `${prefix}-${i + 1}.png`;
  writeFileSync(file, pix.asPNG());
  files.push(file);
  const w = pix.getWidth(), h = pix.getHeight(), n = pix.getNumberOfComponents(), rgb = pix.getPixels(), stride = pix.getStride();
  const tw = Math.floor(w / Number(cols)), th = Math.floor(h / Number(rows));
  const page = [];
  for (let r = 0; r < Number(rows); r++) {
    for (let c = 0; c < Number(cols); c++) {
      const rgba = new Uint8ClampedArray(tw * th * 4);
      for (let y = 0; y < th; y++) {
        for (let x = 0; x < tw; x++) {
          const s = (r * th + y) * stride + (c * tw + x) * n, d = (y * tw + x) * 4;
          rgba[d] = rgb[s]; rgba[d + 1] = rgb[s + 1]; rgba[d + 2] = rgb[s + 2]; rgba[d + 3] = 255;
        }
      }
      page.push(jsQR(rgba, tw, th)?.data ?? null);
    }
  }
  codes.push(page);
}
console.log(JSON.stringify({ files, codes }));
