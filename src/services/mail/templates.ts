// The email templates: their subjects, which carry one-time links, which belong to a user only.

export const TEMPLATES = {
  invitation: (d: MailData) => `${d.inviterName} invited you to ${d.accountName}`,
  email_verification: () => 'Please confirm your email address',
  password_reset: () => 'Password Reset Validation',
  password_reset_confirmation: () => 'Your password has been reset',
  set_password: (d: MailData) => `Your account at ${d.companyName}: set your password`,
  account_activation: () => 'Confirm your email address',
  account_exists: () => 'Someone tried to register with your email address',
  email_changed: () => 'Your email address was changed',
  order_confirmation: (d: MailData) => `Order confirmation: invoice #${String(d.invoiceId)}`,
  invoice_created: (d: MailData) => `Invoice #${String(d.invoiceId)} created`,
  test: () => 'Test email',
  admin_set_password: (d: MailData) => `${d.companyName} admin area: set your password`,
  // Nothing the visitor typed: the form must not relay a stranger's text to any address.
  ticket_received: (d: MailData) => `We received your request (Ticket #${d.ticketId})`,
  ticket_reply: (d: MailData) => `[Ticket #${d.ticketId}] ${d.subject}`,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type MailData = Record<string, unknown>;

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
