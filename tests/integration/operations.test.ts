// Issue 10, "operable": liveness and readiness probes, Prometheus metrics behind METRICS_TOKEN, and
// a clear error when the port cannot be had. (Graceful shutdown and the rest of the fleet's
// behaviour run against real processes in fleet.test.ts.)
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { connectDatabase, setDatabase } from '../../src/db/client.js';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { markDraining } from '../../src/lib/lifecycle.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { createHttpServer, ListenError } from '../../src/process/http-server.js';
import { configureMail, sendTemplate } from '../../src/services/mail/mailer.js';
import { buildTestApp } from '../helpers/http.js';
import { testMailDir } from '../helpers/outbox.js';
import { useTestDatabase } from '../helpers/db.js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const t = useTestDatabase();
const TOKEN = 'metrics-token-0123456789abcdef';

describe('GET /healthz and /readyz', () => {
  it('healthz: the process answers; readyz: the database answers and every migration is applied', async () => {
    const app = buildTestApp();
    const live = await supertest(app).get('/healthz');
    expect([live.status, live.body]).toEqual([200, { ok: true }]);
    const ready = await supertest(app).get('/readyz');
    expect([ready.status, ready.body]).toEqual([200, { ready: true, database: 'ok', migrations: 'applied' }]);
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('readyz answers 503 while the database is unreachable, and recovers with it', async () => {
    const app = buildTestApp();
    const dead = connectDatabase({ url: 'postgresql://nobody@127.0.0.1:1/nothing', maxConnections: 1 });
    setDatabase(dead);
    try {
      const res = await supertest(app).get('/readyz');
      expect([res.status, res.body]).toEqual([503, { ready: false, database: 'unreachable', migrations: 'unknown' }]);
      expect((await supertest(app).get('/healthz')).status).toBe(200);
    } finally {
      setDatabase(t.database);
      await dead.close();
    }
    expect((await supertest(app).get('/readyz')).status).toBe(200);
  });

  it('readyz answers 503 while a migration this build ships is not applied yet', async () => {
    if (t.isPglite) return; // needs a second schema on a second connection
    const schema = `readyz_${randomBytes(5).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    const first = listMigrations()[0]!.name;
    cpSync(join(MIGRATIONS_DIR, first), join(dir, first), { recursive: true });
    await t.pool.query(`CREATE SCHEMA "${schema}"`);
    const pool = new pg.Pool({ connectionString: t.url, max: 1, options: `-c search_path="${schema}"` });
    await migrate(pool, dir);
    await pool.end();
    const url = new URL(t.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const partial = connectDatabase({ url: url.toString(), maxConnections: 1 });
    setDatabase(partial);
    try {
      const res = await supertest(buildTestApp()).get('/readyz');
      expect([res.status, res.body]).toEqual([503, { ready: false, database: 'ok', migrations: 'pending' }]);
    } finally {
      setDatabase(t.database);
      await partial.close();
      await t.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /metrics (Prometheus)', () => {
  it('is not there unless METRICS_TOKEN is set', async () => {
    const res = await supertest(buildTestApp()).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('http_requests_total');
  });

  it('refuses a request without the token, or with another one', async () => {
    const app = buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
    const none = await supertest(app).get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await supertest(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('http_requests_total');
  });

  it('counts requests by route pattern and status, and times them', async () => {
    const app = buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
    await supertest(app).get('/login');
    await supertest(app).get(`/invite/${randomBytes(16).toString('hex')}`);
    await supertest(app).get('/no/such/page');
    const res = await supertest(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^http_requests_total\{method="GET",route="\/login",status="200"\} 1$/m);
    // The pattern, never the token: the number of series stays bounded.
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/invite\/:token",status="\d+"\} 1/);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} 1/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/login",status="200"\} 1/);
    expect(res.text).toContain('process_cpu_seconds_total');
  });

  it('reports the database pool in use and waiting, and the password-hashing queue', async () => {
    const app = buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
    const scrape = async () => (await supertest(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).text;
    const gauge = (text: string, series: string) =>
      Number(new RegExp(`^${series.replace(/[{}"]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);

    // Every connection lent out, and one more query waiting for one.
    const held = await Promise.all(Array.from({ length: t.pool.options.max ?? 1 }, () => t.pool.connect()));
    const waiting = t.pool.query('SELECT 1');
    let text = await scrape();
    expect(gauge(text, 'db_pool_connections{state="in_use"}')).toBe(held.length);
    expect(gauge(text, 'db_pool_waiting')).toBeGreaterThanOrEqual(1);
    for (const c of held) c.release();
    await waiting;

    // More hashes than slots: (cores - 1) run, the rest wait.
    const slots = Math.max(1, availableParallelism() - 1);
    const hashes = Array.from({ length: slots + 2 }, () => hashPassword('a password to hash'));
    text = await scrape();
    expect(gauge(text, 'password_hash_queue{state="running"}')).toBe(slots);
    expect(gauge(text, 'password_hash_queue{state="waiting"}')).toBe(2);
    await Promise.all(hashes);
    text = await scrape();
    expect(gauge(text, 'password_hash_queue{state="waiting"}')).toBe(0);
  });

  it('counts mails by outcome: stored locally, sent by SMTP, failed', async () => {
    const app = buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
    const scrape = async () => (await supertest(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).text;
    const count = (text: string, outcome: string) =>
      Number(new RegExp(`^mail_deliveries_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    const before = await scrape();

    configureMail({ dataDir: testMailDir(), from: 'Test <no-reply@example.test>' });
    expect((await sendTemplate({ template: 'test', to: 'metrics@example.test', data: {} })).status).toBe('stored');
    // Nothing listens on this port: the delivery fails and is counted as failed.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    configureMail({
      smtpUrl: `smtp://127.0.0.1:${closed}`,
      dataDir: testMailDir(),
      from: 'Test <no-reply@example.test>',
    });
    expect((await sendTemplate({ template: 'test', to: 'metrics@example.test', data: {} })).status).toBe('failed');

    const after = await scrape();
    expect(count(after, 'stored') - count(before, 'stored')).toBe(1);
    expect(count(after, 'failed') - count(before, 'failed')).toBe(1);
  });
});

describe('binding the port', () => {
  it('a port already in use is a ListenError that says so, not a crash later', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const http = createHttpServer((_req, res) => res.end('never'));
      const failure = await http.listen(port, '127.0.0.1').catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ListenError);
      expect((failure as Error).message).toBe(
        `Cannot start: port ${port} on 127.0.0.1 is already in use by another process. Stop that process or set PORT to a free port.`,
      );
      expect(http.server.listening).toBe(false);
    } finally {
      blocker.close();
    }
  });
});

describe('draining', () => {
  // Last in this file: the process stays "draining" afterwards.
  it('readyz answers 503 from SIGTERM on, while liveness stays 200', async () => {
    const app = buildTestApp();
    markDraining();
    const res = await supertest(app).get('/readyz');
    expect([res.status, res.body]).toEqual([503, { ready: false, draining: true }]);
    expect((await supertest(app).get('/healthz')).status).toBe(200);
  });
});
