// The fixed-rate cases: the dashboard (and the floor) at a rate a busy instance serves, open loop.
import type { Fixture } from './fixture.js';
import type { BrowserSession } from './http.js';
import { openLoop, type OpenLoopResult } from './open-loop.js';

export const FIXED_RATE = 200;

/** GET / at `rate` per second, rotating over the logged-in sessions; the body must name account A. */
export function dashboardAtRate(
  name: string,
  base: string,
  fx: Fixture,
  sessions: BrowserSession[],
  seconds: number,
  rate = FIXED_RATE,
): Promise<OpenLoopResult> {
  return openLoop(
    name,
    base,
    (i) => ({
      path: '/',
      headers: { cookie: sessions[i % sessions.length]!.cookie },
      ok: (status, body) => status === 200 && body.includes(fx.accountA.name),
    }),
    rate,
    seconds,
  );
}
