import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { checkRedis, prepareDatabase, ServiceUnreachableError } from '../database/database-bootstrap';
import { AppModule } from '../app.module';
import { AdminPeopleService } from './admin-people.service';

const USAGE = 'usage: pnpm --filter @msb/bff admin:create --phone 13800000000 --name 张三 [--password <8+ chars, letters and digits>]';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/**
 * Creates a city/bureau administrator (role ADMIN, every place) — the first account of an empty database,
 * from which everything else is set up on the admin screens. Migrates the database first. Without
 * --password a random one is generated and printed once. The change is on the audit trail like any other.
 */
async function main() {
  const phone = arg('phone');
  const name = arg('name');
  if (!phone || !name) {
    console.error(USAGE);
    process.exit(2);
  }
  const given = arg('password');
  const password = given ?? `Msb${randomBytes(6).toString('base64url')}9`;
  const config = loadConfig();
  await checkRedis(config);
  await prepareDatabase(config, () => {});
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const r = await app.get(AdminPeopleService).createBureauAdmin(phone, name, password);
    console.log(`${r.created ? '已创建' : '已更新'}住建局管理员 ${name}（${phone}），账号 id ${r.userId}`);
    if (!given) console.log(`初始密码（只显示这一次）：${password}`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  if (e instanceof DomainError) console.error(`\n${e.message}${e.details?.field ? `（${e.details.field}）` : ''}\n`);
  else console.error(e instanceof ServiceUnreachableError || e instanceof ConfigError ? `\n${e.message}\n` : e);
  process.exit(1);
});
