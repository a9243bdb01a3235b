// npm run bench:profile [-- --case dashboard|users --duration S]
// Runs the app under `node --cpu-prof`, loads one page for a while with autocannon, stops the app
// (graceful shutdown writes the profile) and prints where the CPU went: self time grouped by
// where the code lives (our src/ files, each package, Node internals, GC, idle), then the top
// functions. The .cpuprofile is kept (bench/results/profiles/) for Chrome DevTools.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { parseArgs, requireDatabaseUrl } from './args.js';
import { seedFixture } from './fixture.js';
import { dashboardCase, ownerSessions, runCase, userManagementCase } from './load.js';
import { startApp } from './servers.js';

const which = process.argv.includes('users') ? 'users' : 'dashboard';
const args = parseArgs(process.argv.slice(2).filter((a) => a !== '--case' && a !== 'users' && a !== 'dashboard'));
const databaseUrl = requireDatabaseUrl();
const DIR = resolve(import.meta.dirname, 'results/profiles');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives, in words a reader of the breakdown can act on. */
function bucketOf(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle (waiting for I/O)';
  if (name === '(program)') return 'Node/V8 (program)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return `package ${pkg}`;
  const own = /\/(src\/[^?]+)/.exec(url)?.[1];
  if (own) return own;
  if (url.startsWith('node:') || !url) return `Node internals${name ? '' : ''}`;
  return url;
}

function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const bucket = bucketOf(url, functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/')}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `| ${k} | ${pct(v)} |`)
      .join('\n');
  return `Self time, ${(total / 1e6).toFixed(1)} s sampled\n\n| where | share |\n| --- | ---: |\n${top(buckets, 25)}\n\n| function | share |\n| --- | ---: |\n${top(functions, 30)}\n`;
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
await migrate(pool);
const fx = await seedFixture(pool);
await pool.end();

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
process.env.BENCH_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${DIR}`;
const app = await startApp(databaseUrl);
try {
  const sessions = await ownerSessions(app.base, fx, args.connections);
  const spec = which === 'users' ? userManagementCase(app.base, fx, sessions) : dashboardCase(app.base, fx, sessions);
  const result = await runCase(spec, { connections: args.connections, duration: args.duration, warmup: args.warmup });
  console.log(`${spec.name}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors`);
} finally {
  await app.stop();
}
const file = readdirSync(DIR).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile in ${DIR}: did the app exit through its shutdown?`);
console.log(summarize(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Profile));
console.log(`Profile: ${join(DIR, file)} (open in Chrome DevTools > Performance)`);
