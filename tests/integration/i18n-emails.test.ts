// Issue 15: every email goes out in its recipient's language, through the real SMTP sink. A user's
// own setting decides; an invitation to an address with no user yet is written in the inviting
// account's language (the inviting user's, or the owner's when staff invite); the Email Log
// records the language and the admin area (English) shows it. Arabic mail is right-to-left.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { userActor } from '../../src/services/actor.js';
import { requestPasswordReset } from '../../src/services/auth/email-links.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { configureMail, sendTemplate } from '../../src/services/mail/mailer.js';
import { REMOVED_TOKEN } from '../../src/services/mail/templates.js';
import { buildAccountWithOwner, buildAdmin, buildUser, uniqueEmail } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { startSmtpServer, type ReceivedMessage, type TestSmtpServer } from '../helpers/smtp.js';

useTestDatabase();
const staff = useAdminSession();

let sink: TestSmtpServer;

beforeAll(async () => {
  sink = await startSmtpServer();
});

afterAll(async () => {
  await sink?.stop();
});

// After useAdminSession's app (which configures mail for its own outbox): every send below goes
// through the SMTP sink.
beforeAll(() => {
  configureMail({
    smtpUrl: sink.url,
    from: 'Client Area <no-reply@example.com>',
    dataDir: mkdtempSync(join(tmpdir(), 'mail-')),
  });
});

const arrived = (email: string) => sink.waitFor((m) => m.envelopeTo.includes(email));
const body = (m: ReceivedMessage) => `${m.html}\n${m.text}`;

async function loggedRow(recipient: string, template: string) {
  return db().emailLog.findFirstOrThrow({ where: { recipient, template }, orderBy: { id: 'desc' } });
}

describe('invitations', () => {
  it('an existing German user invited by an English owner gets the invitation in German', async () => {
    const { account, owner } = await buildAccountWithOwner({ owner: { language: 'en' } });
    const invitee = await buildUser({ language: 'de' });
    const result = await invite(userActor(owner.id), account.id, invitee.email, ['invoices']);

    const mail = await arrived(invitee.email);
    expect(mail.subject).toBe(`${owner.firstName} ${owner.lastName} hat Sie zu ${account.companyName} eingeladen`);
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
    expect(body(mail)).toContain('Einladung zum Kontozugriff');
    expect(body(mail)).toContain('Einladung annehmen');
    expect(body(mail)).toContain(
      `hat Sie eingeladen, auf das Konto <strong>${account.companyName}</strong> zuzugreifen.`,
    );
    // The expiry date the German way (01.12.2026, 18:04 UTC), not the English one.
    expect(mail.text).toMatch(/läuft in 7 Tagen ab \(\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} UTC\)/);
    expect(body(mail)).not.toContain('Account Access Invitation');
    expect(body(mail)).not.toContain('invited you');

    // Logged in German too, and still without the usable token (issue 9 item 0).
    const row = await db().emailLog.findUniqueOrThrow({ where: { id: result.mail.emailId } });
    expect(row.language).toBe('de');
    expect(row.subject).toBe(mail.subject);
    expect(row.bodyText).toContain(REMOVED_TOKEN);
    expect(`${row.bodyHtml}${row.bodyText}`).not.toContain(result.token);
    expect(mail.links.some((l) => l.endsWith(`/invite/${result.token}`))).toBe(true);
  });

  it('an invitation to an unknown address from a German account arrives in German', async () => {
    const { account, owner } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const email = uniqueEmail('neu');
    const result = await invite(userActor(owner.id), account.id, email, ['tickets']);

    const mail = await arrived(email);
    expect(mail.subject).toContain('hat Sie zu');
    expect(body(mail)).toContain('Einladung zum Kontozugriff');
    expect((await db().emailLog.findUniqueOrThrow({ where: { id: result.mail.emailId } })).language).toBe('de');
  });

  it('staff inviting an unknown address to a German-owned account write in the owner’s language', async () => {
    const { account } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const admin = await buildAdmin();
    const email = uniqueEmail('vom-personal');
    await invite({ kind: 'admin', adminId: admin.id, ip: '' }, account.id, email, ['tickets']);

    const mail = await arrived(email);
    expect(body(mail)).toContain('Einladung zum Kontozugriff');
    expect((await loggedRow(email, 'invitation')).language).toBe('de');
  });

  it('an English user still gets English, whatever language the inviter reads', async () => {
    const { account, owner } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const invitee = await buildUser({ language: 'en' });
    await invite(userActor(owner.id), account.id, invitee.email, ['invoices']);

    const mail = await arrived(invitee.email);
    expect(mail.subject).toBe(`${owner.firstName} ${owner.lastName} invited you to ${account.companyName}`);
    expect(mail.html).toContain('<html lang="en" dir="ltr">');
    expect(body(mail)).toContain('Account Access Invitation');
    expect(body(mail)).not.toContain('Einladung');
    expect((await loggedRow(invitee.email, 'invitation')).language).toBe('en');
  });
});

