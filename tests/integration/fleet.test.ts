// Issue 10, "run in production as a fleet": two instances of the BUILT app (`node dist/server.js`)
// on one PostgreSQL database of their own, behind Debian's nginx on loopback with the deployed
// proxy settings (deploy/nginx/proxy.conf), round robin, no sticky sessions. Everything below goes
// through nginx, as a browser's requests would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, setDatabase, type Database } from '../../src/db/client.js';
import { listMigrations } from '../../src/db/migrate.js';
import { adminActor } from '../../src/services/actor.js';
import { setSetting } from '../../src/services/settings/settings.js';
import {
  buildAccount,
  buildAccountWithOwner,
  buildAdmin,
  buildMembership,
  TEST_PASSWORD,
  uniqueEmail,
} from '../factories/index.js';
import {
  buildApp,
  createScratchDatabase,
  findNginx,
  FleetBrowser,
  spawnBuiltApp,
  startBuiltApp,
  startNginx,
  freePort,
  type AppProcess,
  type Nginx,
} from '../helpers/fleet.js';

const nginxPath = findNginx();
const onPostgres = inject('testDatabaseKind') === 'postgres';
if (!nginxPath) console.warn('[fleet] skipped: nginx is not installed here (apt-get install nginx)');
else if (!onPostgres) console.warn('[fleet] skipped: needs PostgreSQL (set TEST_DATABASE_URL); PGlite is one process');

const LOGIN_RATE_LIMIT = 5;
const JOB_INTERVAL_SECONDS = 1;

