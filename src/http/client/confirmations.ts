// Confirmations of the client area's destructive or paying actions (issue 13: Bootstrap modals
// instead of the browser's confirm(), and a confirmation page without JavaScript). Each text is
// written once here: the view puts it on the form (views/partials/confirm.ejs, read by the modal
// in public/js/app.js) and the route shows the same text as a page when the browser sent the form
// unconfirmed (no JavaScript). Plain sentences with placeholders, ready for message files.
import type { Request, RequestHandler, Response } from 'express';
import { formatMoney } from '../../lib/format.js';

export interface Confirmation {
  title: string;
  message: string;
  /** The confirming button's label. */
  confirmLabel: string;
  /** A red button (something is removed or stops working) rather than a primary one. */
  danger: boolean;
}

const ask = (title: string, message: string, confirmLabel: string, danger = true): Confirmation => ({
  title,
  message,
  confirmLabel,
  danger,
});

export const confirmations = {
  deleteContact: (c: { firstName: string; lastName: string }) =>
    ask('Delete Contact', `Delete the contact ${c.firstName} ${c.lastName}? This cannot be undone.`, 'Delete Contact'),
  closeTicket: (t: { id: number }) =>
    ask('Close Ticket', `Close ticket #${t.id}? Replying to it later opens it again.`, 'Close Ticket'),
  acceptQuote: (q: { id: number; total: { toString(): string } }) =>
    ask(
      'Accept Quote',
      `Accept quote #${q.id}? An invoice for $${formatMoney(q.total)} will be created.`,
      'Accept Quote',
      false,
    ),
  payInvoice: (i: { id: number; total: { toString(): string } }, gateway: string) =>
    ask('Pay Invoice', `Pay $${formatMoney(i.total)} for invoice #${i.id} now with ${gateway}?`, 'Pay Now', false),
  resetServicePassword: () =>
    ask('Reset Password', 'Generate a new password for this service? The old one stops working.', 'Reset Password'),
  requestCancellation: (s: { product: { name: string } }) =>
    ask('Request Cancellation', `Send the cancellation request for ${s.product.name}?`, 'Request Cancellation'),
  disableTotp: () =>
    ask(
      'Disable Two-Factor',
      'Turn off two-factor authentication? Logging in will need only your password.',
      'Disable Two-Factor',
    ),
  logoutOtherSessions: () =>
    ask('Log Out Other Sessions', 'Log out all your other sessions? This one stays logged in.', 'Log Out Others'),
  removeUser: (u: { email: string }) =>
    ask('Remove Access', `Remove the access of ${u.email} to this account?`, 'Remove Access'),
  cancelInvitation: (i: { email: string }) =>
    ask('Cancel Invitation', `Cancel the invitation to ${i.email}? Its link will stop working.`, 'Cancel Invitation'),
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
