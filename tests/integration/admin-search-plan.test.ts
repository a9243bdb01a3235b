// The admin user search (type-ahead, Manage Users) and client search use their prefix indexes.
// Real PostgreSQL only (PGlite's planner is the same, but the point is the production server).
// A few thousand rows are seeded with one INSERT ... SELECT generate_series inside a transaction
// that is rolled back, so nothing is left behind.
import { describe, expect, it } from 'vitest';
import { isPglite, useTestDatabase } from '../helpers/db.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { clientSearchSql, prefixPattern } from '../../src/services/accounts/clients.js';
import { unique } from '../factories/index.js';

const t = useTestDatabase();

class Rollback extends Error {}

/** The same SQL as searchUsers() in src/services/users.ts. */
function userSearchSql(query: string, offset: number, limit: number): Prisma.Sql {
  const p = prefixPattern(query);
  return Prisma.sql`
    SELECT id FROM (
      SELECT id FROM "users" WHERE "email" LIKE ${p}
      UNION SELECT id FROM "users" WHERE lower("first_name") LIKE ${p}
      UNION SELECT id FROM "users" WHERE lower("last_name") LIKE ${p}
      UNION SELECT id FROM "users" WHERE lower("first_name" || ' ' || "last_name") LIKE ${p}
    ) matches ORDER BY id DESC OFFSET ${offset} LIMIT ${limit}`;
}

async function plans(
  seed: (tx: Prisma.TransactionClient, tag: string) => Promise<void>,
  sql: (tag: string) => Prisma.Sql,
): Promise<string> {
  let plan = '';
  const tag = `plan${unique().replace(/-/g, '')}`;
  try {
    await t.prisma.$transaction(
      async (tx) => {
        await seed(tx, tag);
        await tx.$executeRawUnsafe('ANALYZE "users"');
        await tx.$executeRawUnsafe('ANALYZE "accounts"');
        const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${sql(tag)}`);
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        throw new Rollback();
      },
      { timeout: 60_000 },
    );
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return plan;
}

describe.skipIf(isPglite())('admin search query plans (real PostgreSQL)', () => {
  it('user search: every branch is an index scan', async () => {
    const plan = await plans(
      (tx, tag) =>
        tx
          .$executeRawUnsafe(
            `INSERT INTO "users" ("email", "first_name", "last_name", "updated_at")
        SELECT '${tag}-' || g || '@example.test', 'First' || g, 'Last' || g, now() FROM generate_series(1, 5000) g`,
          )
          .then(() => undefined),
      () => userSearchSql('last12', 0, 26),
    );
    expect(plan).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    expect(plan).toContain('users_last_name_prefix_idx');
    expect(plan).toContain('users_email_prefix_idx');
    expect(plan).not.toMatch(/Seq Scan on users/);
  });

  it('client search: every branch is an index scan', async () => {
    const plan = await plans(
      (tx, tag) =>
        tx
          .$executeRawUnsafe(
            `INSERT INTO "accounts" ("first_name", "last_name", "company_name", "email", "updated_at")
        SELECT 'First' || g, 'Last' || g, 'Company' || g, '${tag}-' || g || '@billing.example.test', now() FROM generate_series(1, 5000) g`,
          )
          .then(() => undefined),
      () => clientSearchSql('company12', 'Active', 0, 26),
    );
    expect(plan).toContain('accounts_company_prefix_idx');
    expect(plan).toContain('accounts_email_prefix_idx');
    expect(plan).not.toMatch(/Seq Scan on accounts/);
  });
});