describe.skipIf(!nginxPath || !onPostgres)('a fleet: two built instances behind nginx on one PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let database: Database;
  let a: AppProcess;
  let b: AppProcess;
  let nginx: Nginx;
  const dataDirs: string[] = [];

  const env = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-app-'));
    dataDirs.push(dataDir);
    return {
      DATABASE_URL: scratch.url,
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
      SESSION_SECRET: 'fleet-test-secret-0123456789-0123456789-abcdef',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: String(LOGIN_RATE_LIMIT),
      JOB_INTERVAL_SECONDS: String(JOB_INTERVAL_SECONDS),
      SHUTDOWN_TIMEOUT_SECONDS: '5',
    };
  };

  beforeAll(async () => {
    await buildApp();
    scratch = await createScratchDatabase(inject('testDatabaseUrl'));
    // Both at once on an empty database: one migrates, the other waits on the advisory lock.
    [a, b] = await Promise.all([startBuiltApp(env()), startBuiltApp(env())]);
    nginx = await startNginx(nginxPath!, [a.address, b.address]);
    database = connectDatabase({ url: scratch.url, maxConnections: 3 });
    setDatabase(database);
  }, 240_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
    setDatabase(undefined);
    await scratch?.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('started both at once on an empty database: every migration applied exactly once', async () => {
    const rows = await database.pool.query<{ migration_name: string; n: number }>(
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY 1`,
    );
    expect(rows.rows).toEqual(listMigrations().map((m) => ({ migration_name: m.name, n: 1 })));
    for (const instance of [a, b]) {
      const ready = await fetch(`http://${instance.address}/readyz`);
      expect(await ready.json()).toEqual({ ready: true, database: 'ok', migrations: 'applied' });
    }
  });

  it('logs in and uses the client area while requests alternate between the instances', async () => {
    const { owner, account } = await buildAccountWithOwner({
      account: { companyName: `Fleet ${randomBytes(3).toString('hex')}` },
    });
    const browser = new FleetBrowser(nginx.base);
    const login = await browser.login(owner.email, TEST_PASSWORD);
    expect(login.status).toBe(302);
    expect(login.location).toBe('/');

    const answers = [login];
    for (const path of ['/', '/account/users', '/user/profile', '/user/security', '/account/activity', '/']) {
      const page = await browser.get(path);
      expect(page.status, `${path} via ${page.upstream}`).toBe(200);
      answers.push(page);
    }
    expect(answers[1]!.body).toContain(account.companyName!);
    expect(answers[2]!.body).toContain(owner.email);
    // Round robin, one worker: each request went to the other instance than the one before.
    const upstreams = answers.map((p) => p.upstream);
    expect(new Set(upstreams)).toEqual(new Set([a.address, b.address]));
    for (let i = 1; i < upstreams.length; i += 1) expect(upstreams[i]).not.toBe(upstreams[i - 1]);
  });

  it('a setting changed by one instance is seen by every instance at once (NOTIFY, not the 5 s cache)', async () => {
    const browser = new FleetBrowser(nginx.base);
    const before = await Promise.all([browser.get('/login'), browser.get('/login')]);
    expect(new Set(before.map((p) => p.upstream))).toEqual(new Set([a.address, b.address]));
    const warmedAt = Date.now();
    const name = `Fleet Hosting ${randomBytes(3).toString('hex')}`;
    const admin = await buildAdmin();
    await setSetting(adminActor(admin.id, '192.0.2.10'), 'companyName', name);
    const seen = new Set<string>();
    while (seen.size < 2) {
      const page = await browser.get('/login');
      if (page.body.includes(name)) seen.add(page.upstream);
      // Both instances read the settings within the last 5 s, so only the notification can explain it.
      expect(Date.now() - warmedAt, 'both instances showed the new name').toBeLessThan(1_500);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('holds the login throttle as one limit across both instances', async () => {
    const { owner } = await buildAccountWithOwner();
    const browser = new FleetBrowser(nginx.base);
    await browser.get('/login');
    const statuses: number[] = [];
    const upstreams = new Set<string>();
    for (let attempt = 0; attempt < 2 * LOGIN_RATE_LIMIT + 2; attempt += 1) {
      const res = await browser.post('/login', { email: owner.email, password: 'not-the-password' });
      statuses.push(res.status);
      upstreams.add(res.upstream);
      if (res.status === 429) break;
    }
    expect(upstreams).toEqual(new Set([a.address, b.address]));
    // LOGIN_RATE_LIMIT wrong passwords for one email in all, whichever instance took each.
    expect(statuses.indexOf(429), `statuses: ${statuses.join(', ')}`).toBe(LOGIN_RATE_LIMIT);
  });

  it('runs the expiry sweep on both instances and expires each invitation once, attributed to System', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const past = new Date(Date.now() - 60_000);
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const invitation = await database.prisma.invitation.create({
        data: {
          accountId: account.id,
          email: uniqueEmail('fleet-invitee'),
          tokenHash: randomBytes(32).toString('hex'),
          permissions: [],
          invitedByUserId: owner.id,
          sentAt: new Date(past.getTime() - 7 * 86_400_000),
          expiresAt: past,
        },
      });
      ids.push(invitation.id);
    }
    const deadline = Date.now() + 15_000;
    while ((await database.prisma.invitation.count({ where: { id: { in: ids }, status: 'expired' } })) < ids.length) {
      if (Date.now() > deadline) throw new Error('the sweep did not expire the invitations within 15 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    // Let both instances tick through a few more intervals: nothing more may be written.
    const runsBefore = await database.prisma.jobRun.count({ where: { job: 'invitation-expiry' } });
    await new Promise((r) => setTimeout(r, 3 * JOB_INTERVAL_SECONDS * 1000));
    const runs = await database.prisma.jobRun.findMany({ where: { job: 'invitation-expiry' } });
    expect(runs.length).toBeGreaterThan(runsBefore);
    expect(new Set(runs.map((r) => r.outcome))).toEqual(new Set(['ok']));
    expect(runs.every((r) => [a.child.pid, b.child.pid].some((pid) => r.instance.endsWith(`:${pid}`)))).toBe(true);

    const entries = await database.prisma.activityLog.findMany({
      where: { accountId: account.id, description: { startsWith: 'Invitation expired' } },
    });
    for (const id of ids) {
      const forThis = entries.filter((e) => e.description.endsWith(`(Invitation ID: ${id})`));
      expect(forThis, `activity entries for invitation ${id}`).toHaveLength(1);
      expect(forThis[0]).toMatchObject({ actorType: 'system', userId: null, adminId: null });
    }
    expect(entries).toHaveLength(ids.length);
  });

  it('a port already in use stops the start with a clear error, before a first admin is made or printed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-embedded-'));
    dataDirs.push(dataDir);
    const embedded = { DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1' };
    const taken = spawnBuiltApp({ ...embedded, PORT: String(a.port) });
    expect(await taken.exited).toBe(1);
    expect(taken.output()).toContain(`port ${a.port} on 127.0.0.1 is already in use`);
    expect(taken.output()).not.toMatch(/listening|First admin created/);

    // The next start on a free port is the real first start: the admin is made and shown now.
    const port = await freePort();
    const started = await startBuiltApp({ ...embedded, PORT: String(port) }, '/healthz');
    try {
      // Printed before the first request is served.
      expect(started.output()).toMatch(/First admin created[\s\S]*password:\s+\S{12,}/);
    } finally {
      expect(await started.stop()).toBe(0);
    }
  }, 60_000);

  it('SIGTERM to one instance under load: zero failed requests at nginx, in-flight POSTs finish, it exits 0', async () => {
    const WORKERS = 6;
    const workers = await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        const { owner, account } = await buildAccountWithOwner();
        const second = await buildAccount();
        await buildMembership({ accountId: second.id, userId: owner.id, permissions: [] });
        const browser = new FleetBrowser(nginx.base);
        const login = await browser.login(owner.email, TEST_PASSWORD);
        expect(login.status).toBe(302);
        // The session was renewed at login: its CSRF token is on the account chooser.
        expect((await browser.get(login.location!)).status).toBe(200);
        expect((await browser.post('/accounts/choose', { accountId: account.id })).status).toBe(302);
        expect((await browser.get('/')).status).toBe(200);
        return { browser, accounts: [account.id, second.id] };
      }),
    );

    interface Sent {
      method: string;
      started: number;
      ended: number;
      status: number;
      upstream: string;
      ok: boolean;
    }
    const sent: Sent[] = [];
    let sigtermAt = 0;
    const stopAt = Date.now() + 4_000;
    const loops = workers.map(async ({ browser, accounts }, w) => {
      for (let i = 0; Date.now() < stopAt && i < 2_000; i += 1) {
        const post = i % 2 === 1;
        const started = Date.now();
        const res = await (
          post ? browser.post('/accounts/choose', { accountId: accounts[(i + w) % 2]! }) : browser.get('/')
        ).catch((err: unknown) => ({ status: 0, location: null, body: String(err), upstream: '' }));
        const ok = post ? res.status === 302 && res.location === '/' : res.status === 200;
        sent.push({
          method: post ? 'POST' : 'GET',
          started,
          ended: Date.now(),
          status: res.status,
          upstream: res.upstream,
          ok,
        });
      }
    });
    // A login (argon2id: tens of milliseconds) sent straight to the instance about to stop, so a
    // POST is surely in its hands when the signal comes.
    const { owner: late } = await buildAccountWithOwner();
    const direct = new FleetBrowser(`http://${a.address}`);
    await direct.get('/login');
    await new Promise((r) => setTimeout(r, 1_000));
    const slowPost = direct
      .post('/login', { email: late.email, password: TEST_PASSWORD })
      .then((res) => ({ ...res, ended: Date.now() }));
    await new Promise((r) => setTimeout(r, 5));
    sigtermAt = Date.now();
    const stopped = a.stop().then((code) => ({ code, after: Date.now() - sigtermAt }));
    await Promise.all(loops);
    const { code, after: exitedWithin } = await stopped;

    const failed = sent.filter((s) => !s.ok);
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
    expect(code).toBe(0);
    // SHUTDOWN_TIMEOUT_SECONDS is 5: it drained well before that.
    expect(exitedWithin).toBeLessThan(5_000);
    // Requests kept flowing after the SIGTERM, answered by the instance left.
    const after = sent.filter((s) => s.started > sigtermAt + 200);
    expect(after.length).toBeGreaterThan(20);
    expect(after.every((s) => s.upstream.endsWith(b.address))).toBe(true);
    // POSTs the stopped instance had in hand when the signal came were answered, not cut, and
    // told their client not to reuse the connection.
    const slow = await slowPost;
    expect(slow.ended).toBeGreaterThan(sigtermAt);
    expect([slow.status, slow.location]).toEqual([302, '/']);
    expect(slow.headers.get('connection')).toBe('close');
    const inFlightPosts = sent.filter(
      (s) => s.method === 'POST' && s.upstream === a.address && s.started <= sigtermAt && s.ended >= sigtermAt,
    );
    console.log(
      `[fleet] ${sent.length} requests, ${inFlightPosts.length} POSTs in flight on the stopped instance at SIGTERM, ` +
        `${sent.filter((s) => s.upstream.includes(',')).length} passed on by nginx, exit after ${exitedWithin} ms`,
    );
  }, 60_000);
});
