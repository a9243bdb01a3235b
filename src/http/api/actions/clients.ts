// Client accounts, creating and listing: AddClient, GetClients (GetClientsDetails: client-details.ts).
import { z } from 'zod';
import { ACCOUNT_STATUSES } from '../../../services/accounts/constants.js';
import {
  CLIENT_ORDER_COLUMNS,
  listClientWindow,
  type ClientOrder,
} from '../../../services/accounts/client-directory.js';
import { createAccountForOwner, createAccountWithOwnerByAdmin } from '../../../services/accounts/clients.js';
import { defineAction, exId, exText, paging, success } from '../action.js';
import { LANGUAGE_HELP, languageCode, whmcsDate } from '../format.js';
import { bool, count, ignored, optionalEmail, optionalInt, optionalPassword, optionalText } from '../params.js';
import {
  PHONE,
  checkLanguage,
  checkNewPassword,
  checkSorting,
  isCountry,
  isDescending,
  sortingParam,
} from './shared.js';

const GROUP = 'Clients';

/** A profile field WHMCS requires unless `skipvalidation` is set (checked in the object's refinement). */
const profileText = (description: string, max = 200) =>
  optionalText(`${description} (required unless skipvalidation)`, max, { required: true });

/** WHMCS's order of AddClient's "you did not enter" checks. */
const REQUIRED_PROFILE = [
  ['firstname', 'You did not enter your first name'],
  ['lastname', 'You did not enter your last name'],
  ['address1', 'You did not enter your  address line 1'],
  ['city', 'You did not enter your city'],
  ['state', 'You did not enter your state'],
  ['postcode', 'You did not enter your postcode'],
] as const;

export const addClient = defineAction({
  name: 'AddClient',
  group: GROUP,
  summary:
    'Creates a client account, owned by an existing user (owner_user_id) or by a new user made from the same details.',
  notes: [
    'Without owner_user_id a new user is created with firstname, lastname, email, password2 and language; an email that already belongs to a user is refused (pass that user as owner_user_id instead).',
    'The answer has only clientid, as documented; the owner is in GetClientsDetails (client.owner_user_id).',
  ],
  params: z
    .object({
      owner_user_id: optionalInt('An existing user who will own the client', 'Invalid Owner User ID'),
      firstname: profileText('First name', 100),
      lastname: profileText('Last name', 100),
      companyname: optionalText('Company name'),
      email: optionalEmail(
        "Billing email (and the new owner's login email)",
        'The email address you entered was not valid',
        { required: true },
      ),
      address1: profileText('Address line 1'),
      address2: optionalText('Address line 2'),
      city: profileText('City', 100),
      state: profileText('State or region', 100),
      postcode: profileText('Postcode', 20),
      country: optionalText('Two-letter ISO country code', 2, { required: true }),
      phonenumber: optionalText('Phone number', 30, { required: true }),
      password2: optionalPassword('Password of the new owner user', {
        required: true,
        description: 'Password of the new owner user (required when owner_user_id is not given)',
      }),
      language: optionalText(`The new owner's language: ${LANGUAGE_HELP}`, 40),
      skipvalidation: bool('Skip the required-field checks (not those of email and password2)'),
      tax_id: ignored('Tax id (not stored)'),
      securityqid: ignored('Security question id (not stored)'),
      securityqans: ignored('Security answer (not stored)'),
      currency: ignored('Currency id (not stored)'),
      groupid: ignored('Client group id (not stored)'),
      customfields: ignored('Custom fields (not stored)'),
      notes: ignored('Admin notes (not stored)'),
      clientip: ignored('Client IP (not stored)'),
      marketingoptin: ignored('Marketing opt-in (not stored)'),
      noemail: ignored('No welcome email (none is sent anyway)'),
    })
    .superRefine((p, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (!p.skipvalidation) {
        for (const [key, message] of REQUIRED_PROFILE.slice(0, 2)) if (!p[key]) issue(key, message);
      }
      if (!p.email) issue('email', 'You did not enter your email address');
      if (!p.skipvalidation) {
        for (const [key, message] of REQUIRED_PROFILE.slice(2)) if (!p[key]) issue(key, message);
        if (!isCountry(p.country)) issue('country', 'Valid country required');
        if (!p.phonenumber) issue('phonenumber', 'You did not enter your phone number');
      }
      if (p.country && !isCountry(p.country)) issue('country', 'Valid country required');
      if (p.phonenumber && !PHONE.test(p.phonenumber)) issue('phonenumber', 'Invalid telephone phone number');
      if (p.owner_user_id === undefined) {
        if (!p.password2) issue('password2', 'You did not enter a password');
        checkNewPassword(ctx, 'password2', p.password2, [p.email ?? '', p.firstname ?? '', p.lastname ?? '']);
        checkLanguage(ctx, 'language', p.language);
      }
    }),
  response: success({ clientid: exId(12) }),
  async handler(p, { actor }) {
    const profile = {
      firstName: p.firstname ?? '',
      lastName: p.lastname ?? '',
      companyName: p.companyname,
      email: p.email!,
      address1: p.address1,
      address2: p.address2,
      city: p.city,
      state: p.state,
      postcode: p.postcode,
      country: p.country?.toUpperCase(),
      phone: p.phonenumber,
    };
    const account =
      p.owner_user_id !== undefined
        ? await createAccountForOwner(actor, p.owner_user_id, profile)
        : (
            await createAccountWithOwnerByAdmin(actor, {
              ...profile,
              password: p.password2,
              language: p.language ? languageCode(p.language) : undefined,
            })
          ).account;
    return { clientid: account.id };
  },
});

