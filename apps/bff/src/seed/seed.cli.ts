import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { checkRedis, prepareDatabase, ServiceUnreachableError } from '../database/database-bootstrap';
import { AppModule } from '../app.module';
import { DEMO_PASSWORD, isEmpty, seedDemo } from './demo-seed';

/** `seed` fills an empty database with demo data; `seed --if-empty` does nothing on a seeded one. */
async function main() {
  const config = loadConfig();
  await checkRedis(config);
  await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const ds = app.get<DataSource>(getDataSourceToken());
    if (!(await isEmpty(ds))) {
      console.log(process.argv.includes('--if-empty') ? 'demo data already present' : 'database already has data; seed runs only on an empty database (drop it first)');
      return;
    }
    const r = await seedDemo(app);
    console.log(`\n演示数据已写入：${r.tickets} 张工单\n\n账号（工作人员密码均为 ${DEMO_PASSWORD}；业主用短信验证码，开发模式下验证码打印在服务日志里）：`);
    for (const a of r.accounts) console.log(`  ${a.phone}  ${a.name}（${a.role}，${a.scope}）`);
    console.log('\n各出入口二维码链接：');
    for (const q of r.qrLinks) console.log(`  ${q.complex} ${q.spot}: ${q.link}`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof ServiceUnreachableError || e instanceof ConfigError ? `\n${e.message}\n` : e);
  process.exit(1);
});
