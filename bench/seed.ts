// npm run bench:seed -- --users 1000000 [--activity 500000 --emails 200000 --tickets 50000]
// Fills the bench database with N users, N accounts (each owned by one user; a third with a
// company name such as "Acme Web 123 Ltd"), 3N user-account links (owner of one account,
// authorized user of the next two), N/5 pending invitations, one invoice per account, and — for
// the admin lists of issue 14 — the asked-for activity entries, email log rows and tickets, with
// set-based SQL (INSERT ... SELECT FROM generate_series) in chunks, then VACUUM ANALYZE.
// All users share one precomputed argon2 hash. Emails carry a run tag, so it can run twice.
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { hashPassword } from '../src/lib/passwords.js';
import { ALL_PERMISSIONS } from '../src/policies/permissions.js';
import { parseArgs, requireDatabaseUrl } from './args.js';

const CHUNK = 100_000;
const { users: N, activity: ACTIVITY, emails: EMAILS, tickets: TICKETS } = parseArgs();
if (N < 3) throw new Error('--users must be at least 3 (each user is linked to 3 accounts)');
const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 1 });
await migrate(pool);
const db = await pool.connect();
const t0 = performance.now();
const log = (m: string) => console.log(`[seed ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}`);

await db.query('SET synchronous_commit = off');
const tag = Date.now().toString(36);
const hash = await hashPassword('Seed-Password-1!');
// Reserve id ranges so links can be computed from the series number alone.
const reserve = async (seq: string) => {
  const base = Number((await db.query<{ v: string }>(`SELECT nextval($1) AS v`, [seq])).rows[0]!.v);
  await db.query(`SELECT setval($1, $2)`, [seq, base + N]);
  return base;
};
const ub = await reserve('users_id_seq');
const ab = await reserve('accounts_id_seq');
log(`users ${ub}..${ub + N - 1}, accounts ${ab}..${ab + N - 1}, tag ${tag}`);

const FIRST = `(ARRAY['James','Mary','John','Patricia','Robert','Jennifer','Michael','Linda','David','Elizabeth','William','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Carlos','Ana'])`;
const COMPANY = `(ARRAY['Acme Web','Blue Sky Hosting','Northwind Web Services','Cloud Nine','Pixel Forge','Red Kite Media'])`;
const LAST = `(ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez','Hernandez','Lopez','Gonzalez','Wilson','Anderson','Taylor','Moore','Jackson','Martin','Lee'])`;

async function chunked(what: string, total: number, sql: string, extra: unknown[] = []) {
  const started = performance.now();
  for (let lo = 0; lo < total; lo += CHUNK) {
    const hi = Math.min(total, lo + CHUNK) - 1;
    await db.query(sql, [lo, hi, ...extra]);
    const done = hi + 1;
    const rate = done / ((performance.now() - started) / 1000);
    log(
      `${what}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s)`,
    );
  }
}

