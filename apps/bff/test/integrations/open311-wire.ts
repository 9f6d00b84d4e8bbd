import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Lists inside records, as GeoReport wraps them in XML (plural element → one singular element per item). */
const ITEM: Record<string, string> = {
  endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value', notes: 'note', groups: 'group',
};

type Node = Record<string, unknown>;

/** An Open311 HTTP answer. */
export interface Wire {
  status: number;
  contentType: string;
  text: string;
}

/**
 * XML read back into the JSON shape GeoReport defines (root dropped; a list root or a plural element whose
 * children are all its singular becomes an array; every leaf a string), so XML ≡ JSON can be compared.
 */
export function xmlAsJson(xml: string): unknown {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid)}`);
  expect(xml).not.toMatch(/xmlns/);
  const tree = new XMLParser({ preserveOrder: true, parseTagValue: false, trimValues: false, ignoreDeclaration: true }).parse(xml) as Node[];
  const root = tree.find((n) => !('?xml' in n))!;
  const rootName = Object.keys(root)[0];
  const children = root[rootName] as Node[];
  const names = children.map((c) => Object.keys(c)[0]);
  const LIST_ROOTS = new Set(['services', 'service_requests', 'service_request_updates', 'errors']);
  if (LIST_ROOTS.has(rootName)) return children.map((c) => convert(Object.keys(c)[0], c[Object.keys(c)[0]] as Node[]));
  void names;
  return convert(rootName, children);
}

function convert(name: string, children: Node[]): unknown {
  const elements = children.filter((c) => !('#text' in c));
  const text = children.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
  if (elements.length === 0) {
    if (ITEM[name] && text === '') return [];
    return text;
  }
  const childNames = elements.map((c) => Object.keys(c)[0]);
  if (ITEM[name] && childNames.every((n) => n === ITEM[name])) return elements.map((c) => convert(ITEM[name], c[ITEM[name]] as Node[]));
  const out: Record<string, unknown> = {};
  for (const c of elements) {
    const k = Object.keys(c)[0];
    if (k in out) throw new Error(`repeated element <${k}> inside <${name}>`);
    out[k] = convert(k, c[k] as Node[]);
  }
  return out;
}

/** JSON with every scalar as a string (XML has no types) and empty lists matching empty elements. */
export function stringly(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stringly);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stringly(x)]));
  return String(v);
}
