import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { AppConfig } from '../../src/config/app-config';
import { Clock } from '../../src/common/clock';
import { testConfig } from './test-env';

/** A clock tests can move. */
export class TestClock extends Clock {
  constructor(private t = new Date()) {
    super();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(d: Date) {
    this.t = d;
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface GqlResult<T = any> {
  data: T | null;
  errors?: { message: string; extensions: { code: string; [k: string]: unknown } }[];
}

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  ds: DataSource;
  clock: TestClock;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/** Boots the real BFF on a random port, against the worker's MariaDB database and Redis db. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, clock = new TestClock()): Promise<TestApp> {
  const config = testConfig(env);
  const app = await createApp(config, { clock, logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const base = url.replace('[::1]', '127.0.0.1');
  return {
    app, url: base, config, clock,
    ds: app.get<DataSource>(getDataSourceToken()),
    async gql(query, variables, token) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult;
    },
    close: () => app.close(),
  };
}

/** Fails with the errors' text when a GraphQL call did not succeed; returns data. */
export function ok<T>(r: GqlResult<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** The error code of a failed call (the first error). */
export function codeOf(r: GqlResult): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}
