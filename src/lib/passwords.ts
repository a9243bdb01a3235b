// argon2id hashing. The argon2 package hashes on libuv's thread pool, off the event loop, but
// each hash keeps a core busy for tens of milliseconds: on a small machine a burst of logins
// would take every core and starve the event loop that serves everyone else's pages. So at most
// (cores - 1) hashes run at once and the rest wait their turn.
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import pLimit from 'p-limit';

const hashSlots = pLimit(Math.max(1, availableParallelism() - 1));

let cost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function configurePasswordCost(memoryKib: number, timeCost: number): void {
  cost = { memoryCost: memoryKib, timeCost, parallelism: 1 };
}

/** Hashes running now and waiting for a slot (the /metrics gauge password_hash_queue). */
export function hashingQueue(): { running: number; waiting: number } {
  return { running: hashSlots.activeCount, waiting: hashSlots.pendingCount };
}

export function hashPassword(plain: string): Promise<string> {
  return hashSlots(() => argon2.hash(plain, { type: argon2.argon2id, ...cost }));
}

export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  if (!hash) {
    // Spend the same time as a real check so a missing user is not revealed by timing.
    await hashPassword(plain).catch(() => undefined);
    return false;
  }
  try {
    return await hashSlots(() => argon2.verify(hash, plain));
  } catch {
    return false;
  }
}
