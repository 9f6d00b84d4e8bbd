import ExcelJS from 'exceljs';
import { badInput } from '../../common/domain-error';

/** The template's columns, in order (the header row is matched by these names). */
export const COLUMNS = ['类型', '社区', '小区', '名称', '楼栋', '手机号', '角色', '物业公司', '地址', '服务电话'] as const;
export type Column = (typeof COLUMNS)[number];
export type RawRow = { row: number; cells: Partial<Record<Column, string>> };

export const EXAMPLES: string[][] = [
  ['小区', '芙蓉社区', '明湖花园', '', '', '', '', '泉城红色物业服务有限公司', '历下区明湖东路18号', '0531-86001234'],
  ['楼栋', '芙蓉社区', '明湖花园', '1号楼', '', '', '', '', '', ''],
  ['出入口', '芙蓉社区', '明湖花园', '东门', '', '', '', '', '', ''],
  ['出入口', '芙蓉社区', '明湖花园', '1号楼大堂', '1号楼', '', '', '', '', ''],
  ['员工', '芙蓉社区', '明湖花园', '张师傅', '', '13800001011', '物业员工', '', '', ''],
  ['员工', '芙蓉社区', '明湖花园', '王建国', '', '13800000001', '项目经理', '', '', ''],
];

const text = (v: ExcelJS.CellValue): string => {
  if (v == null) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
};

/** RFC 4180 CSV (quotes, doubled quotes, CRLF), a UTF-8 BOM dropped. */
export function parseCsv(src: string): string[][] {
  const s = src.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Rows of an uploaded XLSX (first sheet) or CSV, keyed by the header row; row numbers are the file's own (header = 1). */
export async function readRows(fileName: string, data: Buffer): Promise<RawRow[]> {
  let grid: string[][];
  if (data.subarray(0, 2).toString('latin1') === 'PK') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as any);
    } catch {
      throw badInput('无法读取这个 Excel 文件', { field: 'file' });
    }
    const ws = wb.worksheets[0];
    if (!ws) throw badInput('文件里没有工作表', { field: 'file' });
    const rows: string[][] = [];
    const width = Math.max(ws.columnCount, COLUMNS.length);
    ws.eachRow({ includeEmpty: true }, (r, n) => (rows[n - 1] = Array.from({ length: width }, (_, i) => text(r.getCell(i + 1).value))));
    grid = Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
  } else if (/\.csv$/i.test(fileName) || !data.includes(0)) {
    grid = parseCsv(data.toString('utf8'));
  } else {
    throw badInput('请上传 .xlsx 或 .csv 文件', { field: 'file' });
  }
  const header = (grid[0] ?? []).map((h) => h.trim());
  const missing = COLUMNS.filter((c) => ['类型', '社区', '小区', '名称'].includes(c) && !header.includes(c));
  if (missing.length) throw badInput(`表头缺少：${missing.join('、')}（请使用下载的模板）`, { field: 'file' });
  const out: RawRow[] = [];
  grid.slice(1).forEach((cells, i) => {
    const r: Partial<Record<Column, string>> = {};
    header.forEach((h, j) => { if ((COLUMNS as readonly string[]).includes(h)) r[h as Column] = (cells[j] ?? '').trim(); });
    if (Object.values(r).some((v) => v)) out.push({ row: i + 2, cells: r });
  });
  if (out.length > 5000) throw badInput('一次最多导入 5000 行', { field: 'file' });
  return out;
}

/** The downloadable template: the header, example rows and a sheet explaining each column. */
export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow([...COLUMNS]);
  EXAMPLES.forEach((r) => ws.addRow(r));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 16));
  const help = wb.addWorksheet('说明');
  [
    ['类型', '小区 / 楼栋 / 出入口 / 员工'],
    ['社区', '已建立的社区名称（每行必填）'],
    ['小区', '小区名称；类型为“小区”时即新建的小区'],
    ['名称', '楼栋名（如 1号楼、A座）、出入口名（如 东门）或员工姓名'],
    ['楼栋', '出入口所在楼栋（可空）'],
    ['手机号', '员工手机号（11位）'],
    ['角色', '物业员工 或 项目经理'],
    ['物业公司', '小区的物业公司（已建立的名称）'],
    ['地址 / 服务电话', '小区地址与物业服务电话（海报上印的号码）'],
    ['重复导入', '已存在的行不会重复建立（按 社区+小区、小区+楼栋、小区+出入口、小区+手机号+角色 识别）'],
  ].forEach((r) => help.addRow(r));
  help.columns.forEach((c) => (c.width = 40));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
