/**
 * What one request may cost is bounded before the work: body and document size (tighter without a
 * token), tokens, aliases, directives, one sign-in/SMS field per document, and the parsed-document
 * cache holds a bounded number of bounded documents.
 */
import { GRAPHQL_LIMITS } from '../src/graphql/request-limits';
import { DocumentCaches } from '../src/graphql/document-cache';
import { codeOf, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, type World } from './support/world';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--expose-gc');

jest.setTimeout(240_000);

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A distinct, syntactically valid document of about `chars` characters: `{ categories { code } }` padded with a comment. */
const padded = (chars: number, n: number) => `# ${n} ${'x'.repeat(Math.max(0, chars - 40))}\n{ categories { code } }`;

describe('request cost', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('an anonymous document over the anonymous limit is refused with 413 before it is parsed; a signed-in caller gets more room, up to its own limit', async () => {
    const big = await post(t.url, JSON.stringify({ query: padded(900_000, 1) }));
    expect(big.status).toBe(413);
    const anon = await post(t.url, JSON.stringify({ query: padded(GRAPHQL_LIMITS.anonymousDocumentChars + 100, 2) }));
    expect(anon.status).toBe(413);
    expect(((await anon.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_LARGE' });
    const okAnon = await post(t.url, JSON.stringify({ query: padded(GRAPHQL_LIMITS.anonymousDocumentChars - 100, 3) }));
    expect(okAnon.status).toBe(200);
    const auth = { authorization: `Bearer ${w.staffA.token}` };
    expect((await post(t.url, JSON.stringify({ query: padded(GRAPHQL_LIMITS.anonymousDocumentChars + 100, 4) }), auth)).status).toBe(200);
    expect((await post(t.url, JSON.stringify({ query: padded(GRAPHQL_LIMITS.documentChars + 100, 5) }), auth)).status).toBe(413);
    expect((await post(t.url, JSON.stringify({ query: padded(GRAPHQL_LIMITS.bodyBytes + 100, 6) }), auth)).status).toBe(413);
  });

  it(`a document of more than ${GRAPHQL_LIMITS.tokens} tokens is BAD_USER_INPUT`, async () => {
    const q = `{ categories { ${'code '.repeat(GRAPHQL_LIMITS.tokens)} } }`;
    const r = await t.gql(q, undefined, w.staffA.token);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/tokens/);
  });

  it('too many aliases or directives are BAD_USER_INPUT', async () => {
    const aliases = `{ ${Array.from({ length: GRAPHQL_LIMITS.aliases + 1 }, (_, i) => `a${i}: categories { code }`).join(' ')} }`;
    const r1 = await t.gql(aliases);
    expect(r1.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ALIASES' });
    const directives = `{ categories { ${Array.from({ length: GRAPHQL_LIMITS.directives + 1 }, () => 'code @include(if: true)').join(' ')} } }`;
    const r2 = await t.gql(directives);
    expect(r2.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_DIRECTIVES' });
  });

  it('a POST that is not application/json is refused (415) and runs nothing', async () => {
    const form = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=mutation%20%7B%20requestSmsCode(phone%3A%2213900009999%22)%20%7B%20resendAfterSeconds%20%7D%20%7D' });
    expect(form.status).toBe(415);
    const raw = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: 'mutation { requestSmsCode(phone: "13900009999") { resendAfterSeconds } }' });
    expect(raw.status).toBe(415);
    const plain = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: 'mutation { requestSmsCode(phone: "13900009999") { resendAfterSeconds } }' }) });
    expect(plain.status).toBe(415);
    expect(await t.ds.query(`SELECT * FROM sms_codes WHERE phone = '13900009999'`)).toEqual([]);
  });

  it('200 distinct ~900 KB anonymous documents, then 600 distinct documents at the anonymous limit, leave the heap within bounds', async () => {
    // Each distinct ~900 KB document used to stay cached (~0.87 MB each: 200 of them ~175 MB). Now they
    // are refused unread, and the parsed-document cache keeps a bounded number of bounded documents.
    const gc = runInNewContext('gc') as () => void;
    const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
    const send = async (n: number, chars: number, concurrency: number) => {
      const statuses = new Map<number, number>();
      let next = 0;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const i = next++;
          const res = await post(t.url, JSON.stringify({ query: padded(chars, i) })).catch(() => null);
          const st = res?.status ?? 0;
          await res?.arrayBuffer().catch(() => undefined);
          statuses.set(st, (statuses.get(st) ?? 0) + 1);
        }
      }));
      return Object.fromEntries(statuses);
    };
    const before = heap();
    expect(await send(200, 900_000, 4)).toEqual({ 413: 200 });
    const afterHuge = heap();
    expect(await send(600, GRAPHQL_LIMITS.anonymousDocumentChars - 100, 8)).toEqual({ 200: 600 });
    const afterMany = heap();
    const mb = (b: number) => Math.round(b / 1e5) / 10;
    console.log(`heap: ${mb(before)} MB → ${mb(afterHuge)} MB after 200 × 900 KB → ${mb(afterMany)} MB after 600 × 8 KB`);
    expect(afterHuge - before).toBeLessThan(30e6);
    expect(afterMany - before).toBeLessThan(60e6);
  });
  it('the parsed-document caches are bounded in bytes: 350 token-dense anonymous documents that fail validation and 300 wide signed-in ones stay under the bound', async () => {
    // Each anonymous document is ~3.8 KB but ~1,900 tokens (an unused variable with a long list default):
    // its AST is ~0.55 MB, and Mercurius keeps documents that failed validation too. 256 of them
    // (the old entry bound) held ~140 MB.
    const gc = runInNewContext('gc') as () => void;
    const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
    const dense = (i: number) => `query Q${i}($x: [Int] = [${'0 '.repeat(1900)}]) { __typename }`;
    // Signed-in, padded with a comment in Chinese (two bytes a character in memory, three in the body):
    // ~40 KB each, 256 of them ~10 MB.
    const wide = (i: number) => `# ${i} ${'码'.repeat(20_000)}\n{ categories { code } }`;
    const run = async (n: number, make: (i: number) => string, headers: Record<string, string>) => {
      const statuses: Record<number, number> = {};
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < n) {
          const res = await post(t.url, JSON.stringify({ query: make(next++) }), headers);
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }));
      return statuses;
    };
    const before = heap();
    expect(await run(350, dense, {})).toEqual({ 200: 350 });
    const afterDense = heap();
    expect(await run(300, wide, { authorization: `Bearer ${w.staffA.token}` })).toEqual({ 200: 300 });
    const afterWide = heap();
    const mb = (b: number) => Math.round(b / 1e5) / 10;
    console.log(`heap: ${mb(before)} MB → ${mb(afterDense)} MB after 350 dense anonymous documents → ${mb(afterWide)} MB after 300 wide signed-in ones`);
    expect(afterDense - before).toBeLessThan(2.5 * GRAPHQL_LIMITS.documentCacheBytes);
    expect(afterWide - before).toBeLessThan(4 * GRAPHQL_LIMITS.documentCacheBytes);
    const caches = t.app.get(DocumentCaches);
    console.log(`document caches: ${caches.sizes().map(mb).join(' MB, ')} MB estimated, ${caches.entries().join(', ')} entries`);
    for (const bytes of caches.sizes()) expect(bytes).toBeLessThanOrEqual(GRAPHQL_LIMITS.documentCacheBytes);
  });
});
