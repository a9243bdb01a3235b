// The real app and the real command-line tools as child processes, on the test database, with
// everything they print kept (to check what a production process would write to its logs).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const PROCESS_SECRET = 'process-test-secret-0123456789-abcdefghij';

/** The environment of a child process: the test database, no test-runner variables. */
function childEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const drop = new Set([
    'TEST_DATABASE_URL',
    'SMTP_URL',
    'NODE_OPTIONS',
    'VITEST',
    'VITEST_WORKER_ID',
    'VITEST_POOL_ID',
  ]);
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !drop.has(k))),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: PROCESS_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'process-')),
    ...extra,
  };
}

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => done(port));
    });
  });
}

function collect(child: ChildProcess) {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return () => out;
}

/** Runs a src/cli script to its end: its exit code and everything it printed. */
export async function runCli(
  script: string,
  args: string[],
  databaseUrl: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: childEnv(databaseUrl, { LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, output: output() };
}

export interface AppProcess {
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** `npm start` on the test database with request logging on (LOG_LEVEL info, NODE_ENV development). */
export async function startAppProcess(databaseUrl: string): Promise<AppProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: childEnv(databaseUrl, {
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      COOKIE_SECURE: 'false',
      PUBLIC_URL: baseUrl,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return { baseUrl, output, stop };
    } catch {
      // not listening yet: poll again (a child process, not the app's clock)
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`app did not answer within 60 s:\n${output()}`);
}
