// Invitation expiry (SPEC rules 12 and 22). A .global test: these tests move the clock past 7
// days and run the expiry sweep, which expires every pending invitation in the database, also
// those other test files are using at the same moment. So this file runs alone, after the
// others (see vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock, DAY } from '../../src/lib/clock.js';
import { userActor } from '../../src/services/actor.js';
import { expireInvitations, invite, resendInvitation } from '../../src/services/invitations/invitations.js';
import { acceptInvitation } from '../../src/services/invitations/accept.js';
import { viewInvitation } from '../../src/services/invitations/accept.js';
import { getAccess } from '../../src/services/memberships/memberships.js';
import { buildAccountWithOwner, buildUser, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { codeOf, useLocalMail } from '../helpers/services.js';

useTestDatabase();
useLocalMail();

const SEVEN_DAYS = 7 * DAY;

async function ownedAccountWithInvite(permissions: string[] = ['invoices', 'tickets'], email = uniqueEmail('invitee')) {
  const { account, owner } = await buildAccountWithOwner();
  const result = await invite(userActor(owner.id, '198.51.100.1'), account.id, email, permissions);
  return { account, owner, email, ...result };
}

async function entriesSince(accountId: number, sinceId: number) {
  return db().activityLog.findMany({ where: { accountId, id: { gt: sinceId } }, orderBy: { id: 'asc' } });
}

async function watermark(): Promise<number> {
  const last = await db().activityLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0;
}

describe('expiry (rule 12): 7 days after it was sent', () => {
  it('revives an expired invitation for another 7 days', async () => {
    const { owner, invitation } = await ownedAccountWithInvite();
    advanceClock(SEVEN_DAYS + 1);
    await expireInvitations();
    const resent = await resendInvitation(userActor(owner.id), invitation.id);
    expect(resent.invitation.status).toBe('pending');
    const user = await buildUser();
    await acceptInvitation(resent.token, user.id);
    expect(await getAccess(user.id, invitation.accountId)).not.toBeNull();
  });

  it('expireInvitations marks past-due invitations expired, attributed to System with the account', async () => {
    const { account, invitation, token } = await ownedAccountWithInvite();
    advanceClock(SEVEN_DAYS + 1);
    expect(await expireInvitations()).toBeGreaterThanOrEqual(1);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('expired');
    expect(await codeOf(viewInvitation(token))).toBe('INVITATION_EXPIRED');
    const entry = await db().activityLog.findFirstOrThrow({
      where: {
        accountId: account.id,
        description: { contains: `Invitation ID: ${invitation.id}` },
        actorType: 'system',
      },
    });
    expect(entry).toMatchObject({ actorType: 'system', userId: null, adminId: null, accountId: account.id });
  });
});

describe('activity entries name actor, account and IP (rule 22)', () => {
  it('expireInvitations: a System entry carrying the account, no user, no admin, no IP', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { invitation } = await invite(userActor(owner.id), account.id, uniqueEmail('inv'), ['tickets']);
    const since = await watermark();
    advanceClock(7 * DAY + 1);
    await expireInvitations();
    const entries = (await entriesSince(account.id, since)).filter((e) =>
      e.description.includes(`Invitation ID: ${invitation.id}`),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorType: 'system',
      userId: null,
      adminId: null,
      accountId: account.id,
      ip: '',
    });
  });
});
