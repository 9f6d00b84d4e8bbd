import { ConfigError, int } from './config-parse';
import { mediaSettings, type MediaSettings } from './media-settings';

export { ConfigError };
export type { MediaSettings, S3Settings } from './media-settings';

/**
 * The one place that reads process.env. Everything else receives an AppConfig.
 * Every variable is listed in the README's configuration table.
 */
export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly publicBaseUrl: string;
  readonly db: {
    host: string; port: number; user: string; password: string; database: string; poolSize: number;
    /** Opening a connection, waiting for a pooled one, and one query may take this long before the request fails UNAVAILABLE. */
    connectTimeoutMs: number; acquireTimeoutMs: number; queryTimeoutMs: number;
    /** Read replicas (same user, password and database) for figures, exports and 公示; a failed one is retried after `replicaRetryMs`. */
    replicas: { host: string; port: number }[]; replicaRetryMs: number;
  };
  /** One Redis, or a Redis Cluster when `cluster` names its seed nodes (then `db` is 0 and host/port are unused). */
  readonly redis: { host: string; port: number; password?: string; db: number; cluster: { host: string; port: number }[] | null };
  readonly jwt: { secret: string; ttlSeconds: number };
  readonly qr: { keys: Record<string, string>; activeKid: string };
  readonly wechat: { appId: string; appSecret: string; apiBase: string };
  /** WeChat subscribe messages (订阅消息) to owners; a template left empty turns that message off. */
  readonly wechatNotify: {
    templates: { accepted: string; resolved: string; ratingDue: string };
    /** `formal`, `trial` or `developer`: which mini-program build the message opens. */
    miniprogramState: 'formal' | 'trial' | 'developer';
    attempts: number;
    backoffMs: number;
  };
  readonly sms: { apiBase: string | null; apiKey: string };
  readonly uploadsDir: string;
  readonly media: MediaSettings;
  /** Operator's view: JSON log level, the bearer token /metrics asks for (empty: none), the SIGTERM drain bound. */
  readonly ops: { logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'; metricsToken: string; shutdownTimeoutMs: number };
  /** Photos per uploader per Shanghai day, by count and stored bytes; unused photos expire after `unusedHours`. */
  readonly uploads: { dailyCount: number; dailyBytes: number; unusedHours: number; sweepIntervalMs: number };
  readonly h5Dir: string | null;
  /** Figure exports: where files are written, how many ticket rows are still made inline (no queue), how long a file is kept. */
  readonly exports: { dir: string; inlineMaxRows: number; ttlHours: number };
  readonly runWorkers: boolean;
  /** SLA engine: wake-up workers and the reconciler (see sla/). */
  readonly sla: {
    readonly workerConcurrency: number;
    readonly lockDurationMs: number;
    readonly stalledIntervalMs: number;
    /** 0 turns the reconciler off (benchmarks only: nothing then restores lost wake-ups). */
    readonly reconcileIntervalMs: number;
    /** A wake-up this late is handled by the reconciler itself (Redis lost it, or no worker got to it). */
    readonly reconcileGraceMs: number;
    /** Each reconcile pass re-creates missing wake-ups due within this horizon (all of them after a Redis data loss). */
    readonly reconcileHorizonMs: number;
    /** Completed wake-up jobs are kept this long (seconds), failed ones 7 days. */
    readonly keepCompletedSeconds: number;
    /** Due clocks one wake-up may fire in its transaction (0: one at a time). */
    readonly fireBatch: number;
  };
  readonly login: { maxFailures: number; lockMinutes: number };
  /** SMS login codes sent per hour by this deployment, everyone together. */
  readonly smsHourlyCap: number;
  /** Seconds before the same phone may be sent another sign-in code. */
  readonly smsResendSeconds: number;
  /** Which proxies' X-Forwarded-For is believed for the client address (Fastify `trustProxy`). */
  readonly trustProxy: string | boolean;
  /** Origins allowed to call the API from a browser (CORS); '*' any (development default), [] none. */
  readonly corsOrigins: string[] | '*';
  /** Open311 GeoReport v2 under /open311/v2/: the one jurisdiction this deployment serves. */
  readonly open311: { jurisdictionId: string };
  /** The 12345 hotline link (see integrations/hotline): inbound secret, the hotline's base URL and secret, category map. */
  readonly hotline: {
    /** Secret the hotline signs its pushes with; empty turns the intake off (every push answers 401). */
    inboundSecret: string;
    /** Where our events go (`POST <base>/events`); empty: nothing is sent (rows wait in the outbox). */
    outboundBase: string | null;
    outboundSecret: string;
    /** Hotline category code (or a prefix of it) → our category code; longest prefix wins, OTHER when none. */
    categoryMap: Record<string, string>;
  };
}

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
const DEV_QR_KEYS = 'k1:dev-only-qr-key-change-me';

