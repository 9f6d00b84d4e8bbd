import { ConfigError, int } from './config-parse';

export interface S3Settings {
  /** What the BFF talks to (inside the network) and what phones are sent to (presigned URLs); the same unless a proxy is in between. */
  endpoint: string;
  publicEndpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), as self-hosted S3 servers want; `S3_FORCE_PATH_STYLE=false` for virtual-hosted. */
  forcePathStyle: boolean;
}

/**
 * Where photo bytes live: `local` (under uploadsDir, one machine) or `s3` (any S3-compatible store, shared by
 * every BFF). Photo links are signed and live `urlTtlSeconds`; direct uploads (s3 only) may be posted for `uploadTtlSeconds`.
 */
export interface MediaSettings {
  storage: 'local' | 's3';
  urlTtlSeconds: number;
  uploadTtlSeconds: number;
  s3: S3Settings | null;
}

export function mediaSettings(env: NodeJS.ProcessEnv): MediaSettings {
  const storage = env.MEDIA_STORAGE || 'local';
  if (storage !== 'local' && storage !== 's3') throw new ConfigError(`MEDIA_STORAGE must be local or s3, got "${storage}"`);
  const urlTtlSeconds = Math.max(30, int('MEDIA_URL_TTL_SECONDS', env.MEDIA_URL_TTL_SECONDS, 600));
  const uploadTtlSeconds = Math.max(30, int('MEDIA_UPLOAD_TTL_SECONDS', env.MEDIA_UPLOAD_TTL_SECONDS, 600));
  if (storage === 'local') return { storage, urlTtlSeconds, uploadTtlSeconds, s3: null };
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new ConfigError(`${name} must be set when MEDIA_STORAGE=s3`);
    return v;
  };
  const endpoint = need('S3_ENDPOINT').replace(/\/$/, '');
  return {
    storage, urlTtlSeconds, uploadTtlSeconds,
    s3: {
      endpoint,
      publicEndpoint: (env.S3_PUBLIC_ENDPOINT || endpoint).replace(/\/$/, ''),
      region: env.S3_REGION || 'us-east-1',
      bucket: need('S3_BUCKET'),
      accessKeyId: need('S3_ACCESS_KEY_ID'),
      secretAccessKey: need('S3_SECRET_ACCESS_KEY'),
      forcePathStyle: (env.S3_FORCE_PATH_STYLE ?? 'true') !== 'false',
    },
  };
}

