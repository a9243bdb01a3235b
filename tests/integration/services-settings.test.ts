// SPEC rules 11 and 20: "Disable Client Area User Management". When on, owners are refused every
// user-management action (USER_MANAGEMENT_DISABLED) while admins still may. setSetting is an
// admin action on the system itself: its activity entry carries no account (rule 22).
//
// The setting is global state in the database. On real PostgreSQL other test files run at the
// same time against the same database, and an owner there would be refused while this file has
// the setting on. So on PostgreSQL this file runs in its own freshly migrated schema; on PGlite
// files run one at a time and it uses the shared database (and resets the setting afterwards).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, setDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { userActor, adminActor } from '../../src/services/actor.js';
import { cancelInvitation, invite, resendInvitation } from '../../src/services/invitations/invitations.js';
import { configureMail } from '../../src/services/mail/mailer.js';
import {
  assertCanManageUsers,
  getAccess,
  removeUser,
  updatePermissions,
} from '../../src/services/memberships/memberships.js';
import { clearSettingsCache, getSetting, setSetting } from '../../src/services/settings/settings.js';
import { buildAccountWithOwner, buildAdmin, buildAuthorizedUser, uniqueEmail } from '../factories/index.js';
import { connectTestDatabase, isPglite, testDatabaseUrl } from '../helpers/db.js';
import { codeOf } from '../helpers/services.js';

let database: Database | undefined;

beforeAll(async () => {
  configureMail({ dataDir: mkdtempSync(join(tmpdir(), 'mail-')), from: 'Test <no-reply@example.test>' });
  if (isPglite()) {
    database = connectTestDatabase();
  } else {
    const schema = `iso_settings_${randomBytes(5).toString('hex')}`;
    const url = testDatabaseUrl();
    const setup = new pg.Pool({ connectionString: url, max: 1 });
    await setup.query(`CREATE SCHEMA "${schema}"`);
    await setup.end();
    const pool = new pg.Pool({ connectionString: url, max: 5, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined);
    await migrate(pool);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema }) });
    database = {
      prisma,
      pool,
      url,
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
        const drop = new pg.Pool({ connectionString: url, max: 1 });
        await drop.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
        await drop.end();
      },
    };
  }
  setDatabase(database);
  clearSettingsCache();
});

afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

let systemAdminId = 0;
async function systemAdmin() {
  systemAdminId ||= (await buildAdmin()).id;
  return adminActor(systemAdminId, '192.0.2.1');
}

afterEach(async () => {
  // Never leave the setting on for anyone else.
  await db().setting.upsert({
    where: { key: 'disableClientUserManagement' },
    create: { key: 'disableClientUserManagement', value: 'false' },
    update: { value: 'false' },
  });
  clearSettingsCache();
});

describe('disable client area user management (rule 11)', () => {
  it('is off by default: the owner may manage users', async () => {
    const { account, owner } = await buildAccountWithOwner();
    expect(await getSetting('disableClientUserManagement')).toBe(false);
    await expect(assertCanManageUsers(userActor(owner.id), account.id)).resolves.toBeUndefined();
  });

  it('when on, refuses the owner every user-management action with USER_MANAGEMENT_DISABLED', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['emails']);
    const pending = await invite(userActor(owner.id), account.id, uniqueEmail('invitee'), ['invoices']);

    await setSetting(await systemAdmin(), 'disableClientUserManagement', true);
    clearSettingsCache();
    const actor = userActor(owner.id);
    expect(await codeOf(assertCanManageUsers(actor, account.id))).toBe('USER_MANAGEMENT_DISABLED');
    expect(await codeOf(invite(actor, account.id, uniqueEmail('x'), ['invoices']))).toBe('USER_MANAGEMENT_DISABLED');
    expect(await codeOf(updatePermissions(actor, account.id, user.id, ['invoices']))).toBe('USER_MANAGEMENT_DISABLED');
    expect(await codeOf(removeUser(actor, account.id, user.id))).toBe('USER_MANAGEMENT_DISABLED');
    expect(await codeOf(resendInvitation(actor, pending.invitation.id))).toBe('USER_MANAGEMENT_DISABLED');
    expect(await codeOf(cancelInvitation(actor, pending.invitation.id))).toBe('USER_MANAGEMENT_DISABLED');

    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['emails']);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: pending.invitation.id } })).status).toBe('pending');
  });

  it('when on, an admin actor may still invite, change permissions, resend, cancel and remove', async () => {
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['emails']);
    const admin = await systemAdmin();

    await setSetting(admin, 'disableClientUserManagement', true);
    clearSettingsCache();
    const inv = await invite(admin, account.id, uniqueEmail('invitee'), ['invoices']);
    expect(inv.invitation.invitedByAdminId).toBe(admin.adminId);
    await resendInvitation(admin, inv.invitation.id);
    await cancelInvitation(admin, inv.invitation.id);
    await updatePermissions(admin, account.id, user.id, ['tickets']);
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['tickets']);
    await removeUser(admin, account.id, user.id);
    expect(await getAccess(user.id, account.id)).toBeNull();
  });

  it('turning it off again lets the owner manage users again', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const admin = await systemAdmin();
    await setSetting(admin, 'disableClientUserManagement', true);
    clearSettingsCache();
    expect(await codeOf(assertCanManageUsers(userActor(owner.id), account.id))).toBe('USER_MANAGEMENT_DISABLED');
    await setSetting(admin, 'disableClientUserManagement', false);
    clearSettingsCache();
    await expect(assertCanManageUsers(userActor(owner.id), account.id)).resolves.toBeUndefined();
  });
});

describe('settings activity (rule 22): an admin change to the system carries no account', () => {
  it('setSetting writes an admin entry with adminId, ip and accountId null', async () => {
    const admin = await systemAdmin();
    const started = new Date(Date.now() - 1000);
    await setSetting(admin, 'companyName', 'Example Hosting');
    expect(await getSetting('companyName')).toBe('Example Hosting');
    const entry = await db().activityLog.findFirstOrThrow({
      where: { adminId: admin.adminId, description: { contains: 'companyName' }, createdAt: { gte: started } },
      orderBy: { id: 'desc' },
    });
    expect(entry).toMatchObject({
      actorType: 'admin',
      adminId: admin.adminId,
      userId: null,
      accountId: null,
      ip: '192.0.2.1',
    });
  });
});
