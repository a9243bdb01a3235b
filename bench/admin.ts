// The admin area at scale (issue 14): the header's quick search and the lists' deep pages on the
// bench database (105,000+ clients after `npm run bench:seed`). Two measurements per case:
//   - the real service functions run, their SQL is recorded and EXPLAINed (ANALYZE, BUFFERS),
//     flagging any Seq Scan on a big table (bench/results/<label>-admin.md has every plan);
//   - the admin page itself over HTTP, in-process, logged in as a bench admin: median of 5.
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type pg from 'pg';
import { createApp } from '../src/app.js';
import { startRuntime } from '../src/boot.js';
import { parseConfig } from '../src/config.js';
import { setDatabase } from '../src/db/client.js';
import { hashPassword } from '../src/lib/passwords.js';
import { listClients } from '../src/services/accounts/client-list.js';
import { listActivity } from '../src/services/activity/activity-log.js';
import { listEmails } from '../src/services/mail/email-log.js';
import { quickSearch } from '../src/services/search/quick-search.js';
import { listTickets } from '../src/services/tickets/staff-tickets.js';
import { listUsers } from '../src/services/users/search.js';
import { benchEnv } from './env.js';
import { captureQueries, explainCall, explainMarkdown, tableSizes, verdict, type ExplainRow } from './explain.js';
import { BENCH_PASSWORD } from './fixture.js';

const WATCHED = ['accounts', 'users', 'account_users', 'activity_log', 'email_log', 'tickets', 'invoices'];
const PER_PAGE = 25;

export interface AdminCase {
  name: string;
  /** Median wall time of the service call (5 runs), ms. */
  serviceMs: number;
  /** Median time of the admin page over HTTP (5 runs), ms; null when the case has no page. */
  httpMs: number | null;
  path: string | null;
  plans: ExplainRow[];
}

export interface AdminBench {
  sizes: Record<string, number>;
  cases: AdminCase[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timed(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Values to search for that exist in this database (the seed's, else the bench fixture's). */
async function probes(pool: pg.Pool) {
  const one = async <T>(sql: string, params: unknown[] = []) =>
    (await pool.query<T & pg.QueryResultRow>(sql, params)).rows[0];
  const mid = await one<{ id: number; email: string }>(
    `SELECT id, email FROM accounts WHERE id >= (SELECT (min(id) + max(id)) / 2 FROM accounts) ORDER BY id LIMIT 1`,
  );
  const ticket = await one<{ id: number }>(`SELECT max(id) AS id FROM tickets`);
  const accounts = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM accounts`))?.n ?? 0);
  const activity = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM activity_log`))?.n ?? 0);
  return {
    midId: mid?.id ?? 1,
    // A rare text: the local part of one client's billing email.
    rare: (mid?.email ?? 'owner').split('@')[0]!,
    ticketId: ticket?.id ?? 1,
    deepClients: Math.max(1, Math.min(4200, Math.ceil(accounts / PER_PAGE) - 1)),
    deepActivity: Math.max(1, Math.ceil(activity / PER_PAGE) - 1),
  };
}

/** Logs a fresh bench admin in to an in-process app; returns a GET that carries its cookie. */
async function adminBrowser(base: string, pool: pg.Pool, tag: string) {
  const email = `admin.${tag}@bench.example`;
  await pool.query(
    `INSERT INTO admins (email, first_name, last_name, password_hash, role) VALUES ($1, 'Bench', 'Admin', $2, 'full')`,
    [email, await hashPassword(BENCH_PASSWORD)],
  );
  let cookie = '';
  const take = (res: Response) => {
    for (const c of res.headers.getSetCookie()) if (c.startsWith('admin.sid=')) cookie = c.split(';', 1)[0]!;
  };
  const login = await fetch(`${base}/admin/login`, { redirect: 'manual' });
  take(login);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, _csrf: csrf }),
  });
  take(res);
  if (res.status !== 302) throw new Error(`bench admin login failed: ${res.status}`);
  return async (path: string): Promise<string> => {
    const page = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
    const body = await page.text();
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
    return body;
  };
}

