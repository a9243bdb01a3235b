// What a recipient actually received. The email log keeps messages with their one-time links cut
// out, so tests that follow a link read the delivered message instead: with local mail (the
// embedded default, and every test that does not start an SMTP sink) nodemailer's output is
// written to `<outbox>/<email id>.eml`.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { db } from '../../src/db/client.js';
import { localOutbox } from '../../src/services/mail/mailer.js';
import { parseMail, type ParsedMail } from './mime.js';

let mailDir: string | undefined;

/**
 * One local mail folder per test process: every app and service test of a file delivers there, so
 * a message sent before another app was built is still found.
 */
export function testMailDir(): string {
  mailDir ??= mkdtempSync(join(tmpdir(), 'mail-'));
  return mailDir;
}

/** The delivered message of an email-log row. Waits for deliveries still under way (queued mail). */
export async function deliveredMail(emailId: number, timeoutMs = 5_000): Promise<ParsedMail> {
  const outbox = localOutbox();
  if (!outbox) throw new Error('deliveredMail() needs local mail (configureMail without smtpUrl)');
  const file = join(outbox, `${String(emailId).padStart(6, '0')}.eml`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`email ${emailId} was not delivered to ${outbox}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return parseMail(readFileSync(file, 'utf8'));
}

/** The newest delivered message of a template to an address. */
export async function newestDelivered(to: string, template: string, timeoutMs = 5_000): Promise<ParsedMail> {
  // Some mail is sent by a worker after the request answered (services/auth/deferred-mail.ts).
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db().emailLog.findFirst({
      where: { recipient: to.toLowerCase(), template },
      orderBy: { id: 'desc' },
      select: { id: true },
    });
    if (row) return deliveredMail(row.id);
    if (Date.now() > deadline) throw new Error(`no ${template} email to ${to}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the deferred-mail worker has sent what was recorded for an address. */
export async function deferredMailSentTo(email: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await db().deferredEmail.count({ where: { email: email.toLowerCase() } })) > 0) {
    if (Date.now() > deadline) throw new Error('deferred mail was not sent');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The token of the first `<path>/<token>` link in the newest delivered message of a template. */
export async function deliveredToken(to: string, template: string, path: string): Promise<string> {
  const mail = await newestDelivered(to, template);
  const m = new RegExp(`${path}/([A-Za-z0-9_-]{20,})`).exec(mail.text + mail.html);
  if (!m?.[1]) throw new Error(`no ${path} link in the ${template} email to ${to}`);
  return m[1];
}
