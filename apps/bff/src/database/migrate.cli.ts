import { loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { prepareDatabase, ServiceUnreachableError } from './database-bootstrap';

/** `migrate` (up, default) or `migrate down` (reverts the last migration). */
async function main() {
  const config = loadConfig();
  if (process.argv[2] === 'down') {
    const ds = createDataSource(config);
    await ds.initialize();
    await ds.undoLastMigration({ transaction: 'each' });
    await ds.destroy();
    console.log('reverted the last migration');
    return;
  }
  await prepareDatabase(config);
  console.log(`database ${config.db.database} is up to date`);
}

main().catch((e) => {
  console.error(e instanceof ServiceUnreachableError ? e.message : e);
  process.exit(1);
});
