// Sessions in the database: an unchanged session's expiry is written at most once a minute.
import type { SessionData } from 'express-session';
import { describe, expect, it } from 'vitest';
import { ThrottledTouchStore } from '../../src/http/middleware/session.js';
import { useTestDatabase } from '../helpers/db.js';

const t = useTestDatabase();

const sessionExpiring = (at: Date) =>
  ({ cookie: { expires: at, originalMaxAge: 3_600_000 }, userId: 1 }) as unknown as SessionData;
const touch = (store: ThrottledTouchStore, sid: string, at: Date) =>
  new Promise<void>((resolve) => store.touch(sid, sessionExpiring(at), () => resolve()));
const expiryOf = async (sid: string) => (await t.prisma.session.findUniqueOrThrow({ where: { sid } })).expire.getTime();

describe('session store touch throttling', () => {
  it('writes the first touch and skips the next ones within a minute, per session', async () => {
    const store = new ThrottledTouchStore({
      pool: t.pool,
      tableName: 'session',
      createTableIfMissing: false,
      pruneSessionInterval: false,
    });
    const sid = `touch-${Date.now()}-${Math.random()}`;
    const other = `${sid}-other`;
    const start = new Date('2030-01-01T00:00:00Z');
    for (const id of [sid, other]) {
      await t.prisma.session.create({ data: { sid: id, sess: { userId: 1 }, expire: start } });
    }

    const first = new Date('2030-01-01T01:00:00Z');
    await touch(store, sid, first);
    expect(await expiryOf(sid)).toBe(first.getTime());

    await touch(store, sid, new Date('2030-01-01T02:00:00Z'));
    expect(await expiryOf(sid)).toBe(first.getTime()); // skipped: touched less than a minute ago

    await touch(store, other, new Date('2030-01-01T03:00:00Z'));
    expect(await expiryOf(other)).toBe(new Date('2030-01-01T03:00:00Z').getTime()); // another session is not throttled
    store.close();
  });
});
