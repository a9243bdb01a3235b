// The results table: Markdown to bench/results/<label>.md (kept in git) and JSON beside it
// (gitignored) so another label's run can be compared.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { adminSummary, type AdminBench } from './admin.js';
import type { BudgetResult } from './budget.js';
import { verdict, type ExplainRow } from './explain.js';
import type { CaseResult } from './load.js';
import type { OpenLoopResult } from './open-loop.js';
import type { StormResult } from './storm.js';

export interface RunResults {
  label: string;
  date: string;
  machine: string;
  /** os.loadavg() at start and end: other work on the machine skews every figure. */
  load?: { start: number[]; end: number[] };
  options: { connections: number; duration: number; warmup: number };
  users: number;
  budget?: BudgetResult;
  cases: (CaseResult & { prisma?: number; sessionStore?: number })[];
  storm?: StormResult;
  /** Open-loop runs at a fixed rate. */
  fixedRate?: OpenLoopResult[];
  explain?: ExplainRow[];
  admin?: AdminBench;
  failures: string[];
}

const RESULTS = resolve(import.meta.dirname, 'results');
const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');

export function loadResults(label: string): RunResults | undefined {
  const file = resolve(RESULTS, `${label}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunResults) : undefined;
}

export function markdown(r: RunResults, other?: RunResults): string {
  const baseline = r.cases.find((c) => c.name.startsWith('baseline'));
  const floor = r.cases.find((c) => c.name.startsWith('floor'));
  const out = [
    `## Bench results: ${r.label}`,
    '',
    `${r.date} · ${r.machine} · load average ${r.load ? `${r.load.start.map((x) => x.toFixed(1)).join('/')} at start, ${r.load.end.map((x) => x.toFixed(1)).join('/')} at end` : '?'} · ${r.users.toLocaleString('en')} users in the database · ${r.options.connections} connections, ${r.options.duration} s per case after ${r.options.warmup} s warm-up`,
    '',
    '| case | req/s | ratio to baseline | cost ÷ floor | p50 ms | p95 ms | p99 ms | SQL/request (app + session table) | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of r.cases) {
    const ratio = baseline && c !== baseline ? `${f((100 * c.rps) / baseline.rps, 1)}%` : c === baseline ? '100%' : '–';
    // How many times the floor's cost per request (the inverse of throughput) this case costs.
    const vsFloor = floor && c !== baseline ? `${f(floor.rps / c.rps, 2)}×` : '–';
    const sql = c.prisma === undefined ? '–' : `${c.prisma} + ${c.sessionStore}`;
    out.push(
      `| ${c.name} | ${f(c.rps, 0)} | ${ratio} | ${vsFloor} | ${f(c.p50)} | ${f(c.p95)} | ${f(c.p99)} | ${sql} | ${c.errors} |`,
    );
  }
  if (r.fixedRate?.length) {
    out.push(
      '',
      '**Fixed rate, open loop** (latency from when each request was due):',
      '',
      '| case | rate | p50 ms | p95 ms | p99 ms | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const o of r.fixedRate)
      out.push(`| ${o.name} | ${o.rate}/s | ${f(o.p50)} | ${f(o.p95)} | ${f(o.p99)} | ${o.errors} |`);
  }
  const notes = r.cases.filter((c) => c.note).map((c) => `- ${c.name}: ${c.note}`);
  if (notes.length) out.push('', ...notes);
  if (r.storm) {
    const s = r.storm;
    out.push(
      '',
      `**Login storm**: ${s.dashboard.name}: p99 ${f(s.dashboard.p99)} ms (p50 ${f(s.dashboard.p50)}, ${s.dashboard.errors} errors) ` +
        `while ${f(s.loginsPerSecond)} logins/s completed (${s.loginsOk} ok, ${s.loginsFailed} failed, ${s.skipped ?? 0} ticks skipped with 40 in flight, login p99 ${f(s.loginP99)} ms).`,
    );
  }
  if (r.budget) {
    out.push(
      '',
      '### Query budget (one request, in-process; every statement at pg.Client#query: the app plus the session table)',
      '',
      '| page | status | app statements | session-table statements |',
      '| --- | ---: | ---: | ---: |',
    );
    for (const b of r.budget.rows)
      out.push(
        `| ${b.page}${b.scoped ? ' (account-scoped, budget 3 in all)' : ''} | ${b.status} | ${b.prisma} | ${b.sessionStore} |`,
      );
  }
  if (other) {
    out.push(
      '',
      `### p95 here (${r.label}, ${r.users.toLocaleString('en')} users) beside ${other.label} (${other.users.toLocaleString('en')} users)`,
      '',
    );
    out.push(
      `| case | p95 ${other.label} ms | p95 ${r.label} ms | ratio | req/s ${other.label} | req/s ${r.label} |`,
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const c of r.cases) {
      const o = other.cases.find((x) => x.name === c.name);
      if (o)
        out.push(
          `| ${c.name} | ${f(o.p95)} | ${f(c.p95)} | ${f(c.p95 / o.p95, 2)}× | ${f(o.rps, 0)} | ${f(c.rps, 0)} |`,
        );
    }
  }
  if (r.explain?.length) {
    out.push('', `### EXPLAIN (plans in ${r.label}-explain.md)`, '', '| query | plan |', '| --- | --- |');
    for (const e of r.explain) out.push(`| ${e.name} | ${verdict(e)} |`);
  }
  if (r.admin) out.push('', adminSummary(r.admin), '', `Plans in ${r.label}-admin.md.`);
  out.push(
    '',
    r.failures.length ? `**FAILED**:\n${r.failures.map((x) => `- ${x}`).join('\n')}` : '**Query budget: passed.**',
    '',
  );
  return out.join('\n');
}

export function save(r: RunResults, other?: RunResults): string {
  const md = markdown(r, other);
  writeFileSync(resolve(RESULTS, `${r.label}.md`), md);
  writeFileSync(
    resolve(RESULTS, `${r.label}.json`),
    JSON.stringify(
      {
        ...r,
        budget: r.budget && { ...r.budget, rows: r.budget.rows.map((x) => ({ ...x, statements: x.statements })) },
      },
      null,
      1,
    ),
  );
  return md;
}
