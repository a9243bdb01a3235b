// EXPLAIN (ANALYZE, BUFFERS) of the SQL behind login, choose-account, switch, User Management,
// admin user search and the dashboard. The SQL is not copied here: the real service functions
// run and Prisma's query events (text + parameters) are recorded, then explained as they are.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connectDatabase, setDatabase } from '../src/db/client.js';
import { loadUser } from '../src/http/middleware/load-user.js';
import { homePanels } from '../src/services/dashboards/client-dashboard.js';
import { userActor } from '../src/services/actor.js';
import { ALL_PERMISSIONS } from '../src/policies/permissions.js';
import { listInvitations } from '../src/services/invitations/invitation-list.js';
import { getAccess, listAccountUsers, listUserAccounts } from '../src/services/memberships/memberships.js';
import { findUserByEmail } from '../src/services/users/users.js';
import { searchUsers } from '../src/services/users/search.js';
import type { Fixture } from './fixture.js';

const WATCHED = ['users', 'accounts', 'account_users', 'invitations'];

export interface ExplainRow {
  name: string;
  sql: string;
  params: unknown[];
  plan: string;
  seqScans: string[];
  /** Seq scans on tables big enough that an index should have been used. */
  badSeqScans: string[];
  ms: number;
}

interface Captured {
  query: string;
  params: string;
}

/** A database connection whose Prisma statements (SQL + parameters) are recorded as they run. */
export function captureQueries(databaseUrl: string) {
  const database = connectDatabase({ url: databaseUrl, maxConnections: 2, onQuery: () => undefined });
  let captured: Captured[] = [];
  (database.prisma as unknown as { $on(e: 'query', cb: (ev: Captured) => void): void }).$on('query', (ev) =>
    captured.push({ query: ev.query, params: ev.params }),
  );
  return {
    database,
    reset: () => {
      captured = [];
    },
    taken: () => captured,
  };
}

export type Capture = ReturnType<typeof captureQueries>;

export async function tableSizes(pool: Capture['database']['pool'], tables: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const { rows } = await pool.query<{ relname: string; n: string }>(
    `SELECT relname, greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE relname = ANY($1)`,
    [tables],
  );
  for (const r of rows) sizes.set(r.relname, Number(r.n));
  return sizes;
}

/**
 * Runs the call once, then EXPLAIN (ANALYZE, BUFFERS) of every statement it issued, exactly as it
 * was sent. A Seq Scan on a watched table of 10,000 rows or more is flagged.
 */
export async function explainCall(
  capture: Capture,
  name: string,
  call: () => Promise<unknown>,
  watched: string[],
  sizes: Map<string, number>,
): Promise<ExplainRow[]> {
  capture.reset();
  await call();
  const statements = capture.taken().filter((c) => !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(c.query));
  const rows: ExplainRow[] = [];
  for (const [i, st] of statements.entries()) {
    const params = JSON.parse(st.params || '[]') as unknown[];
    const t0 = performance.now();
    const res = await capture.database.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${st.query}`,
      params,
    );
    const ms = performance.now() - t0;
    const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
    const seqScans = [...plan.matchAll(/Seq Scan on (?:"?public"?\.)?"?(\w+)"?/g)]
      .map((m) => m[1]!)
      .filter((t) => watched.includes(t));
    const badSeqScans = seqScans.filter((t) => (sizes.get(t) ?? 0) >= 10_000);
    rows.push({
      name: statements.length > 1 ? `${name} [${i + 1}/${statements.length}]` : name,
      sql: st.query.trim(),
      params,
      plan,
      seqScans,
      badSeqScans,
      ms,
    });
  }
  return rows;
}

export async function runExplain(databaseUrl: string, fx: Fixture, label: string): Promise<ExplainRow[]> {
  const capture = captureQueries(databaseUrl);
  const { database } = capture;
  setDatabase(database);
  const pool = database.pool;
  const rows: ExplainRow[] = [];
  try {
    const sizes = await tableSizes(pool, WATCHED);
    // A representative seeded user (the middle of the table) when there is one, else the bench owner.
    const mid = (
      await pool.query<{ email: string }>(
        `SELECT email FROM users WHERE id >= (SELECT (min(id) + max(id)) / 2 FROM users) ORDER BY id LIMIT 1`,
      )
    ).rows[0]?.email;
    const loginEmail = mid ?? fx.ownerEmail;
    const prefix = loginEmail.slice(0, 6);

    const cases: [string, () => Promise<unknown>][] = [
      ['login: user by email (findUserByEmail)', () => findUserByEmail(loginEmail)],
      ['choose-account: account_users by user_id + accounts (listUserAccounts)', () => listUserAccounts(fx.ownerId)],
      ['switch: account_users by (account_id, user_id) (getAccess)', () => getAccess(fx.ownerId, fx.accountB.id)],
      [
        'user management: account_users by account_id + users (listAccountUsers)',
        () => listAccountUsers(fx.accountA.id),
      ],
      ['user management: invitations by (account_id, status) (listInvitations)', () => listInvitations(fx.accountA.id)],
      [`admin user search: "${prefix}" (searchUsers)`, () => searchUsers({ query: prefix })],
      [
        'every request: user + membership + account (loadUser middleware)',
        () =>
          loadUser(
            { session: { userId: fx.ownerId, accountId: fx.accountA.id } } as never,
            { locals: {} } as never,
            () => undefined,
          ),
      ],
      [
        'home page: panels (homePanels)',
        () =>
          homePanels({
            actor: userActor(fx.ownerId),
            access: { accountId: fx.accountA.id, userId: fx.ownerId, isOwner: true, permissions: [...ALL_PERMISSIONS] },
          }),
      ],
    ];
    for (const [name, call] of cases) rows.push(...(await explainCall(capture, name, call, WATCHED, sizes)));
    writeFileSync(
      resolve(import.meta.dirname, 'results', `${label}-explain.md`),
      explainMarkdown(rows, `EXPLAIN (ANALYZE, BUFFERS): ${label}`, sizes),
    );
    return rows;
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}

export function verdict(r: ExplainRow): string {
  if (r.badSeqScans.length) return `SEQ SCAN on ${r.badSeqScans.join(', ')}`;
  if (r.seqScans.length) return `index (seq scan on small ${r.seqScans.join(', ')}: planner's choice)`;
  return 'index';
}

export function explainMarkdown(rows: ExplainRow[], title: string, sizes: Map<string, number>): string {
  const out = [
    `# ${title}`,
    '',
    `Table sizes (pg_class.reltuples): ${[...sizes].map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`,
    '',
    '| query | plan uses an index | execution (ms, incl. round trip) |',
    '| --- | --- | ---: |',
    ...rows.map((r) => `| ${r.name} | ${verdict(r)} | ${r.ms.toFixed(2)} |`),
    '',
  ];
  for (const r of rows) {
    out.push(
      `## ${r.name}`,
      '',
      '```sql',
      r.sql,
      '```',
      '',
      `Parameters: \`${JSON.stringify(r.params).slice(0, 300)}\``,
      '',
      '```',
      r.plan,
      '```',
      '',
    );
  }
  return out.join('\n');
}
