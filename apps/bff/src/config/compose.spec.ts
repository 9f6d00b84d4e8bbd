import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './app-config';

/**
 * docker-compose.yml cannot be run here (no Docker engine): this checks what can be checked without one —
 * it parses, its scale profile has the topology docs/deployment.md describes, every variable it gives the
 * app is one the app reads, and the app's own config accepts each process's environment and points it at
 * the services of the file.
 */
const root = join(__dirname, '..', '..', '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };
const services = compose.services;
const configSource = ['app-config.ts', 'media-settings.ts'].map((f) => readFileSync(join(__dirname, f), 'utf8')).join('\n');

/** `${VAR:-default}` as Compose fills it from an empty environment. */
const filled = (env: Record<string, unknown>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+\}/g, '')]));

describe('docker-compose.yml', () => {
  const scaled = ['bff-1', 'bff-2', 'worker-1', 'worker-2'];

  it('has the scaled topology in its scale profile: 2 BFFs behind a proxy, 2 workers, MySQL + replica, Redis, an S3 service', () => {
    for (const s of [...scaled, 'proxy', 'mysql-replica', 'minio']) expect(services[s]?.profiles).toEqual(['scale']);
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['mysql', 'redis', 'bff']));
    const nginx = readFileSync(join(root, 'docker', 'nginx-scale.conf'), 'utf8');
    expect([...nginx.matchAll(/server (\S+):3000/g)].map((m) => m[1]).sort()).toEqual(['bff-1', 'bff-2']);
    expect(services.redis.command.join(' ')).toMatch(/--appendonly yes.*--maxmemory-policy noeviction/);
    expect(services.mysql.command.join(' ')).toMatch(/--log-bin/);
  });

  it('gives the app only variables it reads, and each process’s environment loads and points at the file’s services', () => {
    for (const name of ['bff', ...scaled]) {
      const env = filled(services[name].environment);
      for (const key of Object.keys(env)) expect([key, configSource.includes(`env.${key}`) || configSource.includes(`need('${key}')`)]).toEqual([key, true]);
      const c = loadConfig(env);
      expect(services[c.db.host]).toBeDefined();
      expect(services[c.redis.host]).toBeDefined();
      if (name === 'bff') continue;
      expect(c.runWorkers).toBe(name.startsWith('worker'));
      expect(c.db.replicas.map((r) => r.host)).toEqual(['mysql-replica']);
      expect(c.media.storage).toBe('s3');
      expect(services[new URL(c.media.s3!.endpoint).hostname]).toBeDefined();
      expect(c.media.s3!.bucket).toBe(filled(services['minio-bucket'].environment).S3_BUCKET);
      expect(c.exports.dir).toBe('/data/exports');
      expect(services[name].volumes).toContain('exports:/data/exports');
    }
    expect(services['worker-1'].command).toEqual(['node', 'apps/bff/dist/worker.js']);
  });
});
