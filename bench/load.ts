// Load cases, out of process: autocannon against the app child process and the baseline.
// Every answer is checked; an answer that is not the expected one counts as an error.
import autocannon from 'autocannon';
import type { Fixture } from './fixture.js';
import { BrowserSession, COOKIE_NAME, csrfFrom } from './http.js';
import { percentiles, type Latency } from './stats.js';

export interface CaseResult extends Latency {
  name: string;
  /** Requests per second (login: completed logins per second, GET /login not counted). */
  rps: number;
  responses: number;
  errors: number;
  note?: string;
}

export interface LoadOptions {
  connections: number;
  duration: number;
  warmup: number;
}

type Headers = Record<string, string | string[] | undefined>;
type Context = Record<string, unknown> & { slot?: number };
/** One step of autocannon's `requests`, typed loosely (its types lag behind its runtime). */
interface Step {
  method: 'GET' | 'POST';
  path: string;
  setupRequest?: (
    req: Step & { headers?: Record<string, string> },
    ctx: Context,
  ) => Step & { headers?: Record<string, string>; body?: string };
  onResponse?: (status: number, body: string, ctx: Context, headers: Headers) => void;
}

interface CaseSpec {
  name: string;
  url: string;
  requests: Step[];
  /** How many slots (per-connection state) to hand out; each client gets one. */
  slots?: number;
  /** Latencies come from these timings (login) rather than from every response. */
  ownTimings?: number[];
  counted?: () => number;
  /** Called between the warm-up and the measured run. */
  reset?: () => void;
  note?: string;
}

/** Counters filled by onResponse callbacks of the case being run. */
export const tally = { ok: 0, bad: 0, firstBad: '' };

function bad(what: string) {
  tally.bad++;
  if (!tally.firstBad) tally.firstBad = what;
}

/** A response header by name, whatever its case on the wire (autocannon keeps the raw case). */
export function header(headers: Headers, name: string): string | string[] | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function setCookieSid(headers: Headers): string | undefined {
  const raw = header(headers, 'set-cookie');
  for (const c of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const first = c.split(';', 1)[0]!;
    if (first.startsWith(`${COOKIE_NAME}=`)) return first;
  }
  return undefined;
}

async function cannon(spec: CaseSpec, opts: LoadOptions, seconds: number, latencies?: number[]) {
  let next = 0;
  const slots = spec.slots ?? opts.connections;
  const instance = autocannon({
    url: spec.url,
    connections: opts.connections,
    duration: seconds,
    timeout: 10,
    requests: spec.requests as unknown as autocannon.Request[],
    setupClient: (client: unknown) => {
      // Give each connection its own slot: autocannon clones the context from initialContext
      // whenever the request list starts over, so per-connection state lives outside it.
      const it = (
        client as { requestIterator: { initialContext: Context; resetContext(): void; rebuildRequest(): void } }
      ).requestIterator;
      it.initialContext = { slot: next++ % slots };
      it.resetContext();
      it.rebuildRequest();
    },
  } as autocannon.Options) as unknown as NodeJS.EventEmitter & Promise<autocannon.Result>;
  if (latencies) instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
  return instance as Promise<autocannon.Result>;
}

