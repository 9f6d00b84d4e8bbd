import type { DataSource } from 'typeorm';

/** How long a request may wait on the database (see AppConfig.db). */
export interface DatabaseTimeouts {
  readonly acquireTimeoutMs: number;
  readonly queryTimeoutMs: number;
}

const GUARDED = Symbol('msb.guarded');

type Callback = (err: unknown, ...rest: unknown[]) => void;
interface PooledConnection {
  query(...args: unknown[]): unknown;
  release(): void;
  destroy(): void;
  [GUARDED]?: true;
}

function timeoutError(code: 'DB_ACQUIRE_TIMEOUT' | 'DB_QUERY_TIMEOUT', message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * Bounds every wait on the database, so a request fails fast (UNAVAILABLE) while MariaDB is down or
 * hung instead of waiting for the whole outage: taking a connection from the pool (mysql2 has no
 * acquire timeout: a request queued behind hung connections waited forever) and each query (mysql2's
 * own query timeout leaves the connection in the pool, where the late answer of the old query would
 * meet the next one). A query that times out destroys its connection; the pool opens a fresh one when
 * the database answers again.
 */
export function guardDataSource(ds: DataSource, t: DatabaseTimeouts): DataSource {
  type Obtain = () => Promise<PooledConnection>;
  const driver = ds.driver as unknown as { obtainMasterConnection: Obtain; obtainSlaveConnection?: Obtain; poolCluster?: unknown; [GUARDED]?: true };
  if (driver[GUARDED]) return ds;
  driver[GUARDED] = true;
  driver.obtainMasterConnection = bounded(driver.obtainMasterConnection.bind(driver), t);
  // Read replicas (DB_REPLICAS): the same bounds.
  if (driver.poolCluster && driver.obtainSlaveConnection) driver.obtainSlaveConnection = bounded(driver.obtainSlaveConnection.bind(driver), t);
  return ds;
}

function bounded(obtain: () => Promise<PooledConnection>, t: DatabaseTimeouts): () => Promise<PooledConnection> {
  return () =>
    new Promise<PooledConnection>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(timeoutError('DB_ACQUIRE_TIMEOUT', `no database connection within ${t.acquireTimeoutMs} ms`));
      }, t.acquireTimeoutMs);
      obtain().then(
        (conn) => {
          if (settled) return conn.release(); // came too late: back to the pool for the next one
          settled = true;
          clearTimeout(timer);
          resolve(guardConnection(conn, t.queryTimeoutMs));
        },
        (e) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          // mysql2 fails a refused connect with a plain object, which GraphQL would report as a "non-error".
          reject(e instanceof Error ? e : Object.assign(new Error(`database connection failed: ${(e as { code?: string })?.code ?? e}`), e));
        },
      );
    });
}

function guardConnection(conn: PooledConnection, queryTimeoutMs: number): PooledConnection {
  if (conn[GUARDED]) return conn;
  conn[GUARDED] = true;
  const query = conn.query.bind(conn);
  conn.query = (...args: unknown[]) => {
    const i = args.findIndex((a) => typeof a === 'function');
    if (i < 0) return query(...args); // streaming use: not ours
    const cb = args[i] as Callback;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      conn.destroy();
      cb(timeoutError('DB_QUERY_TIMEOUT', `the database did not answer within ${queryTimeoutMs} ms`));
    }, queryTimeoutMs);
    args[i] = (err: unknown, ...rest: unknown[]) => {
      clearTimeout(timer);
      if (!timedOut) cb(err, ...rest);
    };
    return query(...args);
  };
  return conn;
}
