// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded database).
import { join } from 'node:path';
import { parseConfig } from '../config.js';
import { connectDatabase } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';

const config = parseConfig();
const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(join(config.DATA_DIR, 'pglite'));
const database = connectDatabase({ url: config.DATABASE_URL ?? embedded!.url, maxConnections: 1 });
try {
  const { applied, alreadyApplied } = await migrate(database.pool);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
  console.log(`Already applied: ${alreadyApplied.length}`);
} finally {
  await database.close();
  await embedded?.stop();
}
