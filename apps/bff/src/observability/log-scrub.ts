/**
 * What never reaches a log line: mainland mobile numbers (kept as 139****0001), bearer tokens and JWTs,
 * `access_token` query values, SMS codes next to the word "code". Applied to every message and to
 * every string inside a logged object.
 */
const PHONE = /(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
const QUERY_TOKEN = /((?:access_token|token)=)[^&\s"']+/gi;

export function scrub(s: string): string {
  return s.replace(JWT, '[token]').replace(BEARER, '$1[redacted]').replace(QUERY_TOKEN, '$1[redacted]').replace(PHONE, '$1****$2');
}

/** A scrubbed copy of a logged value (objects to depth 5; an Error keeps its type, message and stack). */
export function scrubValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrub(v);
  if (v === null || typeof v !== 'object' || depth > 5) return v;
  if (v instanceof Error) return { type: v.name, message: scrub(v.message), stack: v.stack ? scrub(v.stack) : undefined, ...(scrubValue({ ...v }, depth + 1) as object) };
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, depth + 1));
  // Class instances (Fastify's request and reply …) go on to pino's serializers as they are.
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubValue(x, depth + 1);
  return out;
}
