// The migration runner (src/db/migrate.ts) replaces `prisma migrate deploy` on our machines, so it
// must behave like it: apply each migration once, record it in _prisma_migrations with its SHA-256,
// and refuse to run when an applied migration file was edited afterwards.
//
// Tests that need an empty database get a fresh schema of their own - on the test database with
// PostgreSQL, on a second in-memory PGlite otherwise - never the shared test schema.
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { useTestDatabase } from '../helpers/db.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';

const t = useTestDatabase();

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function recorded(pool: pg.Pool): Promise<MigrationRow[]> {
  const { rows } = await pool.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
     FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  return rows;
}

interface EmptyDatabase {
  pool: pg.Pool;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Where empty schemas are made: the test database itself on PostgreSQL; on PGlite (one connection,
// already held by this file) a second in-memory PGlite, started once for this file.
let server: { url: string; admin: pg.Pool; stop(): Promise<void> } | undefined;
afterAll(async () => {
  await server?.stop();
});

async function schemaServer(): Promise<{ url: string; admin: pg.Pool }> {
  if (server) return server;
  if (t.isPglite) {
    const embedded = await startEmbeddedPostgres();
    const admin = new pg.Pool({ connectionString: embedded.url, max: 1 });
    server = {
      url: embedded.url,
      admin,
      async stop() {
        await admin.end();
        await embedded.stop();
      },
    };
  } else {
    server = { url: t.url, admin: t.pool, stop: async () => undefined };
  }
  return server;
}

/** A new, empty schema (the search_path of every connection of the returned pool), dropped after the test. */
async function emptyDatabase(): Promise<EmptyDatabase> {
  const { url, admin } = await schemaServer();
  const schema = `migrate_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    // Queued ahead of any query the pool hands this client out for.
    void client.query(`SET search_path TO "${schema}"`);
  });
  cleanups.push(async () => {
    await pool.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  return { pool };
}

/** A private copy of prisma/migrations that a test may edit. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

describe('migrate()', () => {
  const names = listMigrations().map((m) => m.name);

  it('finds the project migrations in order', () => {
    expect(names.length).toBeGreaterThan(0);
    expect([...names].sort()).toEqual(names);
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it('applies nothing on a second run against the migrated test database', async () => {
    const result = await migrate(t.pool);
    expect(result).toEqual({ applied: [], alreadyApplied: names });
  });

  it('records every migration in _prisma_migrations with the SHA-256 of its file', async () => {
    const rows = await recorded(t.pool);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const m of listMigrations()) {
      const row = rows.find((r) => r.migration_name === m.name);
      expect(row?.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row?.checksum).toBe(sha256(m.sql));
      expect(row?.finished_at).toBeInstanceOf(Date);
      expect(row?.rolled_back_at).toBeNull();
      expect(row?.applied_steps_count).toBe(1);
    }
  });

  it('applies all migrations to an empty database, then nothing, then only a new one', async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();

    expect(await migrate(db.pool, dir)).toEqual({ applied: names, alreadyApplied: [] });
    expect(await migrate(db.pool, dir)).toEqual({ applied: [], alreadyApplied: names });

    addMigration(dir, '29991231000000_probe', 'CREATE TABLE "migrate_probe" ("id" INTEGER PRIMARY KEY);');
    expect(await migrate(db.pool, dir)).toEqual({ applied: ['29991231000000_probe'], alreadyApplied: names });
    await db.pool.query('SELECT id FROM migrate_probe');
    expect((await recorded(db.pool)).map((r) => r.migration_name)).toEqual([...names, '29991231000000_probe']);
  });

  it('two instances migrating one empty database at once: one applies everything, the other waits and applies nothing', async () => {
    if (t.isPglite) return; // one connection: PGlite cannot run two migrations side by side
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    // A migration that takes a while, so the second runner surely arrives while the first holds the lock.
    addMigration(dir, '29991231000000_slow', 'SELECT pg_sleep(0.3); CREATE TABLE "slow_probe" ("id" INTEGER);');
    const second = new pg.Pool({ connectionString: t.url, max: 1 });
    second.on('error', () => undefined);
    const schema = (await db.pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s;
    second.on('connect', (client) => void client.query(`SET search_path TO "${schema}"`));
    cleanups.push(() => second.end());

    const results = await Promise.all([migrate(db.pool, dir), migrate(second, dir)]);
    const all = [...names, '29991231000000_slow'];
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, all.length]);
    expect(results.find((r) => r.applied.length === 0)?.alreadyApplied).toEqual(all);
    const rows = await db.pool.query<{ migration_name: string; n: number }>(
      'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1',
    );
    expect(rows.rows).toEqual(all.map((migration_name) => ({ migration_name, n: 1 })));
  });

  it('refuses to run when an applied migration was changed afterwards', async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    await migrate(db.pool, dir);
    const before = await recorded(db.pool);

    const first = names[0] ?? '';
    appendFileSync(join(dir, first, 'migration.sql'), '\n-- edited after it was applied\n');
    addMigration(dir, '29991231000000_after_edit', 'CREATE TABLE "never_created" ("id" INTEGER);');

    await expect(migrate(db.pool, dir)).rejects.toThrow(`Migration ${first} was changed after it was applied`);
    // Nothing was applied or re-recorded.
    expect(await recorded(db.pool)).toEqual(before);
    const { rows } = await db.pool.query<{ t: string | null }>(`SELECT to_regclass('never_created')::text AS t`);
    expect(rows[0]?.t).toBeNull();
  });

  it('rolls back a failing migration and does not record it', async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    addMigration(
      dir,
      '29991231000000_broken',
      'CREATE TABLE "half_done" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);',
    );

    await expect(migrate(db.pool, dir)).rejects.toThrow('Migration 29991231000000_broken failed');
    expect((await recorded(db.pool)).map((r) => r.migration_name)).toEqual(names);
    const { rows } = await db.pool.query<{ t: string | null }>(`SELECT to_regclass('half_done')::text AS t`);
    expect(rows[0]?.t).toBeNull();
    // The runner released its connection and lock: a fixed migration applies on the next run.
    writeFileSync(join(dir, '29991231000000_broken', 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);');
    expect((await migrate(db.pool, dir)).applied).toEqual(['29991231000000_broken']);
  });
});

describe('20261201000000_email_log_without_tokens', () => {
  it('cuts the one-time tokens out of messages stored before it, and moves resets out of accounts', async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    const later = listMigrations()
      .map((m) => m.name)
      .filter((n) => n >= '20261201000000');
    for (const name of later) rmSync(join(dir, name), { recursive: true });
    await migrate(db.pool, dir);
    const token = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo';
    const { rows: accounts } = await db.pool.query<{ id: number }>(
      `INSERT INTO accounts (first_name, last_name, email, updated_at) VALUES ('A', 'B', 'a@b.test', now()) RETURNING id`,
    );
    const accountId = accounts[0]?.id;
    for (const [template, path] of [
      ['invitation', 'invite'],
      ['password_reset', 'password/reset'],
      ['email_verification', 'verify-email'],
    ] as const) {
      await db.pool.query(
        `INSERT INTO email_log (account_id, recipient, subject, template, body_html, body_text, status)
         VALUES ($1, 'r@b.test', 's', $2, $3, $4, 'sent')`,
        [accountId, template, `<a href="https://x.test/${path}/${token}">x</a>`, `https://x.test/${path}/${token}`],
      );
    }
    await migrate(db.pool, copyOfMigrations());
    const { rows } = await db.pool.query<{
      template: string;
      body_html: string;
      body_text: string;
      account_id: number;
    }>('SELECT template, body_html, body_text, account_id FROM email_log ORDER BY id');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.body_html + row.body_text).not.toContain(token);
      expect(row.body_text).toMatch(/\/(invite|password\/reset|verify-email)\/\[link-removed\]$/);
    }
    expect(rows.map((r) => [r.template, r.account_id])).toEqual([
      ['invitation', accountId],
      ['password_reset', null],
      ['email_verification', null],
    ]);
  });
});
