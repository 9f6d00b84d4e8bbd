import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { COUNTERS } from '../domain/ticket-facts';
import {
  BREAKDOWN_COLUMNS, COUNT_LABELS, CSV_BOM, csvLine, percentText, RATE_LABELS, SLA_MET_LABEL, TICKET_COLUMNS, TIME_LABELS,
} from '../domain/export-layout';
import type { Rates } from '../domain/figures';
import type { Breakdown, FigureSet, FiguresResult } from '../figures.service';

/** One line of the ticket list, already in display form. */
export type TicketLine = readonly [string, string, string, string, string, Date, Date | null, Date | null, string, number | null, string];

/** Pages of the ticket list, newest first; `onRows` after each page (progress). */
export type TicketPages = AsyncIterable<readonly TicketLine[]>;

type Cell = string | number | null;
type FigureRow = { label: string; kind: 'count' | 'rate' | 'minutes'; current: number | null; previous: number | null };

const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);

/** Every figure of §1, in docs/figures.md's order: counts, rates, SLA met, times. */
export function figureRows(r: FiguresResult): FigureRow[] {
  const rows: FigureRow[] = COUNTERS.map((c) => ({ label: COUNT_LABELS[c], kind: 'count' as const, current: r.current.counters[c], previous: r.previous.counters[c] }));
  rows.push({ label: '当前积压', kind: 'count', current: r.backlog, previous: null });
  for (const k of Object.keys(RATE_LABELS) as (keyof Rates)[]) rows.push({ label: RATE_LABELS[k], kind: 'rate', current: r.current.rates[k], previous: r.previous.rates[k] });
  rows.push({ label: SLA_MET_LABEL, kind: 'rate', current: r.current.slaMet, previous: r.previous.slaMet });
  const times: [keyof typeof TIME_LABELS, 'acceptWallMs' | 'acceptWorkMs' | 'resolveWallMs' | 'resolveWorkMs'][] = [
    ['acceptWall', 'acceptWallMs'], ['acceptWork', 'acceptWorkMs'], ['resolveWall', 'resolveWallMs'], ['resolveWork', 'resolveWorkMs'],
  ];
  for (const [label, k] of times) {
    rows.push({ label: `${TIME_LABELS[label]}中位数（分钟）`, kind: 'minutes', current: minutes(r.current.times?.[k].median ?? null), previous: minutes(r.previous.times?.[k].median ?? null) });
    rows.push({ label: `${TIME_LABELS[label]}P90（分钟）`, kind: 'minutes', current: minutes(r.current.times?.[k].p90 ?? null), previous: minutes(r.previous.times?.[k].p90 ?? null) });
  }
  return rows;
}

export function headerLines(r: FiguresResult, filters: string): [string, string][] {
  const range = (p: { from: string; to: string }) => `${p.from} 至 ${dayBefore(p.to)}`;
  return [['统计范围', r.scope.name], ['本期', range(r.period)], ['上期', range(r.previousPeriod)], ['筛选', filters || '全部']];
}

function breakdownRow(b: Breakdown): Cell[] {
  const s: FigureSet = b.set;
  return [b.name, s.counters.filed, s.counters.open, s.rates.response, s.rates.resolution, s.rates.satisfaction, s.rates.resolvedOnTime];
}

/** Shanghai wall time, 2026-03-02 09:00. */
export function shanghaiText(d: Date | null): string {
  if (!d) return '';
  const l = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${l.slice(0, 10)} ${l.slice(11, 16)}`;
}

export function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The XLSX: 统计 (every figure, this period and the previous), 按类别, 按来源, 工单 (the tickets behind them). Streams rows to disk. */
export async function writeXlsx(path: string, r: FiguresResult, filters: string, tickets: TicketPages, onRows: (n: number) => Promise<void>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const figures = wb.addWorksheet('统计');
  figures.columns = [{ width: 30 }, { width: 16 }, { width: 16 }];
  for (const [k, v] of headerLines(r, filters)) figures.addRow([k, v]).commit();
  figures.addRow([]).commit();
  figures.addRow(['指标', '本期', '上期']).commit();
  for (const f of figureRows(r)) {
    const row = figures.addRow([f.label, f.current, f.previous]);
    if (f.kind === 'rate') for (const c of [2, 3]) row.getCell(c).numFmt = '0.00%';
    row.commit();
  }
  figures.commit();
  for (const [name, list] of [['按类别', r.byCategory], ['按来源', r.bySource]] as const) {
    const ws = wb.addWorksheet(name);
    ws.addRow([name === '按类别' ? '类别' : '来源', ...BREAKDOWN_COLUMNS]).commit();
    for (const b of list) {
      const row = ws.addRow(breakdownRow(b));
      for (const c of [4, 5, 6, 7]) row.getCell(c).numFmt = '0.00%';
      row.commit();
    }
    ws.commit();
  }
  const ws = wb.addWorksheet('工单');
  ws.columns = TICKET_COLUMNS.map((_, i) => ({ width: i === TICKET_COLUMNS.length - 1 ? 60 : 18 }));
  ws.addRow([...TICKET_COLUMNS]).commit();
  let n = 0;
  for await (const page of tickets) {
    for (const t of page) ws.addRow([t[0], t[1], t[2], t[3], t[4], shanghaiText(t[5]), shanghaiText(t[6]) || null, shanghaiText(t[7]) || null, t[8] || null, t[9], t[10]]).commit();
    n += page.length;
    await onRows(n);
  }
  ws.commit();
  await wb.commit();
  return n;
}

/** The CSV (UTF-8 with a BOM, Chinese headers): the figures table, or the ticket list. */
export async function writeCsv(path: string, what: 'FIGURES' | 'TICKETS', r: FiguresResult, tickets: TicketPages, onRows: (n: number) => Promise<void>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(CSV_BOM);
  let n = 0;
  if (what === 'FIGURES') {
    await write(csvLine(['指标', '本期', '上期']));
    for (const f of figureRows(r)) {
      const v = (x: number | null) => (f.kind === 'rate' ? percentText(x) : x === null ? '—' : x);
      await write(csvLine([f.label, v(f.current), v(f.previous)]));
    }
  } else {
    await write(csvLine([...TICKET_COLUMNS]));
    for await (const page of tickets) {
      for (const t of page) await write(csvLine([t[0], t[1], t[2], t[3], t[4], shanghaiText(t[5]), shanghaiText(t[6]), shanghaiText(t[7]), t[8], t[9], t[10]]));
      n += page.length;
      await onRows(n);
    }
  }
  out.end();
  await once(out, 'finish');
  return n;
}
