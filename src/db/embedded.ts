// The embedded default: PGlite (PostgreSQL compiled to WASM) with its data in a folder, served
// on a loopback port by pglite-socket. The app then talks to it exactly as to a real server
// (pg.Pool, @prisma/adapter-pg, connect-pg-simple, our migration runner); only the URL differs.
// PGlite is single-connection, so the pool in front of it is limited to one client. The server
// still accepts a few connections: pg-pool discards a client after a failed query and connects
// anew before the server has seen the old socket close; with a limit of one, that reconnect is
// refused and the query after any SQL error would fail. pglite-socket runs queries one at a time
// and keeps a transaction on its connection, so the spare connections only cover that hand-over.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
// Trigram search indexes (the admin lists' "contains" searches) need pg_trgm, which PGlite ships
// as a separately loaded extension.
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** dataDir undefined => in memory (tests). port 0 => any free port. */
export async function startEmbeddedPostgres(dataDir?: string, port = 0): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  // getServerConn() answers "host:port" with the port the OS assigned.
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