const DEV_MARKERS = /dev-only|change-me|changeme|example|secret-here|^test|^dev/i;

/** At least 32 characters, at least 12 different ones, and no development marker (36 × "a" is not a secret). */
export function strongSecret(s: string): boolean {
  return s.length >= 32 && new Set(s).size >= 12 && !DEV_MARKERS.test(s);
}

function parseKeys(raw: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0 || i === part.length - 1) throw new ConfigError(`QR_KEYS entries must be kid:secret, got "${part}"`);
    keys[part.slice(0, i)] = part.slice(i + 1);
  }
  if (Object.keys(keys).length === 0) throw new ConfigError('QR_KEYS must name at least one key');
  return keys;
}

function miniprogramState(raw: string | undefined): AppConfig['wechatNotify']['miniprogramState'] {
  const v = raw || 'formal';
  if (v !== 'formal' && v !== 'trial' && v !== 'developer') throw new ConfigError(`WECHAT_MINIPROGRAM_STATE must be formal, trial or developer, got "${raw}"`);
  return v;
}

/**
 * `HOTLINE_CATEGORY_MAP`: `hotlineCode=OUR_CODE,…` on top of the defaults (the 12345 物业管理 branch as Jinan
 * publishes it: 0105 物业服务 …).
 */
export const DEFAULT_HOTLINE_CATEGORY_MAP: Readonly<Record<string, string>> = {
  '0105': 'SERVICE_QUALITY', '010501': 'PARKING', '010502': 'ELEVATOR', '010503': 'FACILITIES', '010504': 'ACCESS_CONTROL',
  '010505': 'FEE_CHANGE', '010506': 'ROAD_REPAIR', '010507': 'CLUTTER', '010508': 'CLEANING_GREENING', '010509': 'FLOOD_SNOW',
};

function parseCategoryMap(raw: string | undefined): Record<string, string> {
  const map: Record<string, string> = { ...DEFAULT_HOTLINE_CATEGORY_MAP };
  for (const part of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([0-9A-Za-z]{1,16})=([A-Z_]{2,32})$/.exec(part);
    if (!m) throw new ConfigError(`HOTLINE_CATEGORY_MAP entries must be hotlineCode=OUR_CODE, got "${part}"`);
    map[m[1]] = m[2];
  }
  return map;
}

/** `true`/`false`, or a comma list of addresses/CIDRs (default: a proxy on this machine only). */
function trustProxy(raw: string | undefined): string | boolean {
  const v = (raw ?? '').trim();
  if (v === '') return '127.0.0.1,::1';
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

function logLevel(raw: string | undefined): AppConfig['ops']['logLevel'] {
  const v = (raw || 'info').toLowerCase();
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(v)) throw new ConfigError(`LOG_LEVEL must be fatal, error, warn, info, debug or trace, got "${raw}"`);
  return v as AppConfig['ops']['logLevel'];
}

/** `host:port,host` lists (DB_REPLICAS, REDIS_CLUSTER_NODES); a bare host takes `dfltPort`. */
function hostPorts(name: string, raw: string | undefined, dfltPort?: number): { host: string; port: number }[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((p) => {
    const m = /^([^\s:]+)(?::(\d{1,5}))?$/.exec(p);
    if (!m || (!m[2] && dfltPort === undefined)) throw new ConfigError(`${name} entries must be host:port, got "${p}"`);
    return { host: m[1], port: Number(m[2] ?? dfltPort) };
  });
}

/** `REDIS_CLUSTER_NODES=host:port,host:port`: seed nodes of a Redis Cluster (any few of its primaries). */
function clusterNodes(raw: string | undefined, db: string | undefined): AppConfig['redis']['cluster'] {
  const nodes = hostPorts('REDIS_CLUSTER_NODES', raw);
  if (nodes.length === 0) return null;
  if (db && db !== '0') throw new ConfigError('REDIS_DB must be 0 (or unset) with REDIS_CLUSTER_NODES: a cluster has only db 0');
  return nodes;
}

