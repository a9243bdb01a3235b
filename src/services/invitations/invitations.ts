// Invitations (SPEC rules 8, 12-14, 17): a one-time link, valid 7 days from when it was
// (re)sent, that gives whoever follows it access to an account with chosen permissions.
// Only the token's SHA-256 is stored. Accepting is one conditional UPDATE, so of any number
// of concurrent accepts exactly one wins.
import { db } from '../../db/client.js';
import { DAY, now } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { newToken } from '../../lib/tokens.js';
import type { Invitation } from '../../generated/prisma/client.js';
import { type Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { accountDisplayName } from '../accounts/accounts.js';
import { sendTemplate, type SendResult } from '../mail/mailer.js';
import { assertCanManageUsers, parsePermissions } from '../memberships/memberships.js';
import { authorizePermissionSet } from '../../policies/user-management.js';
import { normalizeEmail } from '../users/users.js';
import { getSetting } from '../settings/settings.js';
import { hit } from '../throttles/throttles.js';
import { REQUEST_RULES } from '../throttles/request-throttles.js';

export const INVITATION_LIFETIME_MS = 7 * DAY;

export type InvitationState = 'pending' | 'expired' | 'accepted' | 'cancelled';

export function invitationState(inv: Pick<Invitation, 'status' | 'expiresAt'>, at = now()): InvitationState {
  if (inv.status === 'pending' && inv.expiresAt <= at) return 'expired';
  return inv.status as InvitationState;
}

export interface InviteResult {
  invitation: Invitation;
  /** The raw token, for the link. Only ever in memory and in the email. */
  token: string;
  mail: SendResult;
}

/**
 * SPEC rule 8: owner (or admin) invites an email with all or chosen permissions (at least one).
 * Names staff typed for a new user are kept and offered on the invitation's register form.
 */
export async function invite(
  actor: Actor,
  accountId: number,
  rawEmail: string,
  permissionKeys: readonly string[],
  names: { firstName?: string; lastName?: string } = {},
): Promise<InviteResult> {
  const permissions = parsePermissions(permissionKeys);
  await assertCanManageUsers(actor, accountId);
  authorizePermissionSet(permissions);
  if (!(await db().account.findUnique({ where: { id: accountId }, select: { id: true } }))) {
    throw new AppError('ACCOUNT_NOT_FOUND', msg('Account not found.'));
  }
  const email = normalizeEmail(rawEmail);
  await limitInvitationMail(actor, accountId, email);
  const { token, hash } = newToken();
  const sentAt = now();
  const invitation = await db().$transaction(async (tx) => {
    const member = await tx.accountUser.findFirst({ where: { accountId, user: { email } }, select: { id: true } });
    if (member) {
      throw new AppError('ALREADY_MEMBER', msg('That email address already belongs to a user of this account.'), {
        email: msg('This person already has access to this account.'),
      });
    }
    // An invitation left pending past its expiry no longer counts; mark it so it stops blocking.
    await tx.invitation.updateMany({
      where: { accountId, email, status: 'pending', expiresAt: { lte: sentAt } },
      data: { status: 'expired' },
    });
    try {
      const created = await tx.invitation.create({
        data: {
          accountId,
          email,
          tokenHash: hash,
          permissions,
          invitedByUserId: actor.kind === 'user' ? actor.userId : null,
          invitedByAdminId: actor.kind === 'admin' ? actor.adminId : null,
          firstName: names.firstName?.trim() ?? '',
          lastName: names.lastName?.trim() ?? '',
          sentAt,
          expiresAt: new Date(sentAt.getTime() + INVITATION_LIFETIME_MS),
        },
      });
      await logActivity(actor, `Invitation sent to ${email} (Invitation ID: ${created.id})`, accountId, tx);
      return created;
    } catch (e) {
      if (isUniqueViolation(e)) throw pendingAlready();
      throw e;
    }
  });
  const mail = await sendInvitationEmail(invitation, token);
  return { invitation, token, mail };
}

/**
 * Hardening item 5: the client area cannot turn invitations into a mail cannon. Per account and
 * per recipient address; staff (and System) are not limited here.
 */
async function limitInvitationMail(actor: Actor, accountId: number, email: string): Promise<void> {
  if (actor.kind !== 'user') return;
  await hit(REQUEST_RULES.invitesPerAccount, String(accountId));
  await hit(REQUEST_RULES.invitesPerRecipient, email);
}

const pendingAlready = () =>
  new AppError('INVITATION_PENDING', msg('An invitation to that email address is already pending for this account.'), {
    email: msg('There is already a pending invitation for this address. Resend it instead.'),
  });

/**
 * The language an invitation is written in (issue 15): a person who already has a user reads
 * their own; an address with no user yet reads the inviting account's, which is the language of
 * the user who invited (an account has no language of its own: its users do) or, when staff
 * invited, the account owner's.
 */
async function recipientLanguage(email: string, accountId: number, invitedByUserLanguage?: string): Promise<string> {
  const existing = await db().user.findUnique({ where: { email }, select: { language: true } });
  if (existing) return existing.language;
  if (invitedByUserLanguage) return invitedByUserLanguage;
  const owner = await db().accountUser.findFirst({
    where: { accountId, isOwner: true },
    select: { user: { select: { language: true } } },
  });
  return owner?.user.language ?? 'en';
}

async function sendInvitationEmail(invitation: Invitation, token: string): Promise<SendResult> {
  const details = await db().invitation.findUniqueOrThrow({
    where: { id: invitation.id },
    include: {
      account: true,
      invitedByUser: { select: { firstName: true, lastName: true, language: true } },
      invitedByAdmin: { select: { firstName: true, lastName: true } },
    },
  });
  const baseUrl = await getSetting('publicUrl');
  const mail = await sendTemplate({
    template: 'invitation',
    to: invitation.email,
    accountId: invitation.accountId,
    language: await recipientLanguage(invitation.email, invitation.accountId, details.invitedByUser?.language),
    data: {
      inviterName: inviterName(details),
      accountName: accountDisplayName(details.account),
      link: `${baseUrl.replace(/\/$/, '')}/invite/${token}`,
      // A date: the template writes it the recipient's way.
      expiresAt: invitation.expiresAt,
    },
    secrets: [token],
  });
  // The Users tab shows whether the newest link arrived ("Not delivered" and why).
  await db().invitation.update({ where: { id: invitation.id }, data: { lastEmailId: mail.emailId } });
  return mail;
}

export function inviterName(inv: {
  invitedByUser: { firstName: string; lastName: string } | null;
  invitedByAdmin: { firstName: string; lastName: string } | null;
}) {
  const who = inv.invitedByUser ?? inv.invitedByAdmin;
  return who ? `${who.firstName} ${who.lastName}` : 'The account owner';
}

async function loadForManagement(actor: Actor, invitationId: number, accountId?: number) {
  const inv = await db().invitation.findUnique({ where: { id: invitationId } });
  // An id from another account answers exactly like a missing one.
  if (!inv || (accountId !== undefined && inv.accountId !== accountId)) {
    throw new AppError('INVITATION_NOT_FOUND', msg('Invitation not found.'));
  }
  await assertCanManageUsers(actor, inv.accountId);
  return inv;
}

/** SPEC rule 12: a new token and a new 7-day expiry; the old link stops working. */
export async function resendInvitation(actor: Actor, invitationId: number, accountId?: number): Promise<InviteResult> {
  const inv = await loadForManagement(actor, invitationId, accountId);
  const state = invitationState(inv);
  if (state === 'accepted') throw new AppError('INVITATION_USED', msg('This invitation has already been accepted.'));
  if (state === 'cancelled')
    throw new AppError('INVITATION_CANCELLED', msg('This invitation was cancelled; send a new one.'));
  if (actor.kind === 'user') await hit(REQUEST_RULES.inviteResendCooldown, String(inv.id));
  await limitInvitationMail(actor, inv.accountId, inv.email);
  const { token, hash } = newToken();
  const sentAt = now();
  const invitation = await db().$transaction(async (tx) => {
    const { count } = await tx.invitation
      .updateMany({
        where: { id: inv.id, status: { in: ['pending', 'expired'] } },
        data: {
          tokenHash: hash,
          sentAt,
          expiresAt: new Date(sentAt.getTime() + INVITATION_LIFETIME_MS),
          status: 'pending',
        },
      })
      // A newer invitation to the same email may be pending (invitations_one_pending).
      .catch((e: unknown) => Promise.reject(isUniqueViolation(e) ? pendingAlready() : e));
    if (!count) throw new AppError('INVITATION_USED', msg('This invitation can no longer be resent.'));
    await logActivity(actor, `Invitation resent to ${inv.email} (Invitation ID: ${inv.id})`, inv.accountId, tx);
    return tx.invitation.findUniqueOrThrow({ where: { id: inv.id } });
  });
  const mail = await sendInvitationEmail(invitation, token);
  return { invitation, token, mail };
}

/** One invitation of the account, for a page that names it (the confirmation of Cancel). */
export async function getInvitationForManagement(actor: Actor, invitationId: number, accountId: number) {
  const { id, email, status } = await loadForManagement(actor, invitationId, accountId);
  return { id, email, status };
}

/** SPEC rule 12: cancel ends the invitation; its link then shows "cancelled". */
export async function cancelInvitation(actor: Actor, invitationId: number, accountId?: number): Promise<void> {
  const inv = await loadForManagement(actor, invitationId, accountId);
  await db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, status: { in: ['pending', 'expired'] } },
      data: {
        status: 'cancelled',
        cancelledAt: now(),
        cancelledByAdminId: actor.kind === 'admin' ? actor.adminId : null,
      },
    });
    if (!count) throw new AppError('INVITATION_USED', msg('This invitation has already been accepted or cancelled.'));
    await logActivity(actor, `Invitation cancelled for ${inv.email} (Invitation ID: ${inv.id})`, inv.accountId, tx);
  });
}

/** Automation: mark invitations past their expiry, attributed to System (SPEC rule 22). */
export async function expireInvitations(): Promise<number> {
  const at = now();
  const expired = await db().invitation.findMany({
    where: { status: 'pending', expiresAt: { lte: at } },
    select: { id: true, accountId: true, email: true },
  });
  for (const inv of expired) {
    await db().$transaction(async (tx) => {
      const { count } = await tx.invitation.updateMany({
        where: { id: inv.id, status: 'pending' },
        data: { status: 'expired' },
      });
      if (count)
        await logActivity(
          { kind: 'system' },
          `Invitation expired for ${inv.email} (Invitation ID: ${inv.id})`,
          inv.accountId,
          tx,
        );
    });
  }
  return expired.length;
}
