/**
 * GeoReport v2 wire formats. A response is built once as plain data and rendered as XML or JSON:
 * JSON is the XML without its root wrapper (a list is a top-level array), XML has a declaration and no
 * namespace; a list inside a record is wrapped in its plural element with one singular element per item.
 */
export type Format = 'xml' | 'json';

export type Value = string | boolean | Value[] | { [key: string]: Value | undefined };
export type Record311 = { [key: string]: Value | undefined };

/** Plural element → element of one item, for lists inside records. */
const ITEM: Record<string, string> = {
  endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value', notes: 'note', groups: 'group',
  extended_attributes: 'extended_attribute', photos: 'photo',
};

export interface Rendered {
  status: number;
  contentType: string;
  body: string;
}

/** The file part of a path (`requests.json`) → the resource name and format; null for any other suffix. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(xml|json)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : null;
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

function xmlOf(name: string, v: Value): string {
  if (Array.isArray(v)) {
    const item = ITEM[name] ?? name;
    return `<${name}>${v.map((x) => xmlOf(item, x)).join('')}</${name}>`;
  }
  if (typeof v === 'object') {
    const inner = Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => xmlOf(k, x as Value)).join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

function dropUndefined(v: Value): Value {
  if (Array.isArray(v)) return v.map(dropUndefined);
  if (typeof v === 'object') {
    const out: Record311 = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = dropUndefined(x);
    return out;
  }
  return v;
}

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

/** A list of records: `<root><item>…</item>…</root>` or a JSON array. */
export function renderList(format: Format, root: string, item: string, rows: Record311[], status = 200): Rendered {
  if (format === 'json') return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(rows.map(dropUndefined)) };
  return { status, contentType: 'text/xml; charset=utf-8', body: `${XML_DECL}\n<${root}>${rows.map((r) => xmlOf(item, r)).join('')}</${root}>` };
}

/** One document: `<root>…</root>` or a JSON object. */
export function renderObject(format: Format, root: string, doc: Record311, status = 200): Rendered {
  if (format === 'json') return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(dropUndefined(doc)) };
  return { status, contentType: 'text/xml; charset=utf-8', body: `${XML_DECL}\n${xmlOf(root, doc)}` };
}

/** A GeoReport error answer: 400 bad request, 403 missing or wrong api_key, 404 unknown resource. */
export class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404 | 429, readonly description: string) {
    super(description);
  }
}

export function renderError(format: Format, e: Open311Error): Rendered {
  return renderList(format, 'errors', 'error', [{ code: String(e.status), description: e.description }], e.status);
}

/** `2026-11-27T10:00:00+08:00`: every datetime carries the deployment's offset (Asia/Shanghai, no DST). */
export function datetime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** W3C datetime with an offset or Z (`2026-11-27T10:00:00+08:00`, `…Z`); a bare date counts as local midnight. */
export function parseDatetime(field: string, s: string): Date {
  const full = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const d = full ? new Date(s) : dateOnly ? new Date(`${s}T00:00:00+08:00`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${field} must be a W3C datetime with an offset, e.g. 2026-11-27T10:00:00+08:00`);
  return d;
}
