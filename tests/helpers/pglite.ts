// The embedded PGlite for test runs without TEST_DATABASE_URL: the same setup as
// src/db/embedded.ts (in memory, served by pglite-socket on a loopback port) with one difference.
//
// src/db/embedded.ts leaves PGLiteSocketServer at its default of maxConnections: 1. pg-pool
// discards a client whose query failed (pool.query -> release(err)), which Prisma's adapter-pg does
// for every non-transactional query, and opens a new connection for the next query before the
// server has noticed the old one closing: the server refuses it and that query fails with
// "Connection terminated unexpectedly". So after any SQL error (a unique violation the app turns
// into a form message, say) the next query fails. A few spare server connections absorb that
// hand-over; the test pools still use a single connection (POOL_SIZE.pglite), and pglite-socket
// serializes queries (and keeps transactions together) across connections anyway.
// Once src/db/embedded.ts allows more than one connection, the global setup can use
// startEmbeddedPostgres() instead.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { EmbeddedPostgres } from '../../src/db/embedded.js';

export async function startTestPglite(maxConnections = 4): Promise<EmbeddedPostgres> {
  const db = await PGlite.create('memory://');
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections });
  await server.start();
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
