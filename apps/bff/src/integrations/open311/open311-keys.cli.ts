import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../../config/app-config';
import { prepareDatabase, ServiceUnreachableError } from '../../database/database-bootstrap';
import { AppModule } from '../../app.module';
import { Open311Keys } from './open311-keys';

const USAGE = `usage: pnpm --filter @msb/bff open311:keys issue "<client name>" [requests per minute, default 60]
       pnpm --filter @msb/bff open311:keys list
       pnpm --filter @msb/bff open311:keys revoke <id>`;

/** Admin tool: issue, list and revoke Open311 api keys (one per client; the key is printed once). */
async function main() {
  const [cmd, a, b] = process.argv.slice(2);
  if (!cmd || !['issue', 'list', 'revoke'].includes(cmd)) throw new ConfigError(USAGE);
  const config = loadConfig();
  await prepareDatabase(config, () => undefined);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, runWorkers: false }), { logger: ['error', 'warn'] });
  try {
    const open311 = app.get(Open311Keys);
    if (cmd === 'issue') {
      if (!a) throw new ConfigError(USAGE);
      const r = await open311.issueKey(a, b === undefined ? undefined : Number(b));
      console.log(`client ${r.id} (${a}): api_key=${r.key}\nThe key is shown only now; store it with the client.`);
    } else if (cmd === 'list') {
      for (const k of await open311.listKeys()) console.log(`${k.id}\t${k.name}\t${k.keyHint}…\t${k.ratePerMinute}/min\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}`);
    } else {
      if (!a || !/^\d+$/.test(a)) throw new ConfigError(USAGE);
      console.log((await open311.revokeKey(Number(a))) ? `client ${a} revoked` : `no active client ${a}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof ServiceUnreachableError || e instanceof ConfigError ? `\n${e.message}\n` : e);
  process.exit(1);
});
