// Issue 14: the first start with DATABASE_URL (an empty PostgreSQL database, where no admin is
// made for you) says on the admin login page how to create the first admin; once
// `npm run admin:create` made one, the page is a plain login again. The real server and the real
// CLI run as child processes against a database of their own, created and dropped here (the test
// role may create databases, locally and in CI). Real PostgreSQL only.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isPglite, useTestDatabase } from '../helpers/db.js';

const ROOT = resolve(import.meta.dirname, '../..');
const t = useTestDatabase();

const freePort = () =>
  new Promise<number>((ok, ko) => {
    const srv = createServer();
    srv.once('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });

/** A command's exit status and output, awaited (not spawnSync: see where it is used). */
const run = (file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (err, stdout, stderr) =>
      ok({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });

let child: ChildProcess | undefined;
let dropFresh: (() => Promise<void>) | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await dropFresh?.();
});

describe.skipIf(isPglite())('first start with DATABASE_URL', () => {
  it('tells on the admin login page how to create the first admin, until one exists', async () => {
    const name = `fresh_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    dropFresh = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    const url = new URL(t.url);
    url.pathname = `/${name}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url.toString(),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'fresh-')),
      SESSION_SECRET: 'first-admin-test-secret-0123456789-abcdef',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'development',
      COOKIE_SECURE: 'false',
      HOST: '127.0.0.1',
    };
    // A free port can be taken by another file's server before ours binds it (the server then
    // exits, "port in use"): try again on another one.
    let base = '';
    for (let attempt = 0; attempt < 3 && !base; attempt++) {
      env.PORT = String(await freePort());
      const started = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: ROOT,
        env,
        stdio: 'ignore',
      });
      child = started;
      const deadline = Date.now() + 60_000;
      while (started.exitCode === null && Date.now() < deadline) {
        const up = await fetch(`http://127.0.0.1:${env.PORT}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (up && started.exitCode === null) {
          base = `http://127.0.0.1:${env.PORT}`;
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (!base) throw new Error('the server did not start');
    const before = await (await fetch(`${base}/admin/login`)).text();
    expect(before).toContain('data-testid="first-admin-hint"');
    expect(before).toContain('npm run admin:create -- --email you@example.com');

    // Run without blocking this process: a spawnSync froze the event loop for the CLI's seconds,
    // so the server's closing of the idle keep-alive socket was only seen after fetch had reused
    // it ("other side closed").
    const cli = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/admin-create.ts', '--email', 'first@example.test'],
      {
        cwd: ROOT,
        env,
      },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('Admin created: first@example.test');
    expect(cli.stdout).toMatch(/Password \(shown once\): \S{20}/);

    const after = await (await fetch(`${base}/admin/login`)).text();
    expect(after).not.toContain('first-admin-hint');
    expect(after).toContain('Admin Login');
  }, 120_000);
});
