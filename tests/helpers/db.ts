// Test files reach the run's shared, already-migrated database through these helpers.
//
//   const t = useTestDatabase();          // at the top of a test file (or describe block)
//   it('...', async () => { await t.prisma.user.findMany(); await db().user.count(); });
//
// Tests never truncate: each creates its own rows (tests/factories) with unique values.
import { afterAll, beforeAll, inject } from 'vitest';
import type pg from 'pg';
import { connectDatabase, setDatabase, type Database, type Db } from '../../src/db/client.js';
import { POOL_SIZE, type DatabaseKind } from './database-url.js';

/** Connection string of the migrated test database (set up by tests/helpers/global-setup.ts). */
export function testDatabaseUrl(): string {
  const url = inject('testDatabaseUrl');
  if (!url) throw new Error('No test database: is tests/helpers/global-setup.ts in this vitest project?');
  return url;
}

export function testDatabaseKind(): DatabaseKind {
  return inject('testDatabaseKind');
}

/**
 * True on embedded PGlite: one connection, so "concurrent" work is serialized by the pool.
 * Concurrency tests must still pass there; they just prove less.
 */
export function isPglite(): boolean {
  return testDatabaseKind() === 'pglite';
}

/** Pool size a test process may use: 1 on PGlite, 5 on PostgreSQL. */
export function testPoolSize(): number {
  return POOL_SIZE[testDatabaseKind()];
}

/**
 * A new connection (pool + Prisma client) to the test database. The caller closes it. On PGlite
 * only one connection can be open at a time, so prefer useTestDatabase(), which shares one.
 */
export function connectTestDatabase(options: { onQuery?: (sql: string) => void } = {}): Database {
  return connectDatabase({ url: testDatabaseUrl(), maxConnections: testPoolSize(), ...options });
}

export interface TestDatabase {
  readonly database: Database;
  readonly prisma: Db;
  readonly pool: pg.Pool;
  readonly url: string;
  readonly isPglite: boolean;
}

// One connection per test file, however many describe blocks call useTestDatabase().
let shared: Database | undefined;
let users = 0;

/**
 * Registers beforeAll/afterAll hooks that connect to the test database and make it the
 * process-wide database the services use (setDatabase), then close it after the file.
 * The returned object's getters work inside tests and hooks (after beforeAll has run).
 */
export function useTestDatabase(): TestDatabase {
  beforeAll(() => {
    users += 1;
    if (!shared) {
      shared = connectTestDatabase();
      setDatabase(shared);
    }
  });
  afterAll(async () => {
    users -= 1;
    if (users === 0 && shared) {
      const closing = shared;
      shared = undefined;
      setDatabase(undefined);
      await closing.close();
    }
  });
  const current = (): Database => {
    if (!shared) throw new Error('useTestDatabase(): the database is only available inside tests and hooks');
    return shared;
  };
  return {
    get database() {
      return current();
    },
    get prisma() {
      return current().prisma;
    },
    get pool() {
      return current().pool;
    },
    get url() {
      return testDatabaseUrl();
    },
    get isPglite() {
      return isPglite();
    },
  };
}