export async function runAdminBench(databaseUrl: string, label: string, tag: string): Promise<AdminBench> {
  const capture = captureQueries(databaseUrl);
  setDatabase(capture.database);
  const pool = capture.database.pool;
  const sizes = await tableSizes(pool, WATCHED);
  const p = await probes(pool);

  // The cursor of page <deep>'s last row, as the page's Next link carries it.
  const deepPage = await listClients({}, { page: p.deepClients });
  const byName = await listClients({}, { page: p.deepClients, sort: 'name', dir: 'asc' });
  const searchWeb = await listClients({ query: 'web' }, {});
  const searchDeep = Math.max(1, searchWeb.info.pages - 1);

  const n = (x: number) => x.toLocaleString('en');
  const cases: { name: string; call: () => Promise<unknown>; path: string | null }[] = [
    {
      name: 'quick search "web" (a word inside company names)',
      call: () => quickSearch('web'),
      path: '/admin/search.json?q=web',
    },
    {
      name: `quick search "${p.rare}" (one client's email)`,
      call: () => quickSearch(p.rare),
      path: `/admin/search.json?q=${encodeURIComponent(p.rare)}`,
    },
    {
      name: `quick search "#${p.midId}" (an id in every kind)`,
      call: () => quickSearch(`#${p.midId}`),
      path: `/admin/search.json?q=%23${p.midId}`,
    },
    {
      name: 'quick search "@bench.example" (an email domain)',
      call: () => quickSearch('@bench.example'),
      path: '/admin/search.json?q=%40bench.example',
    },
    { name: 'clients, page 1', call: () => listClients({}, {}), path: '/admin/clients' },
    {
      name: `clients, page ${n(p.deepClients)} (jump: OFFSET over the id index)`,
      call: () => listClients({}, { page: p.deepClients }),
      path: `/admin/clients?page=${p.deepClients}`,
    },
    {
      name: `clients, page ${n(Math.ceil(p.deepClients / 2))} (jump to the middle: the longest OFFSET)`,
      call: () => listClients({}, { page: Math.ceil(p.deepClients / 2) }),
      path: `/admin/clients?page=${Math.ceil(p.deepClients / 2)}`,
    },
    {
      name: `clients, page ${n(p.deepClients + 1)} (Next: keyset after page ${n(p.deepClients)})`,
      call: () => listClients({}, { page: p.deepClients + 1, after: deepPage.info.next ?? undefined }),
      path: `/admin/clients?page=${p.deepClients + 1}&after=${deepPage.info.next ?? ''}`,
    },
    {
      name: `clients by name, page ${n(p.deepClients)} (jump)`,
      call: () => listClients({}, { page: p.deepClients, sort: 'name', dir: 'asc' }),
      path: `/admin/clients?sort=name&dir=asc&page=${p.deepClients}`,
    },
    {
      name: `clients by name, page ${n(p.deepClients + 1)} (Next: keyset)`,
      call: () =>
        listClients({}, { page: p.deepClients + 1, sort: 'name', dir: 'asc', after: byName.info.next ?? undefined }),
      path: `/admin/clients?sort=name&dir=asc&page=${p.deepClients + 1}&after=${byName.info.next ?? ''}`,
    },
    {
      name: `clients search "web" (${n(searchWeb.info.total)} matches), page 1`,
      call: () => listClients({ query: 'web' }, {}),
      path: '/admin/clients?q=web',
    },
    {
      name: `clients search "web", page ${n(searchDeep)} (jump)`,
      call: () => listClients({ query: 'web' }, { page: searchDeep }),
      path: `/admin/clients?q=web&page=${searchDeep}`,
    },
    { name: 'users search "smith"', call: () => listUsers('smith', {}), path: '/admin/users?q=smith' },
    {
      name: `activity log, page ${n(p.deepActivity)} (jump)`,
      call: () => listActivity({}, { page: p.deepActivity }),
      path: `/admin/activity?page=${p.deepActivity}`,
    },
    {
      name: `activity log, page ${n(Math.ceil(p.deepActivity / 2))} (jump to the middle)`,
      call: () => listActivity({}, { page: Math.ceil(p.deepActivity / 2) }),
      path: `/admin/activity?page=${Math.ceil(p.deepActivity / 2)}`,
    },
    {
      name: 'activity log, description contains "invoice 42"',
      call: () => listActivity({ text: 'invoice 42' }, {}),
      path: '/admin/activity?text=invoice%2042',
    },
    {
      name: `email log, recipient contains "${p.rare}"`,
      call: () => listEmails({ query: p.rare }, {}),
      path: `/admin/emails?q=${encodeURIComponent(p.rare)}`,
    },
    {
      name: 'tickets, status Open',
      call: () => listTickets({ status: 'Open' }, {}),
      path: '/admin/tickets?status=Open',
    },
    {
      name: 'tickets, subject contains "outage"',
      call: () => listTickets({ query: 'outage' }, {}),
      path: '/admin/tickets?q=outage',
    },
  ];

  const results: AdminCase[] = [];
  for (const c of cases) {
    const plans = await explainCall(capture, c.name, c.call, WATCHED, sizes);
    results.push({ name: c.name, serviceMs: await timed(c.call), httpMs: null, path: c.path, plans });
  }
  setDatabase(undefined);
  await capture.database.close();

  // The pages over HTTP, in-process (as budget.ts runs the app).
  const runtime = await startRuntime(parseConfig(benchEnv(databaseUrl)), { databaseUrl });
  const server = createApp({ runtime }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = await adminBrowser(base, runtime.database.pool, tag);
    for (const r of results) if (r.path) r.httpMs = await timed(() => get(r.path!));
  } finally {
    await new Promise((r) => server.close(r));
    server.closeAllConnections?.();
    await runtime.close();
  }

  const allPlans = results.flatMap((r) => r.plans);
  writeFileSync(
    resolve(import.meta.dirname, 'results', `${label}-admin.md`),
    [
      adminSummary({ sizes: Object.fromEntries(sizes), cases: results }),
      '',
      explainMarkdown(allPlans, `Admin area plans: ${label}`, sizes).replace(/^# /, '## '),
    ].join('\n'),
  );
  return { sizes: Object.fromEntries(sizes), cases: results };
}

const ms = (x: number | null) => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(1));

