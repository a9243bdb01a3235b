// Issue 2, "the embedded default": the real server started as `npm start` would, with no
// DATABASE_URL and no SMTP: it applies migrations on PGlite in DATA_DIR, prints a first admin
// once, registers a user through the real form, and after a restart the user is still there.
// Independent of the shared test database.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from '../helpers/mime.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'Tr0ub4dor&3-horse-battery';

interface Server {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  stop(): Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolvePort(port));
    });
  });
}

async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const unset = new Set([
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'SMTP_URL',
    'SESSION_SECRET',
    'PUBLIC_URL',
    'NODE_OPTIONS',
    'VITEST',
    'VITEST_WORKER_ID',
    'VITEST_POOL_ID',
  ]);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.has(name)));
  Object.assign(env, {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'info',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: Server = {
    child,
    baseUrl,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`server did not answer /healthz within 60 s:\n${out}`);
}

function csrfFrom(html: string): string {
  const m = /<meta name="csrf-token" content="([^"]+)"/.exec(html) ?? /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

const dataDir = mkdtempSync(join(tmpdir(), 'embedded-smoke-'));

/** Paths under dir that a group or other users could read (mode bits 0o077). */
function readableByOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return found;
}

/** The first .eml in DATA_DIR/mail whose text contains `needle` (waits for the mail worker). */
async function mailOnDisk(dir: string, needle: string): Promise<string> {
  const outbox = join(dir, 'mail');
  for (let i = 0; i < 1000; i++) {
    const files = existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      const text = decodeQuotedPrintable(readFileSync(join(outbox, f), 'utf8'));
      if (text.includes(needle)) return text;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no mail containing "${needle}" in ${outbox}`);
}
const running: Server[] = [];

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop().catch(() => null)));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded default (issue 2): no DATABASE_URL, data in DATA_DIR, survives a restart', () => {
  const email = `smoke-${Date.now()}@example.test`;

  it('first start: migrates, prints the first admin once, and registers a user through the real form', async () => {
    const server = await startServer(dataDir);
    running.push(server);
    expect(server.output()).toMatch(/First admin created/);
    expect(server.output()).toMatch(/password:\s+\S{12,}/);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(true);

    const agent = supertest.agent(server.baseUrl);
    const page = await agent.get('/register');
    expect(page.status).toBe(200);
    const res = await agent
      .post('/register')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        firstName: 'Smoke',
        lastName: 'Tester',
        companyName: 'Smoke Test Ltd',
        email,
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        address1: '1 Test Street',
        city: 'Testville',
        postcode: '12345',
        country: 'US',
        phone: '+1 555 0100',
        acceptTerms: 'on',
      });
    // "Check your email", whether or not the address was taken (hardening item 6).
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    expect(res.text).toContain('data-testid="check-email"');

    // Mail is stored locally (no SMTP): the activation email, with its live link, is on disk.
    const mail = await mailOnDisk(dataDir, 'Confirm your email address');
    const link = /\/register\/activate\/[A-Za-z0-9_-]{43}/.exec(mail)?.[0];
    expect(link).toBeTruthy();
    const confirmed = await agent.get(link ?? '');
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);

    // Hardening item 10: DATA_DIR and every folder in it is the app user's alone (0700), so no
    // other user can reach a file in it; files other than the ones PGlite creates while running
    // (it asks for 0666 and ignores the umask) are 0600 too, and those are tightened at each start.
    const open = readableByOthers(dataDir);
    expect(
      open.filter((p) => !p.includes(`${join(dataDir, 'pglite')}/`) || lstatSync(p.split(' ')[0] ?? '').isDirectory()),
    ).toEqual([]);
  }, 120_000);

  it('answers the same email again exactly like a new one, and tells the owner instead', async () => {
    const server = running[0];
    if (!server) throw new Error('first start failed');
    const agent = supertest.agent(server.baseUrl);
    const page = await agent.get('/register');
    const res = await agent
      .post('/register')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        firstName: 'Again',
        lastName: 'Tester',
        email: email.toUpperCase(),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        address1: '1 Test Street',
        city: 'Testville',
        postcode: '12345',
        country: 'US',
        phone: '+1 555 0100',
        acceptTerms: 'on',
      });
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="check-email"');
    expect(res.text).not.toMatch(/already in use|already exists/i);
    expect(await mailOnDisk(dataDir, 'Someone tried to register with your email address')).toContain(email);
    const next = await agent.get('/login');
    expect(next.status).toBe(200);
  }, 60_000);

  it('restart with the same DATA_DIR: no new admin printed, and the registered user can log in', async () => {
    const first = running.shift();
    if (!first) throw new Error('first start failed');
    expect(await first.stop()).toBe(0);
    // Left readable by an older version: tightened at the next start.
    writeFileSync(join(dataDir, 'mail', 'left-over.eml'), 'old', { mode: 0o644 });
    chmodSync(join(dataDir, 'mail', 'left-over.eml'), 0o644);

    const second = await startServer(dataDir);
    running.push(second);
    expect(second.output()).not.toMatch(/First admin created/);
    const open = readableByOthers(dataDir).filter((p) => !p.includes(`${join(dataDir, 'pglite')}/`));
    expect(open).toEqual([]);
    expect(lstatSync(join(dataDir, 'mail', 'left-over.eml')).mode & 0o777).toBe(0o600);

    const agent = supertest.agent(second.baseUrl);
    const page = await agent.get('/login');
    expect(page.status).toBe(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password: PASSWORD });
    expect(res.status, res.text.slice(0, 500)).toBe(302);
    expect(res.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Smoke');

    const stranger = supertest.agent(second.baseUrl);
    const wrong = await stranger.get('/login');
    const bad = await stranger
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(wrong.text), email, password: 'wrong-password-here' });
    expect(bad.status).not.toBe(302);
  }, 120_000);
});