await chunked(
  'users',
  N,
  `INSERT INTO users (id, email, first_name, last_name, password_hash, email_verified_at, created_at, updated_at)
   SELECT $3::int + g, 'u' || g || '.' || $4 || '@seed.example', ${FIRST}[1 + g % 20], ${LAST}[1 + (g / 20) % 20] || (g % 97), $5, now(), now(), now()
   FROM generate_series($1::int, $2::int) g`,
  [ub, tag, hash],
);
await chunked(
  'accounts',
  N,
  `INSERT INTO accounts (id, first_name, last_name, company_name, email, created_at, updated_at)
   SELECT $3::int + g, ${FIRST}[1 + g % 20], ${LAST}[1 + (g / 20) % 20] || (g % 97), CASE WHEN g % 3 = 0 THEN ${COMPANY}[1 + (g / 3) % 6] || ' ' || g || ' Ltd' ELSE '' END,
          'u' || g || '.' || $4 || '@seed.example', now(), now()
   FROM generate_series($1::int, $2::int) g`,
  [ab, tag],
);
await chunked(
  'user-account links (3 per user)',
  N,
  `INSERT INTO account_users (account_id, user_id, is_owner, permissions, created_at)
   SELECT $4::int + (g + k) % $3::int, $5::int + g, k = 0, CASE WHEN k = 0 THEN $6::text[] ELSE ARRAY['invoices','tickets'] END, now()
   FROM generate_series($1::int, $2::int) g CROSS JOIN (VALUES (0), (1), (2)) AS t(k)`,
  [N, ab, ub, ALL_PERMISSIONS],
);
await chunked(
  'pending invitations',
  Math.floor(N / 5),
  `INSERT INTO invitations (account_id, email, token_hash, permissions, invited_by_user_id, status, sent_at, expires_at, created_at)
   SELECT $3::int + (g * 5) % $5::int, 'inv' || g || '.' || $4 || '@seed.example', md5($4 || ':' || g), ARRAY['invoices'], $6::int + (g * 5) % $5::int,
          'pending', now(), now() + interval '7 days', now()
   FROM generate_series($1::int, $2::int) g`,
  [ab, tag, N, ub],
);
await chunked(
  'invoices (1 per account)',
  N,
  `INSERT INTO invoices (account_id, status, issued_at, due_at, total)
   SELECT $3::int + g, CASE WHEN g % 4 = 0 THEN 'Unpaid' ELSE 'Paid' END, now(), now() + interval '14 days', 10 + g % 90
   FROM generate_series($1::int, $2::int) g`,
  [ab],
);
const EVENTS = `(ARRAY['User logged in','Invoice #%s paid','Support ticket opened: #%s','Permissions changed for User ID: %s','Invitation sent (Invitation ID: %s)'])`;
if (ACTIVITY)
  await chunked(
    'activity log entries',
    ACTIVITY,
    `INSERT INTO activity_log (created_at, description, actor_type, user_id, account_id, ip)
     SELECT now() - (($3::int - g) || ' seconds')::interval, format(${EVENTS}[1 + g % 5], g), 'user',
            $4::int + g % $5::int, $6::int + g % $5::int, '198.51.100.' || (g % 250)
     FROM generate_series($1::int, $2::int) g`,
    [ACTIVITY, ub, N, ab],
  );
if (EMAILS)
  await chunked(
    'email log rows',
    EMAILS,
    `INSERT INTO email_log (account_id, user_id, recipient, subject, template, body_html, body_text, status, created_at, sent_at)
     SELECT $4::int + g % $5::int, $6::int + g % $5::int, 'u' || (g % $5::int) || '.' || $3 || '@seed.example',
            CASE WHEN g % 2 = 0 THEN 'Invoice ' || g || ' is due' ELSE 'Your password has been reset' END,
            CASE WHEN g % 2 = 0 THEN 'test' ELSE 'password_reset_confirmation' END, '<p>seed</p>', 'seed',
            CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'sent' END, now() - (g || ' seconds')::interval, now()
     FROM generate_series($1::int, $2::int) g`,
    [tag, ab, N, ub],
  );
const SUBJECTS = `(ARRAY['Website outage','Cannot reach mailbox','Invoice question','Upgrade request','DNS change'])`;
if (TICKETS)
  await chunked(
    'tickets',
    TICKETS,
    `INSERT INTO tickets (account_id, subject, department, priority, status, requester_email, requester_name, created_at, last_reply_at)
     SELECT $3::int + g % $4::int, ${SUBJECTS}[1 + g % 5] || ' ' || g, (ARRAY['Support','Sales','Billing'])[1 + g % 3],
            (ARRAY['Low','Medium','High'])[1 + g % 3], (ARRAY['Open','Answered','Customer-Reply','Closed'])[1 + g % 4],
            'u' || (g % $4::int) || '.' || $5 || '@seed.example', 'Seed Requester', now(), now() - (g || ' seconds')::interval
     FROM generate_series($1::int, $2::int) g`,
    [ab, N, tag],
  );
// VACUUM sets the visibility map, which lets the lists' OFFSET jumps read only their indexes
// (autovacuum does the same in production, a while after bulk writes).
log('VACUUM ANALYZE');
await db.query(
  'VACUUM ANALYZE users, accounts, account_users, invitations, invoices, activity_log, email_log, tickets',
);
const counts = (
  await db.query(`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM accounts) AS accounts,
  (SELECT count(*) FROM account_users) AS links, (SELECT count(*) FROM invitations WHERE status = 'pending') AS pending`)
).rows[0];
log(`done: ${JSON.stringify(counts)}`);
db.release();
await pool.end();
