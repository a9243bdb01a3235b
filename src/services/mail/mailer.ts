// Email: one place that renders a template, sends it through nodemailer and records it in
// the email log (SPEC rules 23-24). A failed send is recorded with its error, never lost.
// With SMTP_URL mail goes out by SMTP; without it each message is written as an .eml file
// under DATA_DIR/mail and kept in the log, readable in the admin area.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatsFor } from '../../lib/format.js';
import { DEFAULT_LANGUAGE, directionOf, supportedLanguage, translator } from '../../lib/i18n.js';
import ejs from 'ejs';
import type { TFunction, TOptions } from 'i18next';
import nodemailer, { type Transporter } from 'nodemailer';
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { mailDeliveries } from '../../lib/metrics.js';
import { getSettings } from '../settings/settings.js';
import {
  ONE_TIME_LINK_TEMPLATES,
  REMOVED_TOKEN,
  TEMPLATES,
  USER_ONLY_TEMPLATES,
  type MailData,
  type TemplateName,
} from './templates.js';
import { logger } from '../../logger.js';
import { VIEWS_DIR } from '../../paths.js';

interface MailState {
  transport: Transporter;
  mode: 'smtp' | 'local';
  from: string;
  outbox?: string;
}

let state: MailState | undefined;
const VIEWS = join(VIEWS_DIR, 'emails');

export function configureMail(options: { smtpUrl?: string; from: string; dataDir: string }): void {
  if (options.smtpUrl) {
    state = { transport: nodemailer.createTransport(options.smtpUrl), mode: 'smtp', from: options.from };
  } else {
    const outbox = join(options.dataDir, 'mail');
    state = {
      transport: nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
      mode: 'local',
      from: options.from,
      outbox,
    };
  }
}

export function mailMode(): 'smtp' | 'local' {
  return current().mode;
}

/** Where the embedded default writes each delivered message (`<email id>.eml`); unset with SMTP. */
export function localOutbox(): string | undefined {
  return current().outbox;
}

function current(): MailState {
  if (!state) throw new Error('mail used before configureMail()');
  return state;
}

export interface SendRequest {
  template: TemplateName;
  to: string;
  data: MailData;
  accountId?: number | null;
  userId?: number | null;
  /** One-time tokens in `data`: delivered, but cut out of the copy kept in the email log. */
  secrets?: readonly string[];
  /**
   * The recipient's language (issue 15), decided by the caller: the user's own setting; for an
   * invitation to an address with no user yet, the inviter's (recipientLanguage in invitations.ts);
   * English when nobody's is known (staff, guests). A code we have no files for falls back to English.
   */
  language?: string | null;
}

/**
 * The `t` the email views use: the template's text is ours (it may hold markup, and is printed
 * with <%- %>), while every value put into it is escaped here, because names, subjects and
 * messages come from people.
 */
function htmlTranslator(t: TFunction): TFunction {
  const escapeValues = (options: Record<string, unknown> = {}) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options)) out[k] = typeof v === 'string' ? ejs.escapeXML(v) : v;
    return out;
  };
  return ((key: string, options?: Record<string, unknown>) => t(key, escapeValues(options) as TOptions)) as TFunction;
}

/**
 * The sender: the From name/address of Settings when an address is set there, else MAIL_FROM
 * from the environment (issue 14: staff change it without a restart).
 */
function senderOf(settings: { mailFromName: string; mailFromAddress: string; companyName: string }) {
  if (!settings.mailFromAddress) return current().from;
  return { name: settings.mailFromName || settings.companyName, address: settings.mailFromAddress };
}

type Sender = string | { name: string; address: string };

export interface SendResult {
  emailId: number;
  status: 'sent' | 'stored' | 'failed';
  error?: string;
}

/** Renders, records and delivers a message; resolves once delivery succeeded or failed. */
export async function sendTemplate(req: SendRequest): Promise<SendResult> {
  return (await queueTemplate(req)).delivery;
}

