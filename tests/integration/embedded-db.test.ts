// The embedded PGlite default (src/db/embedded.ts) as the app uses it: one pg.Pool client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../src/db/client.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';

describe('embedded PGlite behind pglite-socket', () => {
  let embedded: EmbeddedPostgres;
  let database: Database;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
    database = connectDatabase({ url: embedded.url, maxConnections: 1 });
    await migrate(database.pool);
  }, 60_000);

  afterAll(async () => {
    await database.close();
    await embedded.stop();
  });

  it('answers the query after a failed one (pg-pool reconnects after an error)', async () => {
    const data = { email: 'dup@example.test', firstName: 'A', lastName: 'B' };
    await database.prisma.user.create({ data });
    await expect(database.prisma.user.create({ data })).rejects.toThrow();
    await expect(database.prisma.user.count()).resolves.toBe(1);
    await expect(database.pool.query('SELECT 1 AS ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });

  it('keeps an interactive transaction atomic: a rollback leaves nothing behind', async () => {
    await expect(
      database.prisma.$transaction(async (tx) => {
        await tx.account.create({ data: { firstName: 'T', lastName: 'X', email: 'tx@example.test' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await expect(database.prisma.account.count({ where: { email: 'tx@example.test' } })).resolves.toBe(0);
  });
});
