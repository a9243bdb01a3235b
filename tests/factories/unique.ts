// Unique values for factories: a per-process counter plus randomness, so rows made by test files
// running in parallel (separate processes) against one database never collide.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/lib/passwords.js';

let counter = 0;

/** A fresh lower-case token like `7-3fa9c1d2`. */
export function unique(): string {
  counter += 1;
  return `${counter}-${randomBytes(4).toString('hex')}`;
}

/** A unique lower-case email at example.test, e.g. `user-7-3fa9c1d2@example.test`. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${unique()}@example.test`;
}

/** The password every factory-made user and admin has (unless a hash is given). */
export const TEST_PASSWORD = 'Passw0rd!Long';

let hashed: Promise<string> | undefined;

/** argon2id hash of TEST_PASSWORD, computed once per test file and reused (argon2 is slow on purpose). */
export function testPasswordHash(): Promise<string> {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
}

/** A date `days` from today (negative for the past), for DATE columns. */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}
