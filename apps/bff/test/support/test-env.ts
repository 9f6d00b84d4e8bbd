import { loadConfig, type AppConfig } from '../../src/config/app-config';

/** One database (and Redis db) per Jest worker, so files in different workers never share state. */
export function workerDbName(): string {
  return `${process.env.MSB_TEST_DB_PREFIX ?? 'msb_test'}_${process.env.JEST_WORKER_ID ?? '1'}`;
}

/** Redis db for this worker; MSB_TEST_REDIS_DB_BASE lets two test runs on one machine keep apart. */
export function workerRedisDb(): number {
  return (Number(process.env.MSB_TEST_REDIS_DB_BASE ?? 0) + Number(process.env.JEST_WORKER_ID ?? '1')) % 16;
}

export function testConfig(overrides: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
    DB_PORT: process.env.DB_PORT ?? '3306',
    DB_USER: process.env.DB_USER ?? 'root',
    DB_PASSWORD: process.env.DB_PASSWORD ?? '',
    DB_NAME: workerDbName(),
    DB_POOL_SIZE: '10',
    // Production fails a request UNAVAILABLE after 5 s without a pooled connection; the test machine's two cores
    // run a whole suite at once, so a burst may wait longer here. db-outage.int-spec tests the bound itself.
    DB_ACQUIRE_TIMEOUT_MS: '20000',
    REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
    REDIS_PORT: process.env.REDIS_PORT ?? '6379',
    REDIS_DB: String(workerRedisDb()),
    UPLOADS_DIR: `/tmp/msb-test-uploads-${workerDbName()}`,
    QR_KEYS: 'k0:old-test-key,k1:test-qr-key',
    QR_ACTIVE_KID: 'k1',
    RUN_WORKERS: 'false',
    PUBLIC_BASE_URL: 'http://test.local',
    ...overrides,
  });
}
