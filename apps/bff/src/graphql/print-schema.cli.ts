import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config/app-config';
import { prepareDatabase } from '../database/database-bootstrap';
import { createApp } from '../app.factory';
import { SCHEMA_FILE, schemaText } from './print-schema';

async function main() {
  const config = loadConfig();
  await prepareDatabase(config, () => undefined);
  const app = await createApp(config, { logger: ['error'] });
  await app.init();
  writeFileSync(SCHEMA_FILE, schemaText(app));
  await app.close();
  console.log(`wrote ${SCHEMA_FILE}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