/** 0 (off) or at least 100 ms. */
function reconcileInterval(ms: number): number {
  return ms === 0 ? 0 : Math.max(100, ms);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  if (!['development', 'test', 'production'].includes(mode)) throw new ConfigError(`NODE_ENV must be development, test or production`);
  // An empty value is an unset one (`JWT_SECRET=` in an env file), not an empty key.
  const jwtSecret = env.JWT_SECRET || DEV_JWT_SECRET;
  const qrKeysRaw = env.QR_KEYS || DEV_QR_KEYS;
  const keys = parseKeys(qrKeysRaw);
  const activeKid = env.QR_ACTIVE_KID || Object.keys(keys)[Object.keys(keys).length - 1];
  if (!keys[activeKid]) throw new ConfigError(`QR_ACTIVE_KID "${activeKid}" is not in QR_KEYS`);
  if (mode === 'production') {
    if (!env.JWT_SECRET || !strongSecret(jwtSecret))
      throw new ConfigError('JWT_SECRET must be set to a random secret of at least 32 characters (not a development value) in production');
    if (!env.QR_KEYS || qrKeysRaw === DEV_QR_KEYS || Object.values(keys).some((k) => !strongSecret(k)))
      throw new ConfigError('QR_KEYS must be set to random keys of at least 32 characters (not development values) in production');
    if (!env.WECHAT_APP_SECRET || DEV_MARKERS.test(env.WECHAT_APP_SECRET) || env.WECHAT_APP_SECRET === 'wx-dev-secret')
      throw new ConfigError('WECHAT_APP_SECRET must be set to the mini-program\'s AppSecret in production');
    if (env.HOTLINE_INBOUND_SECRET && !strongSecret(env.HOTLINE_INBOUND_SECRET)) throw new ConfigError('HOTLINE_INBOUND_SECRET must be a random secret of at least 32 characters in production');
  }
  const port = int('PORT', env.PORT, 3000);
  return {
    env: mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    db: {
      host: env.DB_HOST ?? '127.0.0.1',
      port: int('DB_PORT', env.DB_PORT, 3306),
      user: env.DB_USER ?? 'root',
      password: env.DB_PASSWORD ?? '',
      database: env.DB_NAME ?? 'mashangban',
      poolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 20),
      connectTimeoutMs: Math.max(100, int('DB_CONNECT_TIMEOUT_MS', env.DB_CONNECT_TIMEOUT_MS, 3000)),
      acquireTimeoutMs: Math.max(100, int('DB_ACQUIRE_TIMEOUT_MS', env.DB_ACQUIRE_TIMEOUT_MS, 5000)),
      queryTimeoutMs: Math.max(100, int('DB_QUERY_TIMEOUT_MS', env.DB_QUERY_TIMEOUT_MS, 15_000)),
      replicas: hostPorts('DB_REPLICAS', env.DB_REPLICAS, 3306),
      replicaRetryMs: Math.max(1000, int('DB_REPLICA_RETRY_MS', env.DB_REPLICA_RETRY_MS, 10_000)),
    },
    redis: {
      host: env.REDIS_HOST ?? '127.0.0.1',
      port: int('REDIS_PORT', env.REDIS_PORT, 6379),
      password: env.REDIS_PASSWORD || undefined,
      db: int('REDIS_DB', env.REDIS_DB, 0),
      cluster: clusterNodes(env.REDIS_CLUSTER_NODES, env.REDIS_DB),
    },
    jwt: { secret: jwtSecret, ttlSeconds: int('JWT_TTL_SECONDS', env.JWT_TTL_SECONDS, 7 * 24 * 3600) },
    qr: { keys, activeKid },
    wechat: {
      appId: env.WECHAT_APP_ID ?? 'wx-dev-appid',
      appSecret: env.WECHAT_APP_SECRET ?? 'wx-dev-secret',
      apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, ''),
    },
    wechatNotify: {
      templates: {
        accepted: env.WECHAT_TEMPLATE_ACCEPTED ?? '',
        resolved: env.WECHAT_TEMPLATE_RESOLVED ?? '',
        ratingDue: env.WECHAT_TEMPLATE_RATING_DUE ?? '',
      },
      miniprogramState: miniprogramState(env.WECHAT_MINIPROGRAM_STATE),
      attempts: Math.max(1, int('WECHAT_SEND_ATTEMPTS', env.WECHAT_SEND_ATTEMPTS, 8)),
      backoffMs: int('WECHAT_SEND_BACKOFF_MS', env.WECHAT_SEND_BACKOFF_MS, 15_000),
    },
    sms: { apiBase: env.SMS_API_BASE ? env.SMS_API_BASE.replace(/\/$/, '') : null, apiKey: env.SMS_API_KEY ?? '' },
    uploadsDir: env.UPLOADS_DIR ?? '.data/uploads',
    media: mediaSettings(env),
    ops: {
      logLevel: logLevel(env.LOG_LEVEL),
      metricsToken: env.METRICS_TOKEN ?? '',
      shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 25_000),
    },
    uploads: {
      dailyCount: int('UPLOAD_DAILY_COUNT', env.UPLOAD_DAILY_COUNT, 100),
      dailyBytes: int('UPLOAD_DAILY_MB', env.UPLOAD_DAILY_MB, 200) * 1024 * 1024,
      unusedHours: Math.max(1, int('UPLOAD_UNUSED_HOURS', env.UPLOAD_UNUSED_HOURS, 24)),
      sweepIntervalMs: int('UPLOAD_SWEEP_INTERVAL_MS', env.UPLOAD_SWEEP_INTERVAL_MS, 10 * 60_000),
    },
    h5Dir: env.H5_DIR === '' ? null : (env.H5_DIR ?? null),
    exports: {
      dir: env.EXPORTS_DIR ?? '.data/exports',
      inlineMaxRows: int('EXPORT_INLINE_MAX_ROWS', env.EXPORT_INLINE_MAX_ROWS, 2000),
      ttlHours: Math.max(1, int('EXPORT_TTL_HOURS', env.EXPORT_TTL_HOURS, 24)),
    },
    runWorkers: (env.RUN_WORKERS ?? 'true') !== 'false',
    sla: {
      workerConcurrency: Math.max(1, int('SLA_WORKER_CONCURRENCY', env.SLA_WORKER_CONCURRENCY, 20)),
      lockDurationMs: Math.max(1000, int('SLA_LOCK_DURATION_MS', env.SLA_LOCK_DURATION_MS, 30_000)),
      stalledIntervalMs: Math.max(500, int('SLA_STALLED_INTERVAL_MS', env.SLA_STALLED_INTERVAL_MS, 30_000)),
      reconcileIntervalMs: reconcileInterval(int('SLA_RECONCILE_INTERVAL_MS', env.SLA_RECONCILE_INTERVAL_MS, 60_000)),
      reconcileGraceMs: int('SLA_RECONCILE_GRACE_MS', env.SLA_RECONCILE_GRACE_MS, 30_000),
      reconcileHorizonMs: int('SLA_RECONCILE_HORIZON_MS', env.SLA_RECONCILE_HORIZON_MS, 15 * 60_000),
      keepCompletedSeconds: int('SLA_KEEP_COMPLETED_SECONDS', env.SLA_KEEP_COMPLETED_SECONDS, 3600),
      fireBatch: int('SLA_FIRE_BATCH', env.SLA_FIRE_BATCH, 100),
    },
    login: { maxFailures: int('LOGIN_MAX_FAILURES', env.LOGIN_MAX_FAILURES, 5), lockMinutes: int('LOGIN_LOCK_MINUTES', env.LOGIN_LOCK_MINUTES, 15) },
    smsHourlyCap: int('SMS_HOURLY_CAP', env.SMS_HOURLY_CAP, 1000),
    smsResendSeconds: int('SMS_RESEND_SECONDS', env.SMS_RESEND_SECONDS, 60),
    trustProxy: trustProxy(env.TRUST_PROXY),
    corsOrigins: env.CORS_ORIGINS === undefined ? (mode === 'production' ? [] : '*') : env.CORS_ORIGINS.trim() === '*' ? '*' : env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    open311: { jurisdictionId: env.OPEN311_JURISDICTION_ID || 'jinan' },
    hotline: {
      inboundSecret: env.HOTLINE_INBOUND_SECRET ?? '',
      outboundBase: env.HOTLINE_OUTBOUND_BASE ? env.HOTLINE_OUTBOUND_BASE.replace(/\/$/, '') : null,
      outboundSecret: env.HOTLINE_OUTBOUND_SECRET ?? '',
      categoryMap: parseCategoryMap(env.HOTLINE_CATEGORY_MAP),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
