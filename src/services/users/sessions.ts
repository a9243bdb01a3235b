// A user's client-area sessions: listed on Security Settings, ended on a password change.
import { db, type Tx } from '../../db/client.js';

/** Ends every client-area session of a user, except the one given (SPEC rule 25). */
export async function endUserSessions(userId: number, exceptSid?: string, tx: Tx = db()): Promise<number> {
  return tx.$executeRaw`DELETE FROM "session" WHERE ("sess"::jsonb ->> 'userId')::int = ${userId} AND "sid" <> ${exceptSid ?? ''}`;
}

export async function listUserSessions(userId: number) {
  return db().$queryRaw<
    { sid: string; expire: Date; ip: string | null; userAgent: string | null; createdAt: string | null }[]
  >`
    SELECT "sid", "expire", "sess"::jsonb ->> 'ip' AS "ip", "sess"::jsonb ->> 'userAgent' AS "userAgent",
           "sess"::jsonb ->> 'createdAt' AS "createdAt"
    FROM "session" WHERE ("sess"::jsonb ->> 'userId')::int = ${userId} ORDER BY "expire" DESC`;
}

/**
 * Deletes expired sessions of both areas. Run by the fleet's scheduler (src/jobs/) once per
 * interval across all instances; connect-pg-simple's own pruning timer, which every process
 * would run, is switched off (http/middleware/session.ts).
 */
export async function pruneExpiredSessions(): Promise<number> {
  const client = await db().$executeRaw`DELETE FROM "session" WHERE "expire" < now()`;
  const admin = await db().$executeRaw`DELETE FROM "admin_session" WHERE "expire" < now()`;
  return client + admin;
}
