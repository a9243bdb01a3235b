// Throttles on requests that cost us something whether or not they succeed: each one sends mail
// or runs a password hash (hardening items 4-5). Counted per purpose, in the shared table.
import { msg } from '../../lib/i18n.js';
import { type ThrottleRule } from './throttles.js';

let scale = 1;

/** RATE_LIMIT_SCALE at start-up: every limit below times this (tests and load tests raise it). */
export function configureRequestThrottles(factor: number): void {
  scale = factor;
}

const rule = (name: string, points: number, windowSeconds: number, message: string): ThrottleRule => ({
  name,
  get points() {
    return points * scale;
  },
  windowSeconds,
  message,
});

const HOUR = 3600;
const DAY = 24 * HOUR;

export const REQUEST_RULES = {
  /** Registrations from one IP. */
  registerPerIp: rule(
    'register-ip',
    10,
    HOUR,
    msg('Too many registrations from your network. Please try again later.'),
  ),
  /** Password reset requests: per email + IP, and per IP over any emails. */
  resetPerEmailIp: rule('reset-email-ip', 5, HOUR, msg('Too many password reset requests. Please try again later.')),
  resetPerIp: rule('reset-ip', 20, HOUR, msg('Too many password reset requests. Please try again later.')),
  /** The public contact form (a guest's ticket and its confirmation email). */
  contactPerIp: rule('contact-ip', 10, HOUR, msg('Too many messages from your network. Please try again later.')),
  /** Opening links that carry a token (invitation, reset, verification). */
  tokenLinksPerIp: rule(
    'token-link-ip',
    120,
    15 * 60,
    msg('Too many attempts. Please wait a few minutes and try again.'),
  ),
  /** Invitations (new and resent) sent by an account's owner. */
  invitesPerAccount: rule(
    'invite-account',
    20,
    HOUR,
    msg('This account has sent many invitations in the last hour. Please wait before sending more.'),
  ),
  /** Invitations to one address, from any account. */
  invitesPerRecipient: rule(
    'invite-recipient',
    5,
    DAY,
    msg('That address has received several invitations today. Please try again tomorrow.'),
  ),
  /** Resending one invitation. */
  inviteResendCooldown: rule(
    'invite-resend',
    1,
    60,
    msg('This invitation was just sent. Please wait a minute before resending it.'),
  ),
  /** Verification emails to one user. */
  verificationCooldown: rule(
    'verify-user',
    1,
    60,
    msg('We just sent a verification email. Please wait a minute before asking for another.'),
  ),
  verificationPerDay: rule(
    'verify-user-day',
    10,
    DAY,
    msg('We have sent many verification emails today. Please try again tomorrow.'),
  ),
} satisfies Record<string, ThrottleRule>;
