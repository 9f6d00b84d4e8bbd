import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../../config/app-config';
import { checkRedis, prepareDatabase, ServiceUnreachableError } from '../../database/database-bootstrap';
import { AppModule } from '../../app.module';
import { PostersService } from './posters.service';

/**
 * `pnpm --filter @msb/bff posters [--out dir]`: A4 and A5 posters (one page per gate/spot) and a sticker
 * sheet for every complex into `dir` (default ./posters). Read-only: the codes printed are the current ones.
 */
async function main() {
  const i = process.argv.indexOf('--out');
  const out = resolve(i >= 0 ? process.argv[i + 1] : 'posters');
  const config = loadConfig();
  await checkRedis(config);
  await prepareDatabase(config, () => {});
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const posters = app.get(PostersService);
    mkdirSync(out, { recursive: true });
    const ids = await posters.complexIds();
    for (const id of ids) {
      for (const f of [await posters.complexPosters(null, id, 'A4'), await posters.complexPosters(null, id, 'A5'), await posters.complexStickers(null, id)]) {
        const file = join(out, `${f.name.replace(/[\\/:*?"<>|\s]/g, '_')}.pdf`);
        writeFileSync(file, f.pdf);
        console.log(`${file}  ${Math.round(f.pdf.length / 1024)} KB`);
      }
    }
    console.log(`${ids.length} 个小区的海报已写入 ${out}`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof ServiceUnreachableError || e instanceof ConfigError ? `\n${e.message}\n` : e);
  process.exit(1);
});
