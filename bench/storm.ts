// Event loop under a login storm: logins at a fixed rate (bounded in count and time) while the
// dashboard is asked at a fixed rate too (open loop). argon2 runs on libuv's pool, so the
// dashboard should barely move.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fixture } from './fixture.js';
import { BrowserSession } from './http.js';
import { dashboardAtRate, FIXED_RATE } from './fixed-rate.js';
import type { LoadOptions } from './load.js';
import type { OpenLoopResult } from './open-loop.js';
import { percentiles } from './stats.js';

export interface StormResult {
  /** The dashboard at FIXED_RATE requests/s, open loop, while the logins run. */
  dashboard: OpenLoopResult;
  loginsPerSecond: number;
  loginsOk: number;
  loginsFailed: number;
  loginP99: number;
  /** Ticks skipped because 2 × rate logins were still in flight. */
  skipped: number;
}

export async function runLoginStorm(
  base: string,
  fx: Fixture,
  sessions: BrowserSession[],
  emails: string[],
  opts: LoadOptions,
  rate = 20,
): Promise<StormResult> {
  let running = true;
  let ok = 0;
  let failed = 0;
  let skipped = 0;
  const times: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const maxLogins = Math.ceil(rate * (opts.warmup + opts.duration + 5));
  const deadline = Date.now() + (opts.warmup + opts.duration + 10) * 1000;
  const loop = (async () => {
    const start = performance.now();
    for (let i = 0; running && i < maxLogins && Date.now() < deadline; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // Bounded: when the app falls behind, the backlog does not grow without limit.
      if (inFlight.size >= 2 * rate) {
        skipped++;
        continue;
      }
      const p = (async () => {
        const t0 = performance.now();
        try {
          await new BrowserSession(base).login(emails[i % emails.length]!, fx.password);
          ok++;
          times.push(performance.now() - t0);
        } catch {
          failed++;
        }
      })();
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  })();
  const t0 = performance.now();
  await sleep(1000);
  const dashboard = await dashboardAtRate(
    `dashboard at ${FIXED_RATE}/s during ${rate} logins/s`,
    base,
    fx,
    sessions,
    opts.duration,
  );
  running = false;
  await loop;
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  return {
    dashboard,
    loginsPerSecond: ok / seconds,
    loginsOk: ok,
    loginsFailed: failed,
    loginP99: percentiles(times).p99,
    skipped,
  };
}
