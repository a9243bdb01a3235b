// Client accounts, changing and ending: UpdateClient, DeleteClient, CloseClient.
import { z } from 'zod';
import { updateAccount } from '../../../services/accounts/accounts.js';
import { findAccountIdByEmail } from '../../../services/accounts/client-directory.js';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../../services/accounts/constants.js';
import { closeAccount, deleteAccount } from '../../../services/accounts/lifecycle.js';
import { defineAction, exId, success } from '../action.js';
import { bool, ignored, int, optionalEmail, optionalInt, optionalText } from '../params.js';
import { PHONE, isCountry } from './shared.js';

const GROUP = 'Clients';

const clientId = () => int('The client account', 'Client ID Not Found');

export const updateClient = defineAction({
  name: 'UpdateClient',
  group: GROUP,
  summary: "Changes a client's billing profile and status; fields not sent keep their value.",
  notes: [
    'Billing emails need not be unique in this product (users\' login emails are), so "Duplicate Email Address" is never answered.',
  ],
  params: z
    .object({
      clientid: optionalInt('The client, by id', 'Client ID Not Found'),
      clientemail: optionalEmail('The client, by billing email (when clientid is not sent)', 'Client ID Not Found'),
      firstname: optionalText('First name', 100),
      lastname: optionalText('Last name', 100),
      companyname: optionalText('Company name'),
      email: optionalEmail('Billing email', 'The email address entered is not valid'),
      address1: optionalText('Address line 1'),
      address2: optionalText('Address line 2'),
      city: optionalText('City', 100),
      state: optionalText('State or region', 100),
      postcode: optionalText('Postcode', 20),
      country: optionalText('Two-letter ISO country code', 2),
      phonenumber: optionalText('Phone number', 30),
      status: optionalText(`Status: ${ACCOUNT_STATUSES.join(', ')}`, 20),
      tax_id: ignored('Tax id (not stored)'),
      currency: ignored('Currency id (not stored)'),
      groupid: ignored('Client group id (not stored)'),
      customfields: ignored('Custom fields (not stored)'),
      language: ignored("Language (a user's, not a client's, here: use UpdateUser)"),
      notes: ignored('Admin notes (not stored)'),
      paymentmethod: ignored('Payment method (not stored)'),
      marketingoptin: ignored('Marketing opt-in (not stored)'),
      skipvalidation: ignored('Skip validation (the checks below always apply)'),
    })
    .superRefine((p, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (p.clientid === undefined && !p.clientemail) issue('clientid', 'Client ID Not Found');
      if (p.country && !isCountry(p.country)) issue('country', 'Valid country required');
      if (p.phonenumber && !PHONE.test(p.phonenumber)) issue('phonenumber', 'Invalid telephone phone number');
      if (p.status && !(ACCOUNT_STATUSES as readonly string[]).includes(p.status))
        issue('status', `status must be one of ${ACCOUNT_STATUSES.join(', ')}`);
    }),
  response: success({ clientid: exId(12) }),
  async handler(p, { actor }) {
    const accountId = p.clientid ?? (await findAccountIdByEmail(p.clientemail!));
    await updateAccount(actor, accountId, {
      firstName: p.firstname,
      lastName: p.lastname,
      companyName: p.companyname,
      email: p.email,
      address1: p.address1,
      address2: p.address2,
      city: p.city,
      state: p.state,
      postcode: p.postcode,
      country: p.country?.toUpperCase(),
      phone: p.phonenumber,
      status: p.status as AccountStatus | undefined,
    });
    return { clientid: accountId };
  },
});

export const deleteClient = defineAction({
  name: 'DeleteClient',
  group: GROUP,
  summary: 'Deletes a client account and everything it owns. Cannot be undone.',
  notes: [
    "Services, domains, invoices, quotes, tickets, contacts and the account's transactions are deleted with it (deletetransactions cannot keep them: they belong to the account); the activity and email logs keep their entries.",
    'With deleteusers, its users who reach no other client account are deleted too.',
  ],
  params: z.object({
    clientid: clientId(),
    deleteusers: bool('Also delete the users left with no client account'),
    deletetransactions: ignored('Transactions are always deleted with the account'),
  }),
  response: success({ clientid: exId(12) }),
  async handler(p, { actor }) {
    await deleteAccount(actor, p.clientid, { deleteUsers: p.deleteusers });
    return { clientid: p.clientid };
  },
});

export const closeClient = defineAction({
  name: 'CloseClient',
  group: GROUP,
  summary:
    'Closes a client: status Closed, unpaid invoices cancelled, pending services cancelled, active ones terminated.',
  params: z.object({ clientid: clientId() }),
  response: success({ clientid: exId(12) }),
  async handler(p, { actor }) {
    await closeAccount(actor, p.clientid);
    return { clientid: p.clientid };
  },
});

export const CLIENT_CHANGE_ACTIONS = [updateClient, deleteClient, closeClient];