export async function runCase(spec: CaseSpec, opts: LoadOptions): Promise<CaseResult> {
  await cannon(spec, opts, opts.warmup);
  tally.ok = 0;
  tally.bad = 0;
  tally.firstBad = '';
  if (spec.ownTimings) spec.ownTimings.length = 0;
  spec.reset?.();
  const latencies: number[] = [];
  const result = await cannon(spec, opts, opts.duration, spec.ownTimings ? undefined : latencies);
  const seconds = result.duration || opts.duration;
  const counted = spec.counted ? spec.counted() : tally.ok + tally.bad;
  const errors = tally.bad + result.errors;
  return {
    name: spec.name,
    rps: counted / seconds,
    responses: counted,
    errors,
    ...percentiles(spec.ownTimings ?? latencies),
    note: [
      spec.note,
      tally.firstBad && `first unexpected answer: ${tally.firstBad}`,
      result.timeouts ? `${result.timeouts} timeouts` : '',
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/** n sessions of the owner, each with account A selected. */
export async function ownerSessions(base: string, fx: Fixture, n: number): Promise<BrowserSession[]> {
  const sessions: BrowserSession[] = [];
  for (let i = 0; i < n; i += 5) {
    const batch = Array.from({ length: Math.min(5, n - i) }, async () => {
      const s = new BrowserSession(base);
      await s.login(fx.ownerEmail, fx.password);
      await s.choose(fx.accountA.id);
      return s;
    });
    sessions.push(...(await Promise.all(batch)));
  }
  return sessions;
}

const slotOf = (ctx: Context) => ctx.slot ?? 0;

export function baselineCase(url: string): CaseSpec {
  return {
    name: 'baseline (bare Express 5)',
    url,
    requests: [
      { method: 'GET', path: '/', onResponse: (status: number) => (status === 200 ? tally.ok++ : bad(String(status))) },
    ],
  };
}

export function dashboardCase(
  base: string,
  fx: Fixture,
  sessions: BrowserSession[],
  name = 'dashboard (GET /)',
): CaseSpec {
  return {
    name,
    url: base,
    slots: sessions.length,
    requests: [
      {
        method: 'GET',
        path: '/',
        setupRequest: (req, ctx: Context) => ({
          ...req,
          headers: { ...req.headers, cookie: sessions[slotOf(ctx)]!.cookie },
        }),
        onResponse: (status: number, body: string) =>
          status === 200 && body.includes(fx.accountA.name) ? tally.ok++ : bad(`${status} ${body.slice(0, 60)}`),
      },
    ],
  };
}

export function userManagementCase(base: string, fx: Fixture, sessions: BrowserSession[]): CaseSpec {
  return {
    name: 'user management (GET /account/users, 50 users + 20 invitations)',
    url: base,
    slots: sessions.length,
    requests: [
      {
        method: 'GET',
        path: '/account/users',
        setupRequest: (req, ctx: Context) => ({
          ...req,
          headers: { ...req.headers, cookie: sessions[slotOf(ctx)]!.cookie },
        }),
        onResponse: (status: number, body: string) =>
          status === 200 && body.includes(fx.ownerEmail) && body.includes(`invitee20.${fx.tag}`)
            ? tally.ok++
            : bad(`${status} ${body.slice(0, 60)}`),
      },
    ],
  };
}

/**
 * POST /accounts/choose alternating A and B; each answer carries the new session id. Sessions
 * are lent from a free list for one request and given back with their new cookie: a request
 * cut off when a run ends leaves its session stale (the server already replaced its id), so that
 * session is never lent again. Pass about twice as many sessions as connections.
 */
export function switchCase(base: string, fx: Fixture, sessions: BrowserSession[]): CaseSpec {
  const target = sessions.map(() => fx.accountB.id);
  const free = sessions.map((_s, i) => i);
  return {
    name: 'switch (POST /accounts/choose, A/B)',
    url: base,
    requests: [
      {
        method: 'POST',
        path: '/accounts/choose',
        setupRequest: (req, ctx) => {
          // Built once before setupClient gives the connection its slot: never sent, lend nothing.
          const i = ctx.slot === undefined ? -1 : (free.shift() ?? Math.floor(Math.random() * sessions.length));
          ctx.lent = i;
          const s = sessions[Math.max(0, i)]!;
          return {
            ...req,
            headers: { ...req.headers, cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            body: `accountId=${target[Math.max(0, i)]}&_csrf=${encodeURIComponent(s.csrf)}`,
          };
        },
        onResponse: (status, _body, ctx, headers) => {
          const i = Number(ctx.lent);
          const sid = setCookieSid(headers);
          if (status === 302 && header(headers, 'location') === '/' && sid) {
            tally.ok++;
            sessions[i]!.cookie = sid;
            target[i] = target[i] === fx.accountA.id ? fx.accountB.id : fx.accountA.id;
            free.push(i);
          } else bad(`${status} -> ${String(header(headers, 'location'))}`);
        },
      },
    ],
  };
}

/** GET /login (cookie + _csrf) then POST /login, as a person does; users rotate over account A's 50. */
export function loginCase(base: string, emails: string[], password: string): CaseSpec {
  let n = 0;
  const timings: number[] = [];
  let logins = 0;
  let shed = 0;
  return {
    name: 'login (GET /login + POST /login, argon2id)',
    url: base,
    ownTimings: timings,
    counted: () => logins,
    reset: () => {
      logins = 0;
      shed = 0;
    },
    // 50 connections logging in at once on 2 cores overflow the bounded hash queue
    // (src/lib/passwords.ts): those answers are the designed 503 BUSY with Retry-After, counted
    // apart, neither as logins nor as errors.
    get note() {
      return `req/s = successful logins/s; latency = the POST of a successful login; ${shed} POSTs answered 503 BUSY (hash queue full, by design)`;
    },
    requests: [
      {
        method: 'GET',
        path: '/login',
        onResponse: (status: number, body: string, ctx: Context, headers: Headers) => {
          ctx.cookie = setCookieSid(headers);
          ctx.csrf = csrfFrom(body);
          if (status !== 200 || !ctx.cookie || !ctx.csrf) bad(`GET /login ${status}`);
        },
      },
      {
        method: 'POST',
        path: '/login',
        setupRequest: (req, ctx: Context) => {
          ctx.t0 = performance.now();
          const email = emails[n++ % emails.length]!;
          return {
            ...req,
            headers: {
              ...req.headers,
              cookie: String(ctx.cookie ?? ''),
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}&_csrf=${encodeURIComponent(String(ctx.csrf ?? ''))}`,
          };
        },
        onResponse: (status: number, _body: string, ctx: Context, headers: Headers) => {
          const to = String(header(headers, 'location') ?? '');
          if (status === 302 && to && !to.startsWith('/login')) {
            timings.push(performance.now() - Number(ctx.t0));
            logins++;
            tally.ok++;
          } else if (status === 503) shed++;
          else bad(`POST /login ${status} -> ${to}`);
        },
      },
    ],
  };
}
