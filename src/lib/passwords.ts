// argon2id hashing. The argon2 package hashes on libuv's thread pool, off the event loop.
import argon2 from 'argon2';

let cost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function configurePasswordCost(memoryKib: number, timeCost: number): void {
  cost = { memoryCost: memoryKib, timeCost, parallelism: 1 };
}

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id, ...cost });
}

export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  if (!hash) {
    // Spend the same time as a real check so a missing user is not revealed by timing.
    await argon2.hash(plain, { type: argon2.argon2id, ...cost }).catch(() => undefined);
    return false;
  }
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}
