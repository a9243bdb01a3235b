// The email templates: their subjects, which carry one-time links, which belong to a user only.
// Subjects are keys of the `emails` namespace, made with the `t` of the recipient's language
// (src/services/mail/mailer.ts); `d` fills their placeholders.
import type { TFunction } from 'i18next';

export type MailData = Record<string, unknown>;
type Subject = (t: TFunction, d: MailData) => string;

export const TEMPLATES = {
  invitation: (t, d) => t('{{inviterName}} invited you to {{accountName}}', d),
  email_verification: (t) => t('Please confirm your email address'),
  password_reset: (t) => t('Password Reset Validation'),
  password_reset_confirmation: (t) => t('Your password has been reset'),
  set_password: (t, d) => t('Your account at {{companyName}}: set your password', d),
  account_activation: (t) => t('Confirm your email address'),
  account_exists: (t) => t('Someone tried to register with your email address'),
  email_changed: (t) => t('Your email address was changed'),
  order_confirmation: (t, d) => t('Order confirmation: invoice #{{invoiceId}}', d),
  invoice_created: (t, d) => t('Invoice #{{invoiceId}} created', d),
  test: (t) => t('Test email'),
  admin_set_password: (t, d) => t('{{companyName}} admin area: set your password', d),
  // Nothing the visitor typed: the form must not relay a stranger's text to any address.
  ticket_received: (t, d) => t('We received your request (Ticket #{{ticketId}})', d),
  ticket_reply: (t, d) => t('[Ticket #{{ticketId}}] {{subject}}', d),
} as const satisfies Record<string, Subject>;

export type TemplateName = keyof typeof TEMPLATES;

/**
 * Templates whose message carries a one-time link (invitation, reset, verification, set-password).
 * The link goes out in the delivered message only; the email log keeps a copy with the token cut
 * out, because the log is readable by people who must not be able to use it (staff, and in the
 * client area anyone with the `emails` permission). Such a message can therefore not be resent
 * from the log: the subject that issued the link issues a new one instead.
 */
export const ONE_TIME_LINK_TEMPLATES: ReadonlySet<TemplateName> = new Set([
  'invitation',
  'set_password',
  'password_reset',
  'email_verification',
  'account_activation',
  'admin_set_password',
]);

/**
 * Messages about a user's own credentials belong to the user, not to any account: they never
 * appear in an account's email history, whatever the caller passes.
 */
export const USER_ONLY_TEMPLATES: ReadonlySet<TemplateName> = new Set([
  'password_reset',
  'password_reset_confirmation',
  'email_verification',
  'account_activation',
  'account_exists',
  'email_changed',
]);

/** What stands in the email log where a one-time token was. */
export const REMOVED_TOKEN = '[link-removed]';
