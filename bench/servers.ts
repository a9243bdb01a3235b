// Child processes for the load phase: the real app (src/server.ts) and the bare baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchEnv } from './env.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface Child {
  base: string;
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function start(
  script: string,
  env: NodeJS.ProcessEnv,
  readyPath: string,
  extraArgs: string[] = [],
): Promise<Child> {
  const port = Number(env.PORT);
  const proc = spawn(process.execPath, [...extraArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${script} exited with ${proc.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(base + readyPath)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${script} did not start within 60 s:\n${stderr}`);
    }
    await sleep(200);
  }
  const stop = async () => {
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  };
  return { base, port, proc, stop };
}

/**
 * The app as `npm start` runs it, `node --import tsx src/server.ts`: the same code production runs
 * compiled (`node dist/server.js`; tsx only transpiles at load time). BENCH_NODE_ARGS adds e.g. --cpu-prof.
 */
export async function startApp(databaseUrl: string): Promise<Child> {
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return start('src/server.ts', benchEnv(databaseUrl, await freePort()), '/healthz', extra);
}

export async function startBaseline(): Promise<Child> {
  return start('bench/baseline-server.ts', { ...process.env, PORT: String(await freePort()) }, '/');
}
