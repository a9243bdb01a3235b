// SPEC rules 23-24 through a real SMTP server (smtp-server on a loopback port): the invitation
// arrives by SMTP, its link carries a working token; a failed send is recorded with its error,
// the invitation stays pending, and Resend works once mail is back.
import { listInvitations } from '../../src/services/invitations/invitation-list.js';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { userActor } from '../../src/services/actor.js';
import { cancelInvitation, invite, resendInvitation } from '../../src/services/invitations/invitations.js';
import { acceptInvitation } from '../../src/services/invitations/accept.js';
import { viewInvitation } from '../../src/services/invitations/accept.js';
import { configureMail, mailMode } from '../../src/services/mail/mailer.js';
import { getAccess } from '../../src/services/memberships/memberships.js';
import { requestPasswordReset } from '../../src/services/auth/email-links.js';
import { buildAccountWithOwner, buildUser, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { buildTestApp } from '../helpers/http.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

useTestDatabase();

let sink: TestSmtpServer;
let app: ReturnType<typeof buildTestApp>;
const FROM = 'Client Area <no-reply@example.com>';

beforeAll(async () => {
  sink = await startSmtpServer();
  app = buildTestApp({ smtpUrl: sink.url });
});

afterAll(async () => {
  await sink?.stop();
});

function useSink() {
  configureMail({ smtpUrl: sink.url, from: FROM, dataDir: mkdtempSync(join(tmpdir(), 'mail-')) });
}

function inviteTokenFrom(links: string[]): string {
  const link = links.find((l) => /\/invite\/[A-Za-z0-9_-]+$/.test(l));
  if (!link) throw new Error(`no /invite/<token> link among ${JSON.stringify(links)}`);
  return new URL(link).pathname.split('/').pop() ?? '';
}

describe('invitation email through SMTP (rules 23-24)', () => {
  it('the sink receives the Account Access Invitation and its /invite/<token> link opens the invitation', async () => {
    useSink();
    expect(mailMode()).toBe('smtp');
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('smtp-invitee');
    const result = await invite(userActor(owner.id), account.id, email, ['invoices']);
    expect(result.mail.status).toBe('sent');

    const message = await sink.waitFor((m) => m.envelopeTo.includes(email));
    expect(message.subject).toContain(account.companyName);
    expect(message.subject).toContain(owner.firstName);
    expect(message.envelopeFrom).toBe('no-reply@example.com');
    expect(`${message.text}\n${message.html}`).toContain(account.companyName);

    const token = inviteTokenFrom(message.links);
    expect(token).toBe(result.token);
    // The link's token opens the invitation naming the account (what GET /invite/<token> shows).
    const view = await viewInvitation(token);
    expect(view).toMatchObject({ accountId: account.id, accountName: account.companyName, email });

    const row = await db().emailLog.findUniqueOrThrow({ where: { id: result.mail.emailId } });
    expect(row).toMatchObject({
      recipient: email,
      template: 'invitation',
      status: 'sent',
      error: null,
      accountId: account.id,
    });
    expect(row.sentAt).not.toBeNull();

    const user = await buildUser();
    await acceptInvitation(token, user.id);
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['invoices']);
  });

  it('GET /invite/<token> from the received email answers 200 and names the account; after Cancel it is a clear 410', async () => {
    useSink();
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('smtp-page');
    const result = await invite(userActor(owner.id), account.id, email, ['tickets']);
    const message = await sink.waitFor((m) => m.envelopeTo.includes(email));
    const link = message.links.find((l) => l.includes('/invite/'));
    expect(link).toBeDefined();
    const path = new URL(link ?? '').pathname;

    const page = await supertest(app).get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(account.companyName);
    expect(page.text).toContain(owner.firstName);

    await cancelInvitation(userActor(owner.id), result.invitation.id);
    const dead = await supertest(app).get(path);
    expect(dead.status).toBe(410);
    expect(dead.text).toMatch(/cancel/i);
    expect(dead.text).not.toContain(account.companyName);
  });

  it('the app serves requests with this mail configuration (smoke: /healthz)', async () => {
    const res = await supertest(app).get('/healthz');
    expect(res.status).toBe(200);
  });

  it('password reset mail goes out by SMTP with a working link path', async () => {
    useSink();
    const user = await buildUser();
    await requestPasswordReset(user.email);
    const message = await sink.waitFor((m) => m.envelopeTo.includes(user.email));
    expect(message.links.some((l) => /\/password\/reset\/[A-Za-z0-9_-]{43}$/.test(l))).toBe(true);
  });
});

describe('a failed send (rule 24): recorded, invitation kept, resendable', () => {
  it('records status failed with the error, keeps the invitation pending, and Resend delivers once mail works', async () => {
    const { account, owner } = await buildAccountWithOwner();
    const email = uniqueEmail('smtp-fail');
    configureMail({ smtpUrl: 'smtp://127.0.0.1:1', from: FROM, dataDir: mkdtempSync(join(tmpdir(), 'mail-')) });
    let result;
    try {
      result = await invite(userActor(owner.id), account.id, email, ['emails']);
    } finally {
      useSink();
    }
    expect(result.mail.status).toBe('failed');
    expect(result.mail.error).toBeTruthy();
    expect(result.invitation.status).toBe('pending');

    const row = await db().emailLog.findUniqueOrThrow({ where: { id: result.mail.emailId } });
    expect(row).toMatchObject({ recipient: email, template: 'invitation', status: 'failed', accountId: account.id });
    expect(row.error).toBeTruthy();
    expect(row.sentAt).toBeNull();
    const listed = (await listInvitations(account.id)).find((i) => i.id === result.invitation.id);
    expect(listed?.state).toBe('pending');
    expect(sink.messagesTo(email)).toHaveLength(0);

    const resent = await resendInvitation(userActor(owner.id), result.invitation.id);
    expect(resent.mail.status).toBe('sent');
    const message = await sink.waitFor((m) => m.envelopeTo.includes(email));
    const token = inviteTokenFrom(message.links);
    expect(token).toBe(resent.token);
    await expect(viewInvitation(result.token)).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    const user = await buildUser();
    await acceptInvitation(token, user.id);
    expect((await getAccess(user.id, account.id))?.permissions).toEqual(['emails']);
  });
});

describe('password reset request (rule 25): the answer does not wait for delivery', () => {
  it('resolves with the email recorded while the SMTP server has not even greeted yet', async () => {
    // A server that accepts connections and never says a word: a delivery would hang on it.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as AddressInfo).port;
    configureMail({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, dataDir: mkdtempSync(join(tmpdir(), 'mail-')) });
    try {
      const user = await buildUser();
      await requestPasswordReset(user.email);
      // The answer came before any message existed; the worker records it right after.
      let row = await db().emailLog.findFirst({ where: { recipient: user.email, template: 'password_reset' } });
      for (let i = 0; !row && i < 250; i++) {
        await new Promise((r) => setTimeout(r, 20));
        row = await db().emailLog.findFirst({ where: { recipient: user.email, template: 'password_reset' } });
      }
      if (!row) throw new Error('no password_reset email recorded');
      expect(row.status).toBe('queued'); // still waiting on the silent server: the caller did not
      expect(row.bodyText).toContain('/password/reset/[link-removed]');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
