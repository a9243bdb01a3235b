// Runs once per `vitest run` in the main process, before any worker starts: prepares one migrated
// database and hands its URL to the test files (inject('testDatabaseUrl')).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { externalTestDatabase, redactUrl, type DatabaseKind } from './database-url.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Several projects (db, db-global) share one prepared database per run: the first prepares it,
  // the others reuse it (same main process).
  const prepared = process.env.TEST_DATABASE_URL_RESOLVED;
  if (prepared && process.env.TEST_DATABASE_KIND) {
    project.provide('testDatabaseUrl', prepared);
    project.provide('testDatabaseKind', process.env.TEST_DATABASE_KIND as DatabaseKind);
    return async () => undefined;
  }
  const external = externalTestDatabase();
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  let kind: DatabaseKind;

  // Two runs against one PostgreSQL database would drop each other's tables: a session-level
  // advisory lock, held on its own connection until teardown, makes a second run wait its turn.
  let runLock: pg.Client | undefined;
  if (external) {
    url = external.url;
    kind = 'postgres';
    runLock = await acquireRunLock(url);
  } else {
    embedded = await startEmbeddedPostgres();
    url = embedded.url;
    kind = 'pglite';
  }

  // One short-lived connection, closed before the first test file connects (PGlite is meant to
  // serve one connection at a time).
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  try {
    if (kind === 'postgres') {
      // The test database is disposable: start every run from an empty schema so the migrations
      // themselves are exercised, not just the tables a previous run left behind.
      await pool.query('DROP SCHEMA IF EXISTS public CASCADE');
      await pool.query('CREATE SCHEMA public');
    }
    const started = Date.now();
    const result = await migrate(pool);
    const where = kind === 'pglite' ? 'embedded PGlite (in memory)' : `${redactUrl(url)} (${external?.source})`;
    console.log(`[test db] ${where}: applied ${result.applied.length} migration(s) in ${Date.now() - started} ms`);
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    await runLock?.end().catch(() => undefined);
    throw err;
  }
  await pool.end();

  project.provide('testDatabaseUrl', url);
  project.provide('testDatabaseKind', kind);
  // For code that reads the environment instead of inject() (child processes, CLI tests).
  process.env.TEST_DATABASE_URL_RESOLVED = url;
  process.env.TEST_DATABASE_KIND = kind;

  return async () => {
    await embedded?.stop();
    await runLock?.end(); // ending the session releases the lock
  };
}

const RUN_LOCK_ID = 72707370;

async function acquireRunLock(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [RUN_LOCK_ID]);
  if (!rows[0]?.ok) {
    console.log('[test db] another test run is using this database; waiting for it to finish...');
    await client.query('SELECT pg_advisory_lock($1)', [RUN_LOCK_ID]);
  }
  return client;
}
