import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { checkRedis, prepareDatabase, ServiceUnreachableError } from './database/database-bootstrap';
import { createApp } from './app.factory';

async function main() {
  const config = loadConfig();
  // Redis only wakes things up: without it the BFF serves from MySQL (not ready) and connects when it comes.
  await checkRedis(config).catch((e) => console.warn(`${e.message}\nStarting anyway: /health/ready answers 503 until Redis is reached; wake-ups catch up then.`));
  await prepareDatabase(config);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  console.log(`码上办 BFF listening on ${config.publicBaseUrl} (GraphQL at /graphql)`);
}

main().catch((e) => {
  if (e instanceof ServiceUnreachableError || e instanceof ConfigError) {
    console.error(`\n${e.message}\n`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
