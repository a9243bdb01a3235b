// The session-cleanup job (run once per interval for the fleet, src/jobs/): expired sessions of
// both areas go, live ones stay. A .global test: it deletes every expired session in the
// database, which other files create on purpose (see vitest.config.ts).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pruneExpiredSessions } from '../../src/services/users/sessions.js';
import { useTestDatabase } from '../helpers/db.js';

const t = useTestDatabase();

describe('pruneExpiredSessions', () => {
  it('deletes expired client and admin sessions and keeps the live ones', async () => {
    const sid = () => `cleanup-${randomBytes(8).toString('hex')}`;
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    const rows = { oldClient: sid(), liveClient: sid(), oldAdmin: sid(), liveAdmin: sid() };
    await t.prisma.session.createMany({
      data: [
        { sid: rows.oldClient, sess: {}, expire: past },
        { sid: rows.liveClient, sess: {}, expire: future },
      ],
    });
    await t.prisma.adminSession.createMany({
      data: [
        { sid: rows.oldAdmin, sess: {}, expire: past },
        { sid: rows.liveAdmin, sess: {}, expire: future },
      ],
    });
    expect(await pruneExpiredSessions()).toBeGreaterThanOrEqual(2);
    const client = await t.prisma.session.findMany({ where: { sid: { in: [rows.oldClient, rows.liveClient] } } });
    const admin = await t.prisma.adminSession.findMany({ where: { sid: { in: [rows.oldAdmin, rows.liveAdmin] } } });
    expect(client.map((r) => r.sid)).toEqual([rows.liveClient]);
    expect(admin.map((r) => r.sid)).toEqual([rows.liveAdmin]);
  });
});
