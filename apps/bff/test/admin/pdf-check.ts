import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where rendered pages are kept for a person to look at (git-ignored). */
export const OUT_DIR = join(__dirname, 'out');

/**
 * Renders every page of `pdf` at `dpi` into test/admin/out/<name>-<page>.png and decodes the QR codes on
 * each page (split into cols × rows tiles for sticker sheets). Returns the files and, per page, the codes found.
 */
export function renderAndDecode(pdf: Buffer, name: string, dpi: number, tiles: [number, number] = [1, 1]): { files: string[]; codes: (string | null)[][] } {
  mkdirSync(OUT_DIR, { recursive: true });
  const input = join(OUT_DIR, `${name}.pdf`);
  writeFileSync(input, pdf);
  const out = execFileSync(process.execPath, [join(__dirname, 'render-pdf.mjs'), input, String(dpi), join(OUT_DIR, name), String(tiles[0]), String(tiles[1])], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return JSON.parse(out);
}