/**
 * Renders and records a message, then starts delivering it without waiting. For answers that
 * must not take longer when the message exists (a password reset for a known email) than when
 * it does not. The delivery's outcome is recorded in the email log either way.
 */
export async function queueTemplate(req: SendRequest): Promise<{ emailId: number; delivery: Promise<SendResult> }> {
  const settings = await getSettings();
  const data = { companyName: settings.companyName, baseUrl: settings.publicUrl, ...req.data };
  const language = supportedLanguage(req.language) ?? DEFAULT_LANGUAGE;
  const t = translator(language, 'emails');
  const secrets = req.secrets ?? [];
  if (ONE_TIME_LINK_TEMPLATES.has(req.template) && secrets.length === 0) {
    throw new Error(`the ${req.template} email carries a one-time link: pass its token in secrets`);
  }
  const subject = TEMPLATES[req.template](t, data);
  const html = await ejs.renderFile(
    join(VIEWS, `${req.template}.ejs`),
    { ...data, subject, t: htmlTranslator(t), fmt: formatsFor(language), lang: language, dir: directionOf(language) },
    { root: VIEWS_DIR },
  );
  const text = htmlToText(html);
  const row = await db().emailLog.create({
    data: {
      recipient: req.to,
      subject: withoutSecrets(subject, secrets),
      template: req.template,
      bodyHtml: withoutSecrets(html, secrets),
      bodyText: withoutSecrets(text, secrets),
      status: 'queued',
      language,
      accountId: USER_ONLY_TEMPLATES.has(req.template) ? null : (req.accountId ?? null),
      userId: req.userId ?? null,
      createdAt: now(),
    },
  });
  // The message with its live link exists only here, on its way out.
  const delivery = deliver(row.id, { from: senderOf(settings), to: req.to, subject, html, text });
  // Never an unhandled rejection, even if nobody waits for it.
  delivery.catch((err: unknown) => logger.error({ err, emailId: row.id }, 'recording a delivery failed'));
  return { emailId: row.id, delivery };
}

function withoutSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.replaceAll(secret, REMOVED_TOKEN), text);
}

/**
 * Sends a logged message again as it was stored (the admin's "resend" for failed messages). A
 * message whose one-time link was cut out of the log cannot be resent this way.
 */
export async function resendLogged(emailId: number): Promise<SendResult> {
  const row = await db().emailLog.findUniqueOrThrow({ where: { id: emailId } });
  if (ONE_TIME_LINK_TEMPLATES.has(row.template as TemplateName) || row.bodyText.includes(REMOVED_TOKEN)) {
    throw new Error(`email ${emailId} carried a one-time link; issue a new one instead of resending it`);
  }
  return deliver(row.id, {
    from: senderOf(await getSettings()),
    to: row.recipient,
    subject: row.subject,
    html: row.bodyHtml,
    text: row.bodyText,
  });
}

async function deliver(
  emailId: number,
  message: { from: Sender; to: string; subject: string; html: string; text: string },
): Promise<SendResult> {
  const { transport, mode, outbox } = current();
  try {
    const info = (await transport.sendMail(message)) as { message?: Buffer };
    if (mode === 'local' && outbox && info.message) {
      // The delivered message keeps its live links: the app user's alone.
      mkdirSync(outbox, { recursive: true, mode: 0o700 });
      writeFileSync(join(outbox, `${String(emailId).padStart(6, '0')}.eml`), info.message, { mode: 0o600 });
    }
    const status = mode === 'smtp' ? 'sent' : 'stored';
    await db().emailLog.update({ where: { id: emailId }, data: { status, error: null, sentAt: now() } });
    mailDeliveries.inc({ outcome: status });
    return { emailId, status };
  } catch (err) {
    const error = (err as Error).message || String(err);
    mailDeliveries.inc({ outcome: 'failed' });
    await db().emailLog.update({ where: { id: emailId }, data: { status: 'failed', error } });
    return { emailId, status: 'failed', error };
  }
}

function htmlToText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<br\s*\/?>|<\/p>|<\/h\d>|<\/li>|<\/tr>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&quot;|&#34;/g, '"')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}