describe('password reset', () => {
  it('a German user’s reset email is German, with its working link', async () => {
    const user = await buildUser({ language: 'de' });
    await requestPasswordReset(user.email);

    const mail = await arrived(user.email);
    expect(mail.subject).toBe('Passwort zurücksetzen');
    expect(body(mail)).toContain(`Guten Tag ${user.firstName},`);
    expect(body(mail)).toContain('jemand hat angefordert, das Passwort Ihres Benutzers zurückzusetzen.');
    expect(body(mail)).not.toContain('Someone asked');
    expect(mail.links.some((l) => /\/password\/reset\/[A-Za-z0-9_-]{43}$/.test(l))).toBe(true);
    const row = await loggedRow(user.email, 'password_reset');
    expect(row.language).toBe('de');
    expect(row.bodyText).toContain(REMOVED_TOKEN);
  });

  it('an Arabic user’s email is right-to-left and in Arabic', async () => {
    const user = await buildUser({ language: 'ar' });
    await requestPasswordReset(user.email);

    const mail = await arrived(user.email);
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain('<body dir="rtl"');
    expect(mail.subject).toBe('التحقق من إعادة تعيين كلمة المرور');
    expect(body(mail)).toContain('إعادة تعيين كلمة المرور');
    expect((await loggedRow(user.email, 'password_reset')).language).toBe('ar');
  });
});

describe('names and amounts', () => {
  it('a value put into a text is escaped, and money and dates are written the reader’s way', async () => {
    const email = uniqueEmail('rechnung');
    await sendTemplate({
      template: 'invoice_created',
      to: email,
      language: 'de',
      data: {
        firstName: '<b>Eve</b>',
        accountName: 'Müller & Söhne',
        invoiceId: 42,
        items: [{ description: 'Webhosting', amount: '1234.50' }],
        total: '1234.50',
        issuedAt: new Date('2026-12-01T00:00:00Z'),
        dueAt: new Date('2026-12-15T00:00:00Z'),
        link: 'https://example.test/invoices/42',
      },
    });
    const mail = await arrived(email);
    expect(mail.subject).toBe('Rechnung #42 erstellt');
    expect(mail.html).toContain('Guten Tag &lt;b&gt;Eve&lt;/b&gt;,');
    expect(mail.html).not.toContain('<b>Eve</b>');
    expect(mail.html).toContain('<strong>Müller &amp; Söhne</strong>');
    // 1.234,50 $ with a narrow no-break space before the sign, as Intl writes it in German.
    expect(mail.text).toMatch(/1\.234,50\s\$/);
    expect(mail.text).toContain('Rechnungsdatum 01.12.2026, fällig am 15.12.2026.');
  });

  it('an unknown language code falls back to English', async () => {
    const email = uniqueEmail('klingon');
    await sendTemplate({
      template: 'password_reset_confirmation',
      to: email,
      language: 'tlh',
      data: { firstName: 'K' },
    });
    const mail = await arrived(email);
    expect(mail.subject).toBe('Your password has been reset');
    expect((await loggedRow(email, 'password_reset_confirmation')).language).toBe('en');
  });
});

describe('the admin Email Log', () => {
  it('shows the language of each message in the list and in the message view, in English', async () => {
    const user = await buildUser({ language: 'de' });
    await requestPasswordReset(user.email);
    await arrived(user.email);
    const row = await loggedRow(user.email, 'password_reset');

    const list = await staff.agent.get(`/admin/emails?q=${encodeURIComponent(user.email)}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('<th scope="col">Language</th>');
    expect(list.text).toMatch(/data-testid="email-language">Deutsch \(de\)</);

    const view = await staff.agent.get(`/admin/emails/${row.id}`);
    expect(view.status).toBe(200);
    expect(view.text).toMatch(
      /<dt class="col-sm-2">Language<\/dt><dd class="col-sm-10" data-testid="email-language">Deutsch \(de\)<\/dd>/,
    );
  });

  it('shows each user’s language in the user list and on Manage User', async () => {
    const user = await buildUser({ language: 'de', lastName: `Sprache${Date.now()}` });
    const list = await staff.agent.get(`/admin/users?q=${encodeURIComponent(user.email)}`);
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/data-testid="user-language">Deutsch \(de\)</);

    const manage = await staff.agent.get(`/admin/users/${user.id}`);
    expect(manage.status).toBe(200);
    expect(manage.text).toMatch(/<option value="de" selected>Deutsch \(de\)<\/option>/);
  });
});
