// The production topology without containers, for tests/integration/fleet.test.ts: the built app
// (`node dist/server.js`) started as several processes on one PostgreSQL database, and Debian's
// nginx in front of them as a child process with a generated config in a temporary folder. The
// proxy settings are deploy/nginx/proxy.conf itself, the file docker-compose.yml mounts.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export const ROOT = resolve(import.meta.dirname, '../..');
const PROXY_CONF = join(ROOT, 'deploy/nginx/proxy.conf');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** Debian's nginx, or undefined where it is not installed. */
export function findNginx(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
}

/** `npm run build` (incremental tsc): the fleet runs what production runs, dist/. */
export async function buildApp(): Promise<void> {
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT, timeout: 180_000 });
}

/** A new empty database beside the test database (same server and role), dropped by drop(). */
export async function createScratchDatabase(testUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${new URL(testUrl).pathname.slice(1)}_fleet_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: testUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface AppProcess {
  port: number;
  address: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit (SIGKILL after killAfterMs). Resolves with the exit code. */
  stop(killAfterMs?: number): Promise<number | null>;
}

/** The environment of a child that must not inherit the test runner's own database settings. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const drop = new Set(['DATABASE_URL', 'TEST_DATABASE_URL', 'SMTP_URL', 'NODE_OPTIONS', 'VITEST', 'VITEST_POOL_ID']);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !drop.has(k) && !k.startsWith('VITEST_')),
  ) as NodeJS.ProcessEnv;
  return { ...env, ...extra };
}

/** Starts `node dist/server.js`; resolves once it listens (or rejects with its output if it exits). */
export function spawnBuiltApp(env: Record<string, string>): {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

export async function startBuiltApp(env: Record<string, string>, readyPath = '/readyz'): Promise<AppProcess> {
  const port = await freePort();
  const { child, output, exited } = spawnBuiltApp({ HOST: '127.0.0.1', ...env, PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(base + readyPath).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app did not answer ${readyPath} within 60 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    address: `127.0.0.1:${port}`,
    child,
    output,
    exited,
    async stop(killAfterMs = 20_000) {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface Nginx {
  base: string;
  stop(): Promise<void>;
  errorLog(): string;
}

/**
 * nginx on a random loopback port, round robin over `upstreams` ("127.0.0.1:port"), with the
 * deployed proxy settings. Each response says which instance answered it in X-Upstream (for the
 * test only: nginx's $upstream_addr, "a, b" when a request was passed on to a second instance).
 */
export async function startNginx(nginxPath: string, upstreams: string[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-nginx-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const conf = `
${asRoot ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream app {
    zone app 64k;
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      include ${PROXY_CONF};
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(nginxPath, ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const errorLog = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '') + out;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${errorLog()}`);
    const up = await fetch(`${base}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start:\n${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    errorLog,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  body: string;
  location: string | null;
  /** Which instance answered (nginx's $upstream_addr). */
  upstream: string;
  headers: Headers;
}

/** A minimal browser through nginx: one client.sid cookie, the last form's CSRF token, no redirects followed. */
export class FleetBrowser {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Answer> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const first = c.split(';', 1)[0] ?? '';
      if (first.startsWith('client.sid=')) this.cookie = first;
    }
    const body = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    return {
      status: res.status,
      body,
      location: res.headers.get('location'),
      upstream: res.headers.get('x-upstream') ?? '',
      headers: res.headers,
    };
  }

  get(path: string): Promise<Answer> {
    return this.request(path);
  }

  post(path: string, fields: Record<string, string | number>): Promise<Answer> {
    const form = new URLSearchParams({
      ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
      _csrf: this.csrf,
    });
    return this.request(path, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** GET /login then POST /login; returns the POST's answer. */
  async login(email: string, password: string): Promise<Answer> {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}
