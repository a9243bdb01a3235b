// GetClientsDetails: one client account with its users (users.user[]) and owner (owner_user_id).
import { z } from 'zod';
import { clientWithUsers, findAccountIdByEmail } from '../../../services/accounts/client-directory.js';
import { clientSummary } from '../../../services/accounts/clients.js';
import { defineAction, exBool, exId, exText, success } from '../action.js';
import { whmcsDate, whmcsDateTime, whmcsLanguage } from '../format.js';
import { bool, optionalEmail, optionalInt } from '../params.js';
import { countryName } from './shared.js';

const GROUP = 'Clients';

const clientFields = {
  client_id: exId(12),
  id: exId(12),
  userid: exId(12),
  owner_user_id: exId(4).nullable(),
  firstname: exText('Jane'),
  lastname: exText('Doe'),
  fullname: exText('Jane Doe'),
  companyname: exText('Acme Hosting Ltd'),
  email: exText('billing@acme.example'),
  address1: exText('1 Main Street'),
  address2: exText(''),
  city: exText('Springfield'),
  fullstate: exText('IL'),
  state: exText('IL'),
  postcode: exText('62701'),
  countrycode: exText('US'),
  country: exText('US'),
  countryname: exText('United States'),
  phonenumber: exText('+1 555 0100'),
  status: exText('Active'),
  language: exText('english'),
  lastlogin: exText('2026-02-01 10:00:00'),
  email_verified: exBool(true),
  allowSingleSignOn: exBool(true),
  datecreated: exText('2026-01-15'),
};

export const getClientsDetails = defineAction({
  name: 'GetClientsDetails',
  group: GROUP,
  summary: 'One client account with its users (users.user[]) and owner (owner_user_id).',
  notes: [
    'The client fields are sent inside `client` and, as WHMCS still does for old clients, at the top level too.',
    "Fields this product does not model (currency, credit, tax, groups, custom fields, email preferences, uuid) are not sent. language, lastlogin and email_verified are the owner user's.",
    'With email, the client whose billing email it is (the oldest when several share it).',
  ],
  params: z
    .object({
      clientid: optionalInt('The client, by id', 'Client Not Found'),
      email: optionalEmail('The client, by billing email', 'Client Not Found'),
      stats: bool('Add counts of services, domains, quotes and unpaid invoices'),
    })
    .superRefine((p, ctx) => {
      if (p.clientid === undefined && !p.email)
        ctx.addIssue({ code: 'custom', message: 'Either clientid Or email Is Required' });
    }),
  response: success({
    ...clientFields,
    client: z.strictObject({
      ...clientFields,
      users: z.strictObject({
        user: z.array(
          z.strictObject({
            id: exId(4),
            name: exText('Jane Doe'),
            email: exText('jane@example.com'),
            is_owner: exBool(true),
          }),
        ),
      }),
    }),
    stats: z
      .strictObject({
        productsnumtotal: exId(2),
        numdomains: exId(1),
        numquotes: exId(0),
        numunpaidinvoices: exId(1),
        unpaidinvoicesamount: exText('12.50'),
      })
      .optional(),
  }),
  async handler(p) {
    const accountId = p.clientid ?? (await findAccountIdByEmail(p.email!));
    const { account, owner, users } = await clientWithUsers(accountId);
    const fields = {
      client_id: account.id,
      id: account.id,
      userid: account.id,
      owner_user_id: owner?.user.id ?? null,
      firstname: account.firstName,
      lastname: account.lastName,
      fullname: `${account.firstName} ${account.lastName}`.trim(),
      companyname: account.companyName,
      email: account.email,
      address1: account.address1,
      address2: account.address2,
      city: account.city,
      fullstate: account.state,
      state: account.state,
      postcode: account.postcode,
      countrycode: account.country,
      country: account.country,
      countryname: countryName(account.country),
      phonenumber: account.phone,
      status: account.status,
      language: whmcsLanguage(owner?.user.language ?? 'en'),
      lastlogin: whmcsDateTime(owner?.lastLoginAt),
      email_verified: !!owner?.user.emailVerifiedAt,
      allowSingleSignOn: account.allowSingleSignOn,
      datecreated: whmcsDate(account.createdAt),
    };
    const userList = users.map((u) => ({
      id: u.user.id,
      name: `${u.user.firstName} ${u.user.lastName}`.trim(),
      email: u.user.email,
      is_owner: u.isOwner,
    }));
    const stats = p.stats ? await statsOf(accountId) : undefined;
    return { ...fields, client: { ...fields, users: { user: userList } }, ...(stats ? { stats } : {}) };
  },
});

async function statsOf(accountId: number) {
  const s = await clientSummary(accountId);
  return {
    productsnumtotal: s.counts.services,
    numdomains: s.counts.domains,
    numquotes: s.counts.quotes,
    numunpaidinvoices: s.unpaidCount,
    unpaidinvoicesamount: Number(s.unpaidTotal).toFixed(2),
  };
}

export const CLIENT_DETAIL_ACTIONS = [getClientsDetails];
