// Renders page 1 of a PDF to PNG with mupdf and extracts its text — in a plain Node process, because mupdf is
// ESM-only WASM (Jest's CommonJS cannot import it).
// usage: node render-notice.mjs <in.pdf> <dpi> <out.png>; prints JSON { pages, text, inked } (inked: share of non-white pixels)
import { readFileSync, writeFileSync } from 'node:fs';
import * as mupdf from 'mupdf';

const [input, dpi, out] = process.argv.slice(2);
const doc = mupdf.Document.openDocument(readFileSync(input), 'application/pdf');
const page = doc.loadPage(0);
const scale = Number(dpi) / 72;
const pix = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
writeFileSync(out, pix.asPNG());
const px = pix.getPixels(), n = pix.getNumberOfComponents(), w = pix.getWidth(), h = pix.getHeight(), stride = pix.getStride();
let inked = 0;
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
  const s = y * stride + x * n;
  if (px[s] < 230 || px[s + 1] < 230 || px[s + 2] < 230) inked++;
}
console.log(JSON.stringify({ pages: doc.countPages(), text: page.toStructuredText().asText(), inked: inked / (w * h), width: w, height: h }));
