// One pg.Pool per process, shared by Prisma (through @prisma/adapter-pg) and the session
// store, so the embedded PGlite (single connection) and real PostgreSQL use one code path.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** The connection string, for connections outside the pool (LISTEN). */
  url: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  /** 1 for embedded PGlite, which serves one connection at a time. */
  maxConnections?: number;
  /** Called with every SQL statement Prisma issues (the benchmark counts them). */
  onQuery?: (sql: string) => void;
}

export function connectDatabase({ url, maxConnections = 10, onQuery }: DatabaseOptions): Database {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  const adapter = new PrismaPg(pool);
  const prisma = onQuery
    ? new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
    : new PrismaClient({ adapter });
  if (onQuery) {
    (prisma as unknown as { $on(e: 'query', cb: (ev: { query: string }) => void): void }).$on('query', (ev) =>
      onQuery(ev.query),
    );
  }
  return {
    prisma,
    pool,
    url,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

// The process-wide database the services use. Set once by initDb() at start-up (or by tests).
let current: Database | undefined;

export function setDatabase(database: Database | undefined): void {
  current = database;
}

export function database(): Database {
  if (!current) throw new Error('Database used before setDatabase()');
  return current;
}

/** The Prisma client the services use. */
export function db(): PrismaClient {
  return database().prisma;
}
