// Admin settings (SPEC rule 20). A .global test: settings are process-wide, so this file runs
// alone, after the others (see vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { clearSettingsCache, getSettings } from '../../src/services/settings/settings.js';
import { db } from '../../src/db/client.js';
import { buildAccountWithOwner, buildUser } from '../factories/index.js';
import { deliveredMail } from '../helpers/outbox.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, loginAs, postForm } from '../helpers/http.js';

const t = useTestDatabase();
const session = useAdminSession();

describe('settings', () => {
  it('shows the mail mode and sends a test email to the admin', async () => {
    const page = await session.agent.get('/admin/settings');
    expect(page.text).toContain('Local store');
    const res = await postForm(session.agent, '/admin/settings/test-email', {});
    expect(res.status).toBe(302);
    const a = await t.prisma.admin.findUniqueOrThrow({ where: { id: session.admin.id } });
    expect(await t.prisma.emailLog.count({ where: { recipient: a.email, template: 'test' } })).toBe(1);
  });

  it('refuses a bad public URL and an empty company name', async () => {
    const res = await postForm(session.agent, '/admin/settings', { companyName: '', publicUrl: 'ftp://x' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter the company name.');
    expect(res.text).toContain('Enter a full URL');
  });

  it('"Disable Client Area User Management" makes /account/users answer 403 for an owner', async () => {
    // The setting is global: keep the window where it is on as short as possible, restore it after.
    const { owner } = await buildAccountWithOwner();
    const client = agentFor(session.app);
    await loginAs(client, owner.email);
    expect((await client.get('/account/users')).status).toBe(200);
    const current = await getSettings();
    try {
      const res = await postForm(session.agent, '/admin/settings', {
        companyName: current.companyName,
        publicUrl: current.publicUrl,
        disableClientUserManagement: 'on',
      });
      expect(res.status).toBe(302);
      expect((await t.prisma.setting.findUniqueOrThrow({ where: { key: 'disableClientUserManagement' } })).value).toBe(
        'true',
      );
      const refused = await client.get('/account/users');
      expect(refused.status).toBe(403);
    } finally {
      // Back to the defaults: no rows, so every process sees its own defaults again.
      await t.prisma.setting.deleteMany({
        where: { key: { in: ['disableClientUserManagement', 'companyName', 'publicUrl'] } },
      });
      clearSettingsCache();
    }
    expect((await client.get('/account/users')).status).toBe(200);
  });
});

describe('Settings: the From name and address', () => {
  it('is used for the mail sent afterwards', async () => {
    const settings = {
      companyName: 'Example Hosting',
      publicUrl: 'http://localhost:3000',
      disableClientUserManagement: '',
    };
    const save = await postForm(session.agent, '/admin/settings', {
      ...settings,
      mailFromName: 'Desk Team',
      mailFromAddress: 'desk@hosting.example',
    });
    expect(save.status).toBe(302);
    try {
      const user = await buildUser();
      await postForm(session.agent, `/admin/users/${user.id}/password-reset`, {});
      const row = await db().emailLog.findFirstOrThrow({ where: { recipient: user.email }, orderBy: { id: 'desc' } });
      const mail = await deliveredMail(row.id);
      expect(mail.from).toContain('Desk Team');
      expect(mail.from).toContain('desk@hosting.example');
    } finally {
      await postForm(session.agent, '/admin/settings', { ...settings, mailFromName: '', mailFromAddress: '' });
      clearSettingsCache();
    }
    const bad = await postForm(session.agent, '/admin/settings', { ...settings, mailFromAddress: 'nope' });
    expect(bad.status).toBe(400);
  });
});
