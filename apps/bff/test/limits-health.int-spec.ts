/**
 * Abusive queries are refused with a typed error before they run; health endpoints for orchestration.
 */
import type Redis from 'ioredis';
import { MAX_QUERY_COST, MAX_QUERY_DEPTH } from '../src/app.module';
import { REDIS } from '../src/redis/redis.module';
import { codeOf, ok, startTestApp, type TestApp } from './support/test-app';
import { buildWorld, fileTicket, type World } from './support/world';

describe('query limits and health', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    await fileTicket(t, w.ownerA, w.qrA);
  });
  afterAll(() => t.close());

  describe('query depth and cost', () => {
    /** `inbox { nodes { … on Ticket { … on Ticket { id } } } }`: each inline fragment is one more level. */
    const nested = (depth: number) => `{ inbox { nodes { ${'... on Ticket { '.repeat(depth - 3)}id${' }'.repeat(depth - 3)} } } }`;

    it(`a query deeper than ${MAX_QUERY_DEPTH} levels is refused as BAD_USER_INPUT (QUERY_TOO_DEEP)`, async () => {
      const introspection = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }';
      for (const q of [nested(MAX_QUERY_DEPTH + 1), introspection]) {
        const r = await t.gql(q, undefined, w.staffA.token);
        expect({ code: codeOf(r), reason: r.errors?.[0].extensions.reason }).toEqual({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP' });
        expect(r.data).toBeNull();
      }
    });

    it('a query at the depth limit runs', async () => {
      expect(ok(await t.gql(nested(MAX_QUERY_DEPTH), undefined, w.staffA.token)).inbox.nodes.length).toBeGreaterThan(0);
    });

    it(`a query costing more than ${MAX_QUERY_COST} is refused as BAD_USER_INPUT (QUERY_TOO_COMPLEX), with its cost`, async () => {
      const heavy = `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: inbox(first: 50) { nodes { id number status timeline { id action note attachments { id url } } attachments { id } } }`).join(' ')} }`;
      const r = await t.gql(heavy, undefined, w.staffA.token);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX', maxCost: MAX_QUERY_COST });
      expect(Number(r.errors![0].extensions.cost)).toBeGreaterThan(MAX_QUERY_COST);
    });

    it('aliases and fragments cannot hide the cost', async () => {
      const frag = 'fragment T on Ticket { id timeline { id attachments { id } } attachments { id } complex { id } }';
      const q = `${frag} { ${Array.from({ length: 12 }, (_, i) => `a${i}: inbox(first: 50) { nodes { ...T } }`).join(' ')} }`;
      expect(codeOf(await t.gql(q, undefined, w.staffA.token))).toBe('BAD_USER_INPUT');
    });

    it('the validation errors are reported one by one with their own message', async () => {
      const r = await t.gql('{ me { nope } ticket(id: 1) { alsoNope } }', undefined, w.staffA.token);
      expect(r.errors!.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/nope.*alsoNope/);
    });

    it('a malformed request body is BAD_USER_INPUT, not an internal error', async () => {
      const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('health', () => {
    it('/health/live answers while the process runs', async () => {
      const res = await fetch(`${t.url}/health/live`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('/health/ready reports MariaDB and Redis up', async () => {
      const res = await fetch(`${t.url}/health/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    });

    it('/health/ready answers 503 naming the dependency that is down, and recovers', async () => {
      // The app's own Redis client drops its connection (as when Redis goes away); liveness is unaffected.
      const redis = t.app.get<Redis>(REDIS);
      redis.disconnect();
      try {
        const res = await fetch(`${t.url}/health/ready`);
        expect(res.status).toBe(503);
        const body = (await res.json()) as { status: string; db: string; redis: string };
        expect(body).toMatchObject({ status: 'unavailable', db: 'up' });
        expect(body.redis).toMatch(/^down/);
        expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
      } finally {
        await redis.connect();
      }
      expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);
    });
  });
});

