import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../config/app-config';
import { checkRedis, ServiceUnreachableError } from '../database/database-bootstrap';
import { AppModule } from '../app.module';
import { FiguresRollup } from './figures-rollup.service';

/**
 * `pnpm --filter @msb/bff figures:check [--repair]`: recomputes every ticket's figures from its events and
 * compares them with the stored facts and roll-up; prints the differences (exit 1 when there are any).
 * Run it on a quiet system: a ticket changing mid-check shows as a difference. `--repair` rewrites them.
 */
async function main() {
  const config = { ...loadConfig(), runWorkers: false };
  await checkRedis(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const report = await app.get(FiguresRollup).check({ repair: process.argv.includes('--repair') });
    console.log(`${report.tickets} tickets checked: ${report.factDifferences} ticket facts, ${report.rollupDifferences} roll-up rows and ${report.backlogDifferences} backlog rows differ from the events`);
    for (const d of report.details) console.log(`  ${d}`);
    process.exitCode = report.factDifferences || report.rollupDifferences || report.backlogDifferences ? 1 : 0;
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof ServiceUnreachableError || e instanceof ConfigError ? `\n${e.message}\n` : e);
  process.exit(1);
});
