// Throttles (hardening issue, item 4): counters that every instance shares, kept in PostgreSQL
// by rate-limiter-flexible's PostgreSQL store (table "throttles"), so two instances enforce one
// limit and a restart forgets nothing. Each purpose has its own rule and key prefix: a login
// failure never uses up a password-reset request, or the other way round.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type pg from 'pg';
import { database } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

export interface ThrottleRule {
  /** Distinct per purpose: the key prefix in the table. */
  name: string;
  /** How many hits the window allows. */
  points: number;
  /** The window, in seconds, from the first hit. */
  windowSeconds: number;
  /** What the person reads when the limit is reached. */
  message: string;
}

const limiters = new WeakMap<pg.Pool, Map<string, RateLimiterPostgres>>();

function limiterFor(rule: ThrottleRule): RateLimiterPostgres {
  const pool = database().pool;
  let byName = limiters.get(pool);
  if (!byName) limiters.set(pool, (byName = new Map()));
  const key = `${rule.name}:${rule.points}:${rule.windowSeconds}`;
  let limiter = byName.get(key);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'throttles',
      tableCreated: true,
      // Expired rows are deleted by the periodic job, once for the fleet, not by a timer here.
      clearExpiredByTimeout: false,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.windowSeconds,
    });
    byName.set(key, limiter);
  }
  return limiter;
}

const secondsUntil = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

export function throttled(rule: ThrottleRule, retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', rule.message, {}, retryAfterSeconds);
}

/** Counts one hit; throws RATE_LIMITED when this hit goes past the rule's points. */
export async function hit(rule: ThrottleRule, key: string, customWindowSeconds?: number): Promise<void> {
  try {
    await limiterFor(rule).consume(key, 1, customWindowSeconds ? { customDuration: customWindowSeconds } : {});
  } catch (e) {
    if (e instanceof RateLimiterRes) throw throttled(rule, secondsUntil(e));
    throw e;
  }
}

/** Counts one hit and returns the hits so far in the window, without refusing anything. */
export async function count(rule: ThrottleRule, key: string, customWindowSeconds?: number): Promise<number> {
  try {
    const res = await limiterFor(rule).consume(
      key,
      1,
      customWindowSeconds ? { customDuration: customWindowSeconds } : {},
    );
    return res.consumedPoints;
  } catch (e) {
    if (e instanceof RateLimiterRes) return e.consumedPoints;
    throw e;
  }
}

/** Throws RATE_LIMITED when the key has no hits left, without counting one. */
export async function assertNotExhausted(rule: ThrottleRule, key: string): Promise<void> {
  const res = await limiterFor(rule).get(key);
  if (res && res.consumedPoints >= rule.points) throw throttled(rule, secondsUntil(res));
}

/** Hits counted so far in the current window (0 when none). */
export async function hitsSoFar(rule: ThrottleRule, key: string): Promise<number> {
  return (await limiterFor(rule).get(key))?.consumedPoints ?? 0;
}

/** Forgets a key (a successful login clears its failures). */
export async function clear(rule: ThrottleRule, key: string): Promise<void> {
  await limiterFor(rule).delete(key);
}

/** The periodic job: rows whose window ended long ago. */
export async function pruneThrottles(): Promise<number> {
  const { rowCount } = await database().pool.query('DELETE FROM "throttles" WHERE "expire" < $1', [
    Date.now() - 3_600_000,
  ]);
  return rowCount ?? 0;
}
