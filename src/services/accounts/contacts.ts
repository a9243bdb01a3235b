// An account's contacts (people who receive emails but do not log in): list/add/edit/delete.
import { accountFor } from '../../policies/authorize.js';
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import type { AccountContext, Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';

/** The email types a contact can receive, as columns of the contacts table. */
export const CONTACT_EMAIL_TYPES = [
  { key: 'generalEmails', label: 'General Emails', help: 'Announcements and password resets' },
  { key: 'invoiceEmails', label: 'Invoice Emails', help: 'Invoices and billing reminders' },
  { key: 'supportEmails', label: 'Support Emails', help: 'Copies of support ticket messages' },
  { key: 'productEmails', label: 'Product Emails', help: 'Order details, welcome emails' },
  { key: 'domainEmails', label: 'Domain Emails', help: 'Renewal notices, registration confirmations' },
  { key: 'affiliateEmails', label: 'Affiliate Emails', help: 'Affiliate commission notifications' },
] as const;

export interface ContactInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  companyName: string;
  generalEmails: boolean;
  invoiceEmails: boolean;
  supportEmails: boolean;
  productEmails: boolean;
  domainEmails: boolean;
  affiliateEmails: boolean;
}

export function listContacts(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'contacts');
  return db().contact.findMany({
    where: { accountId },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
  });
}

async function findContact(client: Tx, accountId: number, contactId: number) {
  const contact = await client.contact.findFirst({ where: { id: contactId, accountId } });
  if (!contact) throw new AppError('CONTACT_NOT_FOUND', msg('That contact was not found in this account.'));
  return contact;
}

export function getContact(ctx: AccountContext, contactId: number) {
  const accountId = accountFor(ctx.access, 'contacts');
  return findContact(db(), accountId, contactId);
}

export function createContact(ctx: AccountContext, input: ContactInput) {
  return createContactInAccount(ctx.actor, accountFor(ctx.access, 'contacts'), input);
}

/**
 * Adds a contact: for a user through createContact (their access was checked there), for staff
 * (the API's AddContact) directly, when their role may change clients.
 */
export async function createContactInAccount(actor: Actor, accountId: number, input: ContactInput) {
  await assertStaffMay(actor, 'clients.write');
  return db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true } });
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND', msg('Account not found.'));
    const contact = await tx.contact.create({ data: { ...input, accountId, createdAt: now() } });
    await logActivity(actor, `Contact added: ${contact.email} (Contact ID: ${contact.id})`, accountId, tx);
    return contact;
  });
}

/** A contact of the account, for staff (the API's OpenTicket / AddTicketReply `contactid`). */
export function findAccountContact(accountId: number, contactId: number) {
  return findContact(db(), accountId, contactId);
}

export async function updateContact(ctx: AccountContext, contactId: number, input: ContactInput) {
  const accountId = accountFor(ctx.access, 'contacts');
  return db().$transaction(async (tx) => {
    await findContact(tx, accountId, contactId);
    const contact = await tx.contact.update({ where: { id: contactId }, data: input });
    await logActivity(ctx.actor, `Contact updated: ${contact.email} (Contact ID: ${contact.id})`, accountId, tx);
    return contact;
  });
}

export async function deleteContact(ctx: AccountContext, contactId: number) {
  const accountId = accountFor(ctx.access, 'contacts');
  await db().$transaction(async (tx) => {
    const contact = await findContact(tx, accountId, contactId);
    await tx.contact.delete({ where: { id: contact.id } });
    await logActivity(ctx.actor, `Contact deleted: ${contact.email} (Contact ID: ${contact.id})`, accountId, tx);
  });
}