/**
 * The list's total ("of 105,000"): counting every row of an unfiltered (or barely filtered) list
 * reads them all, and PostgreSQL rightly does it with a (parallel) Seq Scan. Reported with its
 * time; it is not where a deep page's cost is, and it does not grow with the page number.
 */
export const isCount = (row: ExplainRow) => /^SELECT count\(\*\)/i.test(row.sql);

/** Statements of a case that fetch rows (not the total) and scan a big table sequentially. */
export const badScans = (c: AdminCase) => c.plans.filter((p) => !isCount(p) && p.badSeqScans.length);

/** The table in <label>.md and at the top of <label>-admin.md. */
export function adminSummary(a: AdminBench): string {
  const rows = a.cases.map((c) => {
    const bad = badScans(c);
    const plan = bad.length ? bad.map(verdict).join('; ') : 'index';
    const count = c.plans.find(isCount);
    const total = count ? `${ms(count.ms)}${count.badSeqScans.length ? ' (Seq Scan: counts every row)' : ''}` : '–';
    return `| ${c.name} | ${ms(c.serviceMs)} | ${ms(c.httpMs)} | ${c.plans.length} | ${plan} | ${total} |`;
  });
  return [
    `### Admin area: quick search and deep pages (${Object.entries(a.sizes)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')})`,
    '',
    '| case | service ms (median of 5) | page ms over HTTP (median of 5) | SQL statements | rows fetched by | total count ms (EXPLAIN ANALYZE) |',
    '| --- | ---: | ---: | ---: | --- | ---: |',
    ...rows,
  ].join('\n');
}
