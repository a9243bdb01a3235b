// For tests that call services directly (no HTTP): mail into a temporary local store, and the
// stable error code a service call ends with.
import { beforeAll } from 'vitest';
import { configureMail } from '../../src/services/mail/mailer.js';
import { testMailDir } from './outbox.js';

/** Registers a beforeAll that sends this file's mail to a temporary local store. */
export function useLocalMail(): void {
  beforeAll(() => {
    configureMail({ dataDir: testMailDir(), from: 'Test <no-reply@example.test>' });
  });
}

/** 'resolved', the AppError code the promise rejected with, or 'untyped: <message>'. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped: ${(e as Error).message}`;
  }
  return 'resolved';
}