export const getClients = defineAction({
  name: 'GetClients',
  group: GROUP,
  summary: 'Lists client accounts.',
  notes: [
    'search: each word (up to 8) is found anywhere in the first name, last name, company name or email, case-insensitively, and every word must be there ("web acme" finds "Acme Web Ltd"); % and _ are plain characters. A number, or #number, also finds the client with that id. The same search as the admin area\'s Clients list.',
  ],
  params: z
    .object({
      limitstart: count('The offset to start at (default 0)', 0),
      limitnum: count('How many to return (default 25, at most 250)', 25, 250),
      sorting: sortingParam('the orderby column'),
      status: optionalText(`Only clients with this status: ${ACCOUNT_STATUSES.join(', ')}`, 20),
      search: optionalText('Words found anywhere in the name, company or email, or a client id (#id)', 100),
      orderby: optionalText(`Sort column: ${Object.keys(CLIENT_ORDER_COLUMNS).join(', ')} (default id)`, 20),
    })
    .superRefine((p, ctx) => {
      checkSorting(ctx, p.sorting);
      if (p.status && !(ACCOUNT_STATUSES as readonly string[]).includes(p.status))
        ctx.addIssue({
          code: 'custom',
          path: ['status'],
          message: `status must be one of ${ACCOUNT_STATUSES.join(', ')}`,
        });
      if (p.orderby && !(p.orderby.toLowerCase() in CLIENT_ORDER_COLUMNS))
        ctx.addIssue({
          code: 'custom',
          path: ['orderby'],
          message: `orderby must be one of ${Object.keys(CLIENT_ORDER_COLUMNS).join(', ')}`,
        });
    }),
  response: success({
    ...paging,
    clients: z.strictObject({
      client: z.array(
        z.strictObject({
          id: exId(12),
          firstname: exText('Jane'),
          lastname: exText('Doe'),
          companyname: exText('Acme Hosting Ltd'),
          email: exText('billing@acme.example'),
          datecreated: exText('2026-01-15'),
          status: exText('Active'),
        }),
      ),
    }),
  }),
  async handler(p) {
    const { total, clients } = await listClientWindow({
      search: p.search,
      status: p.status,
      offset: p.limitstart,
      limit: p.limitnum,
      orderBy: (p.orderby?.toLowerCase() as ClientOrder | undefined) ?? 'id',
      descending: isDescending(p.sorting),
    });
    return {
      totalresults: total,
      startnumber: p.limitstart,
      numreturned: clients.length,
      clients: {
        client: clients.map((c) => ({
          id: c.id,
          firstname: c.firstName,
          lastname: c.lastName,
          companyname: c.companyName,
          email: c.email,
          datecreated: whmcsDate(c.createdAt),
          status: c.status,
        })),
      },
    };
  },
});

export const CLIENT_READ_ACTIONS = [addClient, getClients];
