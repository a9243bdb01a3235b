// Confirmations of the client area's destructive or paying actions (issue 13: Bootstrap modals
// instead of the browser's confirm(), and a confirmation page without JavaScript). Each text is
// written once here: the view puts it on the form (views/partials/confirm.ejs, read by the modal
// in public/js/app.js) and the route shows the same text as a page when the browser sent the form
// unconfirmed (no JavaScript). Written in the reader's language (client.json).
import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import type { LocaleFormats } from '../../lib/format.js';

export interface Confirmation {
  title: string;
  message: string;
  /** The confirming button's label. */
  confirmLabel: string;
  /** A red button (something is removed or stops working) rather than a primary one. */
  danger: boolean;
}

/** What a text needs to be written in the reader's language: a view's locals, or textsOf(req, res). */
export interface Texts {
  t: TFunction;
  fmt: Pick<LocaleFormats, 'money'>;
}

/** The reader's `t` and formats, for a route (a view passes its own `locals`). */
export const textsOf = (req: Request, res: Response): Texts => ({ t: req.t, fmt: res.locals.fmt as Texts['fmt'] });

const ask = (title: string, message: string, confirmLabel: string, danger = true): Confirmation => ({
  title,
  message,
  confirmLabel,
  danger,
});

export const confirmations = {
  deleteContact: ({ t }: Texts, c: { firstName: string; lastName: string }) =>
    ask(
      t('Delete Contact'),
      t('Delete the contact {{name}}? This cannot be undone.', { name: `${c.firstName} ${c.lastName}` }),
      t('Delete Contact'),
    ),
  closeTicket: ({ t }: Texts, ticket: { id: number }) =>
    ask(
      t('Close Ticket'),
      t('Close ticket #{{id}}? Replying to it later opens it again.', { id: ticket.id }),
      t('Close Ticket'),
    ),
  acceptQuote: ({ t, fmt }: Texts, q: { id: number; total: { toString(): string } }) =>
    ask(
      t('Accept Quote'),
      t('Accept quote #{{id}}? An invoice for {{amount}} will be created.', { id: q.id, amount: fmt.money(q.total) }),
      t('Accept Quote'),
      false,
    ),
  payInvoice: ({ t, fmt }: Texts, i: { id: number; total: { toString(): string } }, gateway: string) =>
    ask(
      t('Pay Invoice'),
      t('Pay {{amount}} for invoice #{{id}} now with {{gateway}}?', { amount: fmt.money(i.total), id: i.id, gateway }),
      t('Pay Now'),
      false,
    ),
  resetServicePassword: ({ t }: Texts) =>
    ask(
      t('Reset Password'),
      t('Generate a new password for this service? The old one stops working.'),
      t('Reset Password'),
    ),
  requestCancellation: ({ t }: Texts, s: { product: { name: string } }) =>
    ask(
      t('Request Cancellation'),
      t('Send the cancellation request for {{product}}?', { product: s.product.name }),
      t('Request Cancellation'),
    ),
  disableTotp: ({ t }: Texts) =>
    ask(
      t('Disable Two-Factor'),
      t('Turn off two-factor authentication? Logging in will need only your password.'),
      t('Disable Two-Factor'),
    ),
  logoutOtherSessions: ({ t }: Texts) =>
    ask(
      t('Log Out Other Sessions'),
      t('Log out all your other sessions? This one stays logged in.'),
      t('Log Out Others'),
    ),
  removeUser: ({ t }: Texts, u: { email: string }) =>
    ask(
      t('Remove Access'),
      t('Remove the access of {{email}} to this account?', { email: u.email }),
      t('Remove Access'),
    ),
  cancelInvitation: ({ t }: Texts, i: { email: string }) =>
    ask(
      t('Cancel Invitation'),
      t('Cancel the invitation to {{email}}? Its link will stop working.', { email: i.email }),
      t('Cancel Invitation'),
    ),
};

/** What the confirmation page needs: the text, and where "Cancel" goes back to. */
export type Describe = (req: Request, res: Response) => Promise<Confirmation & { back: string }>;

/**
 * Runs `handler` for a confirmed form. A form sent with `confirm=ask` (views/partials/confirm.ejs;
 * the modal turns it into `confirm=yes` before sending) was not confirmed in the page, so the
 * answer is a confirmation page that sends the same fields again, confirmed. Nothing changes
 * before that second POST. Requests without the field (scripts, tests) are taken as confirmed:
 * the step guards against a slip of the finger, not against a request (CSRF does that).
 */
export function confirmFirst(describe: Describe, handler: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.confirm !== 'ask') return handler(req, res, next);
    const confirmation = await describe(req, res);
    const fields = Object.entries(body).filter(
      (e): e is [string, string] => e[0] !== '_csrf' && e[0] !== 'confirm' && typeof e[1] === 'string',
    );
    res.page('client/confirm', { title: confirmation.title, confirmation, action: req.originalUrl, fields });
  };
}
