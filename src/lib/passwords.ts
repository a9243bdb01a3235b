// argon2id hashing. The argon2 package hashes on libuv's thread pool, off the event loop, but
// each hash keeps a core busy for tens of milliseconds: on a small machine a burst of logins
// would take every core and starve the event loop that serves everyone else's pages. So at most
// (cores - 1) hashes run at once and the rest wait their turn.
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import pLimit from 'p-limit';
import { AppError } from './errors.js';
import { msg } from './i18n.js';

const hashSlots = pLimit(Math.max(1, availableParallelism() - 1));

/**
 * Hashes allowed to wait for a slot. Past this, a request is answered 503 with Retry-After at
 * once rather than queued for seconds while every other page waits behind it (hardening item 7).
 */
export const MAX_WAITING_HASHES = 32;

function slot<T>(work: () => Promise<T>): Promise<T> {
  if (hashSlots.pendingCount >= MAX_WAITING_HASHES) {
    return Promise.reject(
      new AppError('BUSY', msg('We are very busy right now. Please try again in a few seconds.'), {}, 5),
    );
  }
  return hashSlots(work);
}

/** For the metrics: hashes running and waiting. */
export function hashQueueDepth(): { active: number; waiting: number } {
  return { active: hashSlots.activeCount, waiting: hashSlots.pendingCount };
}

let cost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function configurePasswordCost(memoryKib: number, timeCost: number): void {
  cost = { memoryCost: memoryKib, timeCost, parallelism: 1 };
}

export function hashPassword(plain: string): Promise<string> {
  return slot(() => argon2.hash(plain, { type: argon2.argon2id, ...cost }));
}

export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  if (!hash) {
    // Spend the same time as a real check so a missing user is not revealed by timing.
    await hashPassword(plain).catch((e: unknown) => {
      if (e instanceof AppError) throw e;
    });
    return false;
  }
  try {
    return await slot(() => argon2.verify(hash, plain));
  } catch (e) {
    if (e instanceof AppError) throw e;
    return false;
  }
}
