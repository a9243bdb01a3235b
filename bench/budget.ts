// Query budget, in-process: for ONE request to each page, the SQL statements it issues, counted
// at pg.Client#query (so Prisma's, the session store's and plain pg statements alike); statements
// on the session table are shown apart. An account-scoped page may send 3 in all.
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../src/app.js';
import { startRuntime } from '../src/boot.js';
import { parseConfig } from '../src/config.js';
import { benchEnv } from './env.js';
import type { Fixture } from './fixture.js';
import { BrowserSession } from './http.js';

export interface BudgetRow {
  page: string;
  prisma: number;
  sessionStore: number;
  status: number;
  /** An account-scoped page: at most 3 Prisma statements. */
  scoped: boolean;
  statements: string[];
}

export interface BudgetResult {
  rows: BudgetRow[];
  failures: string[];
}

export const MAX_SCOPED_STATEMENTS = 3;

export async function runQueryBudget(databaseUrl: string, fx: Fixture): Promise<BudgetResult> {
  // Every statement any part of the app sends (Prisma through adapter-pg, the session store, plain
  // pg in the services) goes through pg.Client#query: count there, so no path escapes the count.
  let prisma: string[] = [];
  let store: string[] = [];
  const clientQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text) (/"session"/.test(text) ? store : prisma).push(text);
    return clientQuery.apply(this, args);
  };
  const runtime = await startRuntime(parseConfig(benchEnv(databaseUrl)), { databaseUrl });
  const server = createApp({ runtime }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: BudgetRow[] = [];
  const failures: string[] = [];

  /**
   * Runs fn once to warm caches (compiled templates), then 3 times counted, keeping the run with
   * the fewest statements: the settings cache (5 s) expires now and then and would add one.
   */
  const measure = async (page: string, scoped: boolean, fn: () => Promise<number>) => {
    await fn();
    let best: BudgetRow | undefined;
    for (let i = 0; i < 3; i++) {
      await sleep(20);
      prisma = [];
      store = [];
      const status = await fn();
      await sleep(50); // anything the request left running after its response
      const row = { page, prisma: prisma.length, sessionStore: store.length, status, scoped, statements: [...prisma] };
      if (!best || row.prisma + row.sessionStore < best.prisma + best.sessionStore) best = row;
    }
    rows.push(best!);
    return best!;
  };

  try {
    const owner = new BrowserSession(base);
    await owner.login(fx.ownerEmail, fx.password);
    await owner.choose(fx.accountA.id);

    const dash = await measure('dashboard (GET /)', true, async () => (await owner.get('/')).status);
    if (dash.status !== 200) failures.push(`dashboard answered ${dash.status}`);

    const um = await measure(
      `user management, 50 users + 20 invitations (GET /account/users)`,
      true,
      async () => (await owner.get('/account/users')).status,
    );
    if (um.status === 404)
      failures.push('GET /account/users answered 404: the User Management page does not exist yet');
    else if (um.status !== 200) failures.push(`user management answered ${um.status}`);

    await owner.choose(fx.accountC.id);
    const um5 = await measure(
      `user management, 5 users (GET /account/users)`,
      true,
      async () => (await owner.get('/account/users')).status,
    );
    if (um.status === 200 && um5.status === 200 && um.prisma > um5.prisma) {
      failures.push(`N+1: user management issues ${um5.prisma} statements for 5 users but ${um.prisma} for 50`);
    }
    await owner.choose(fx.accountA.id);

    await measure(
      'choose-account page (GET /accounts/choose)',
      false,
      async () => (await owner.get('/accounts/choose')).status,
    );

    let to = fx.accountB;
    await measure('switch (POST /accounts/choose)', false, async () => {
      const res = await owner.post('/accounts/choose', { accountId: to.id });
      to = to === fx.accountB ? fx.accountA : fx.accountB;
      return res.status;
    });

    // Login: a fresh visitor each time; the GET is not counted, the POST is.
    let visitor = new BrowserSession(base);
    await measure('login (POST /login)', false, async () => {
      await visitor.get('/login');
      await sleep(20);
      prisma = [];
      store = [];
      const res = await visitor.post('/login', { email: fx.ownerEmail, password: fx.password });
      visitor = new BrowserSession(base);
      return res.status;
    });

    for (const r of rows) {
      const all = r.prisma + r.sessionStore;
      if (r.scoped && all > MAX_SCOPED_STATEMENTS)
        failures.push(`${r.page}: ${all} SQL statements with the session read (budget ${MAX_SCOPED_STATEMENTS})`);
    }
    return { rows, failures };
  } finally {
    await new Promise((r) => server.close(r));
    server.closeAllConnections?.();
    await runtime.close();
    (pg.Client.prototype as unknown as { query: unknown }).query = clientQuery;
  }
}
