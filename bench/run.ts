// npm run bench [-- --label NAME --duration S --warmup S --connections N --explain-only]
// Migrates, seeds its own fixture, counts SQL per page, load-tests the app against a bare
// Express baseline, runs a login storm, EXPLAINs the key queries, writes bench/results/<label>.md.
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { parseArgs, requireDatabaseUrl } from './args.js';
import { runQueryBudget } from './budget.js';
import { badScans, runAdminBench } from './admin.js';
import { runExplain, verdict } from './explain.js';
import { seedFixture } from './fixture.js';
import {
  baselineCase,
  dashboardCase,
  loginCase,
  ownerSessions,
  runCase,
  switchCase,
  userManagementCase,
} from './load.js';
import { loadResults, save, type RunResults } from './report.js';
import { dashboardAtRate } from './fixed-rate.js';
import { startApp, startBaseline, startFloor, type Child } from './servers.js';
import { runLoginStorm } from './storm.js';

const args = parseArgs();
const databaseUrl = requireDatabaseUrl();
const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
await migrate(pool);
log('migrated; seeding the bench fixture');
const fx = await seedFixture(pool);
const memberEmails = [
  fx.ownerEmail,
  ...(
    await pool.query<{ email: string }>(`SELECT email FROM users WHERE email LIKE $1`, [`a%.${fx.tag}@bench.example`])
  ).rows.map((r) => r.email),
];
const users = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0]!.n);
await pool.end();

const results: RunResults = {
  label: args.label,
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`,
  options: { connections: args.connections, duration: args.duration, warmup: args.warmup },
  users,
  load: { start: loadavg(), end: [] },
  cases: [],
  failures: [],
};

if (!args.explainOnly) {
  log('query budget (in-process)');
  results.budget = await runQueryBudget(databaseUrl, fx);
  results.failures.push(...results.budget.failures);
  for (const r of results.budget.rows)
    log(`  ${r.page}: ${r.status}, ${r.prisma} Prisma + ${r.sessionStore} session-store statements`);

  const children: Child[] = [];
  try {
    const opts = { connections: args.connections, duration: args.duration, warmup: args.warmup };
    log('load: starting the baseline and the app as child processes');
    const baseline = await startBaseline();
    children.push(baseline);
    const app = await startApp(databaseUrl);
    children.push(app);
    const budgetOf = (prefix: string) => results.budget?.rows.find((r) => r.page.startsWith(prefix));
    const withSql = (c: Awaited<ReturnType<typeof runCase>>, prefix: string) => {
      const b = budgetOf(prefix);
      return { ...c, prisma: b?.prisma, sessionStore: b?.sessionStore };
    };

    log('baseline');
    results.cases.push(await runCase(baselineCase(baseline.base), opts));
    await baseline.stop();

    log(`logging in ${args.connections} sessions`);
    const sessions = await ownerSessions(app.base, fx, args.connections);
    // The floor reads the app's own sessions: the same cookies log it in.
    log("floor: the dashboard's minimum work");
    const floor = await startFloor(databaseUrl);
    children.push(floor);
    results.cases.push(
      await runCase(dashboardCase(floor.base, fx, sessions, 'floor (session + membership + template)'), opts),
    );
    results.fixedRate = [await dashboardAtRate('floor at 200/s', floor.base, fx, sessions, args.duration)];
    await floor.stop();
    log('dashboard');
    results.cases.push(withSql(await runCase(dashboardCase(app.base, fx, sessions), opts), 'dashboard'));
    results.fixedRate.push(await dashboardAtRate('dashboard at 200/s', app.base, fx, sessions, args.duration));
    log('user management');
    results.cases.push(withSql(await runCase(userManagementCase(app.base, fx, sessions), opts), 'user management, 50'));
    log('switch');
    const switchSessions = await ownerSessions(app.base, fx, args.connections * 2);
    results.cases.push(withSql(await runCase(switchCase(app.base, fx, switchSessions), opts), 'switch'));
    log('login');
    results.cases.push(withSql(await runCase(loginCase(app.base, memberEmails, fx.password), opts), 'login'));
    log('login storm: dashboard while 20 logins/s run');
    results.storm = await runLoginStorm(app.base, fx, sessions, memberEmails, opts);
  } finally {
    for (const c of children) await c.stop();
  }
}

results.load!.end = loadavg();
log('EXPLAIN');
results.explain = await runExplain(databaseUrl, fx, args.label);
for (const e of results.explain) log(`  ${e.name}: ${verdict(e)}`);
log('admin area: quick search and deep pages (EXPLAIN + timings)');
results.admin = await runAdminBench(databaseUrl, args.label, fx.tag);
for (const c of results.admin.cases)
  log(`  ${c.name}: service ${c.serviceMs.toFixed(1)} ms, page ${c.httpMs?.toFixed(1) ?? '-'} ms`);
for (const c of results.admin.cases.filter((x) => badScans(x).length))
  results.failures.push(`admin: ${c.name} fetches its rows with a Seq Scan on a big table`);

// The big database's run is compared with the empty one's, and the other way round.
const other = loadResults(args.label === 'big' ? 'empty' : 'big');
const md = save(results, other && other.label !== results.label ? other : undefined);
console.log(`\n${md}`);
console.log(
  `Written to bench/results/${args.label}.md${results.explain ? `, ${args.label}-explain.md and ${args.label}-admin.md` : ''}`,
);
process.exit(results.failures.length ? 1 : 0);
