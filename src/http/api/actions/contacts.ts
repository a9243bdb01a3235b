// Contacts (people who receive a client's emails, without a login): GetContacts, AddContact.
import { z } from 'zod';
import { createContactInAccount } from '../../../services/accounts/contacts.js';
import { listContactWindow } from '../../../services/accounts/staff-contacts.js';
import { defineAction, exId, exText, paging, success } from '../action.js';
import { whmcsDateTime } from '../format.js';
import { count, email, ignored, int, optionalBool, optionalEmail, optionalInt, optionalText, text } from '../params.js';

const GROUP = 'Clients';

/** Contacts here have a name, company, email, phone and email switches, but no postal address. */
const UNSTORED_FILTERS = ['address1', 'address2', 'city', 'state', 'postcode', 'country'] as const;

const flag = (on: boolean) => (on ? 1 : 0);
const exFlag = (example: 0 | 1) => exId(example);

export const getContacts = defineAction({
  name: 'GetContacts',
  group: GROUP,
  summary: 'Lists contacts, optionally of one client (userid) and matching the given fields exactly.',
  notes: [
    'Filters match whole values, case-insensitively. Contacts have no postal address here: filtering on one is refused rather than ignored (ignoring it would return contacts that do not match).',
  ],
  params: z
    .object({
      limitstart: count('The offset to start at (default 0)', 0),
      limitnum: count('How many to return (default 25, at most 250)', 25, 250),
      userid: optionalInt('The client account', 'Client ID Not Found'),
      firstname: optionalText('First name', 100),
      lastname: optionalText('Last name', 100),
      companyname: optionalText('Company name'),
      email: optionalEmail('Email address', 'The email address entered is not valid'),
      phonenumber: optionalText('Phone number', 30),
      ...Object.fromEntries(
        UNSTORED_FILTERS.map((f) => [f, optionalText(`${f} (not stored for contacts: any value is refused)`)]),
      ),
    })
    .superRefine((p, ctx) => {
      for (const f of UNSTORED_FILTERS)
        if ((p as Record<string, unknown>)[f] !== undefined)
          ctx.addIssue({ code: 'custom', path: [f], message: `Contacts do not have a ${f} in this system` });
    }),
  response: success({
    ...paging,
    contacts: z.strictObject({
      contact: z.array(
        z.strictObject({
          id: exId(7),
          userid: exId(12),
          firstname: exText('Carl'),
          lastname: exText('Contact'),
          companyname: exText('Acme Hosting Ltd'),
          email: exText('carl@acme.example'),
          phonenumber: exText('+1 555 0101'),
          generalemails: exFlag(1),
          invoiceemails: exFlag(1),
          supportemails: exFlag(0),
          productemails: exFlag(0),
          domainemails: exFlag(0),
          affiliateemails: exFlag(0),
          created_at: exText('2026-01-16 11:00:00'),
        }),
      ),
    }),
  }),
  async handler(p) {
    const { total, contacts } = await listContactWindow({
      accountId: p.userid,
      firstName: p.firstname,
      lastName: p.lastname,
      companyName: p.companyname,
      email: p.email,
      phone: p.phonenumber,
      offset: p.limitstart,
      limit: p.limitnum,
    });
    return {
      totalresults: total,
      startnumber: p.limitstart,
      numreturned: contacts.length,
      contacts: {
        contact: contacts.map((c) => ({
          id: c.id,
          userid: c.accountId,
          firstname: c.firstName,
          lastname: c.lastName,
          companyname: c.companyName,
          email: c.email,
          phonenumber: c.phone,
          generalemails: flag(c.generalEmails),
          invoiceemails: flag(c.invoiceEmails),
          supportemails: flag(c.supportEmails),
          productemails: flag(c.productEmails),
          domainemails: flag(c.domainEmails),
          affiliateemails: flag(c.affiliateEmails),
          created_at: whmcsDateTime(c.createdAt),
        })),
      },
    };
  },
});

const preference = (kind: string, what: string) =>
  optionalBool(`Send ${what} to this contact (default: ${kind === 'general' ? 'yes' : 'no'})`);

export const addContact = defineAction({
  name: 'AddContact',
  group: GROUP,
  summary: "Adds a contact to a client's contact list.",
  notes: [
    'A contact here needs a first name, last name and email (it exists to receive emails). Postal address and tax id are accepted and not stored.',
  ],
  params: z.object({
    clientid: int('The client account', 'Client ID Not Found'),
    firstname: text('First name', 'You did not enter a first name', 100),
    lastname: text('Last name', 'You did not enter a last name', 100),
    companyname: optionalText('Company name'),
    email: email('Email address', {
      missing: 'You did not enter an email address',
      invalid: 'The email address entered is not valid',
    }),
    phonenumber: optionalText('Phone number', 30),
    'email_preferences[general]': preference('general', 'general emails (announcements, password resets)'),
    'email_preferences[invoice]': preference('invoice', 'invoice emails'),
    'email_preferences[support]': preference('support', 'support ticket emails'),
    'email_preferences[product]': preference('product', 'product emails'),
    'email_preferences[domain]': preference('domain', 'domain emails'),
    'email_preferences[affiliate]': preference('affiliate', 'affiliate emails'),
    address1: ignored('Address line 1 (not stored)'),
    address2: ignored('Address line 2 (not stored)'),
    city: ignored('City (not stored)'),
    state: ignored('State (not stored)'),
    postcode: ignored('Postcode (not stored)'),
    country: ignored('Country (not stored)'),
    tax_id: ignored('Tax id (not stored)'),
  }),
  response: success({ contactid: exId(7) }),
  async handler(p, { actor }) {
    const contact = await createContactInAccount(actor, p.clientid, {
      firstName: p.firstname,
      lastName: p.lastname,
      email: p.email,
      companyName: p.companyname ?? '',
      phone: p.phonenumber ?? '',
      generalEmails: p['email_preferences[general]'] ?? true,
      invoiceEmails: p['email_preferences[invoice]'] ?? false,
      supportEmails: p['email_preferences[support]'] ?? false,
      productEmails: p['email_preferences[product]'] ?? false,
      domainEmails: p['email_preferences[domain]'] ?? false,
      affiliateEmails: p['email_preferences[affiliate]'] ?? false,
    });
    return { contactid: contact.id };
  },
});

export const CONTACT_ACTIONS = [getContacts, addContact];
