import { readFileSync } from 'node:fs';
import { SCHEMA_FILE, schemaText } from '../src/graphql/print-schema';
import { startTestApp, type TestApp } from './support/test-app';

describe('the committed GraphQL schema', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('matches the resolvers (run `pnpm --filter @msb/bff schema:print` after changing the API)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText(t.app));
  });
});
