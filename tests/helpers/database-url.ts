// Which database the test run uses. Read by vitest.config.ts (to choose file parallelism) and by
// the global setup (to prepare it); workers learn the outcome through vitest's provide/inject.
//
// - TEST_DATABASE_URL: a disposable real PostgreSQL database. The global setup drops and recreates
//   its `public` schema, so never point it at data you want to keep.
// - DATABASE_URL is used as a fallback only when its database name contains "test", so that the
//   app's own database is never wiped by `npm test`.
// - Neither: an in-memory embedded PGlite, started by the global setup (single connection, so test
//   files run one at a time).

export type DatabaseKind = 'postgres' | 'pglite';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the migrated test database. */
    testDatabaseUrl: string;
    testDatabaseKind: DatabaseKind;
  }
}

/** Connections per test-file pool: PGlite serves exactly one. */
export const POOL_SIZE: Record<DatabaseKind, number> = { postgres: 5, pglite: 1 };

export interface ExternalDatabase {
  url: string;
  source: 'TEST_DATABASE_URL' | 'DATABASE_URL';
}

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    return '';
  }
}

/** The real PostgreSQL database to test against, or undefined for embedded PGlite. */
export function externalTestDatabase(env: NodeJS.ProcessEnv = process.env): ExternalDatabase | undefined {
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL, source: 'TEST_DATABASE_URL' };
  if (env.DATABASE_URL && /test/i.test(databaseName(env.DATABASE_URL))) {
    return { url: env.DATABASE_URL, source: 'DATABASE_URL' };
  }
  return undefined;
}

/** The URL without its password, for log lines. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
