// Issue 11, the Clients functions over HTTP through whmcs-js: AddClient (with and without
// owner_user_id), GetClients, GetClientsDetails (users.user[], owner_user_id), UpdateClient,
// DeleteClient (deleteusers), CloseClient, GetContacts, AddContact; documented errors exactly.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { getClients } from '../../src/http/api/actions/clients.js';
import { paramsOf } from '../../src/http/api/reference.js';
import { verifyPassword } from '../../src/lib/passwords.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildContact,
  buildInvoice,
  buildProduct,
  buildService,
  buildUser,
  unique,
  uniqueEmail,
} from '../factories/index.js';
import { entriesOf, useApiServer } from '../helpers/api.js';

const api = useApiServer();
const STRONG = 'Correct-Horse-Battery-42';

const profile = () => ({
  firstname: 'Grace',
  lastname: `Hopper ${unique()}`,
  companyname: 'Navy Hosting',
  email: uniqueEmail('billing'),
  address1: '1 Harbour Road',
  city: 'Arlington',
  state: 'VA',
  postcode: '22201',
  country: 'us',
  phonenumber: '+1 555 0100',
});

describe('AddClient', () => {
  it('without owner_user_id: makes the client and a new owner user with password2', async () => {
    const c = await api.client();
    const p = profile();
    const answer = await c.clients.addClient({ ...p, password2: STRONG, language: 'german' });
    expect(answer).toEqual({ result: 'success', clientid: expect.any(Number) });
    const accountId = answer.clientid as number;
    const account = await db().account.findUniqueOrThrow({
      where: { id: accountId },
      include: { users: { include: { user: true } } },
    });
    expect(account).toMatchObject({
      firstName: 'Grace',
      companyName: 'Navy Hosting',
      country: 'US',
      phone: p.phonenumber,
    });
    expect(account.users).toHaveLength(1);
    const owner = account.users[0]!;
    expect(owner.isOwner).toBe(true);
    expect(owner.user).toMatchObject({ email: p.email, language: 'de' });
    expect(await verifyPassword(owner.user.passwordHash, STRONG)).toBe(true);
    // The owner has a password: no "set your password" email.
    expect(await db().emailLog.count({ where: { userId: owner.user.id, template: 'set_password' } })).toBe(0);
    expect((await entriesOf(c)).map((e) => e.accountId)).toEqual([accountId, accountId]);
  });

  it('with owner_user_id: the existing user owns the new client; password2 is not needed', async () => {
    const c = await api.client();
    const { owner, account: first } = await buildAccountWithOwner();
    const answer = await c.clients.addClient({ ...profile(), owner_user_id: owner.id });
    expect(answer.result).toBe('success');
    const links = await db().accountUser.findMany({ where: { userId: owner.id }, orderBy: { accountId: 'asc' } });
    expect(links.map((l) => [l.accountId, l.isOwner])).toEqual([
      [first.id, true],
      [answer.clientid, true],
    ]);
    expect((await entriesOf(c))[0]?.description).toContain(`owned by ${owner.email} (User ID: ${owner.id})`);
  });

  it('answers each documented error and writes nothing', async () => {
    const c = await api.client();
    const taken = await buildUser();
    const base = { ...profile(), password2: STRONG };
    const cases: [Record<string, string | number>, string][] = [
      [{ ...base, owner_user_id: 2_000_000_000 }, 'Invalid Owner User ID'],
      [{ ...base, firstname: '' }, 'You did not enter your first name'],
      [{ ...base, lastname: '' }, 'You did not enter your last name'],
      [{ ...base, email: '' }, 'You did not enter your email address'],
      [{ ...base, email: 'x@' }, 'The email address you entered was not valid'],
      [{ ...base, address1: '' }, 'You did not enter your  address line 1'],
      [{ ...base, city: '' }, 'You did not enter your city'],
      [{ ...base, state: '' }, 'You did not enter your state'],
      [{ ...base, postcode: '' }, 'You did not enter your postcode'],
      [{ ...base, country: 'XX' }, 'Valid country required'],
      [{ ...base, phonenumber: '' }, 'You did not enter your phone number'],
      [{ ...base, phonenumber: 'call me maybe' }, 'Invalid telephone phone number'],
      [{ ...base, email: taken.email }, 'A user already exists with that email address'],
    ];
    for (const [params, message] of cases)
      expect(await c.clients.addClient(params), message).toEqual({ result: 'error', message });
    expect(await db().account.count({ where: { email: base.email } })).toBe(0);
  });

  it('skipvalidation skips the profile checks but not email and password2', async () => {
    const c = await api.client();
    const email = uniqueEmail('skip');
    expect((await c.clients.addClient({ firstname: 'Only', email, skipvalidation: true })).message).toBe(
      'You did not enter a password',
    );
    const answer = await c.clients.addClient({ firstname: 'Only', email, password2: STRONG, skipvalidation: true });
    expect(answer.result).toBe('success');
  });
});

describe('GetClients', () => {
  it('search finds each word anywhere in the name, company or email, and #id; the reference says so', async () => {
    const c = await api.client();
    const tag = `In${unique().replace(/-/g, '')}`;
    const { account } = await buildAccountWithOwner({
      account: { firstName: 'Augusta', lastName: `Lovelace${tag}`, companyName: 'Acme Web Ltd' },
    });
    const ids = async (search: string) =>
      ((await c.clients.getClients({ search })).clients as { client: { id: number }[] }).client.map((x) => x.id);
    // "web" is inside the company name, "gusta" inside the first name: both must match.
    expect(await ids(`web ${tag.toLowerCase()}`)).toEqual([account.id]);
    expect(await ids(`gusta ${tag}`)).toEqual([account.id]);
    expect(await ids(`${tag} nobody`)).toEqual([]);
    expect(await ids(`#${account.id}`)).toContain(account.id);
    const notes = [
      ...(getClients.notes ?? []),
      ...paramsOf(getClients)
        .filter((r) => r.name === 'search')
        .map((r) => r.description),
    ].join(' ');
    expect(notes).not.toMatch(/start/);
    expect(notes).toMatch(/anywhere/);
  });

  it('searches, filters by status, orders and pages, with totals', async () => {
    const c = await api.client();
    const tag = `Gc${unique().replace(/-/g, '')}`;
    const a = await buildAccountWithOwner({ account: { companyName: `${tag} Alpha`, lastName: 'Zed' } });
    const b = await buildAccountWithOwner({ account: { companyName: `${tag} Beta`, lastName: 'Able' } });
    await buildAccountWithOwner({ account: { companyName: `${tag} Gone`, status: 'Closed' } });

    const all = await c.clients.getClients({ search: tag.toLowerCase() });
    expect(all).toMatchObject({ result: 'success', totalresults: 3, startnumber: 0, numreturned: 3 });
    const active = await c.clients.getClients({ search: tag, status: 'Active', orderby: 'lastname' });
    expect((active.clients as { client: { id: number }[] }).client.map((x) => x.id)).toEqual([
      b.account.id,
      a.account.id,
    ]);
    const [first] = (active.clients as { client: Record<string, unknown>[] }).client;
    expect(first).toEqual({
      id: b.account.id,
      firstname: b.account.firstName,
      lastname: 'Able',
      companyname: `${tag} Beta`,
      email: b.account.email,
      datecreated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      status: 'Active',
    });
    const page = await c.clients.getClients({
      search: tag,
      status: 'Active',
      sorting: 'DESC',
      limitstart: 1,
      limitnum: 1,
    });
    expect(page).toMatchObject({ totalresults: 2, startnumber: 1, numreturned: 1 });
    expect((page.clients as { client: { id: number }[] }).client[0]?.id).toBe(a.account.id);
    const past = await c.clients.getClients({ search: tag, limitstart: 50 });
    expect(past).toMatchObject({ totalresults: 3, numreturned: 0, clients: { client: [] } });
    expect((await c.clients.getClients({ orderby: 'password' })).message).toMatch(/^orderby must be one of/);
  });
});

describe('GetClientsDetails', () => {
  it('returns the client with users.user[] and owner_user_id, also at the top level', async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner({ account: { country: 'GB' } });
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const answer = await c.clients.getClientsDetails({ clientid: account.id });
    expect(answer.result).toBe('success');
    const client = answer.client as Record<string, unknown>;
    expect(client).toMatchObject({
      client_id: account.id,
      id: account.id,
      userid: account.id,
      owner_user_id: owner.id,
      email: account.email,
      countrycode: 'GB',
      countryname: 'United Kingdom',
      status: 'Active',
      allowSingleSignOn: true,
      language: 'english',
      lastlogin: '',
    });
    expect(client.users).toEqual({
      user: [
        { id: owner.id, name: `${owner.firstName} ${owner.lastName}`, email: owner.email, is_owner: true },
        { id: user.id, name: `${user.firstName} ${user.lastName}`, email: user.email, is_owner: false },
      ],
    });
    const { client: _c, result: _r, ...topLevel } = answer;
    const { users: _u, ...clientFields } = client;
    expect(topLevel).toEqual(clientFields);
  });

  it('finds a client by billing email and adds stats on request', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    await buildInvoice({ accountId: account.id, total: '12.50' });
    await buildService({ accountId: account.id, productId: (await buildProduct()).id });
    const answer = await c.clients.getClientsDetails({ email: account.email.toUpperCase(), stats: true });
    expect(answer.id).toBe(account.id);
    expect(answer.stats).toEqual({
      productsnumtotal: 1,
      numdomains: 0,
      numquotes: 0,
      numunpaidinvoices: 1,
      unpaidinvoicesamount: '12.50',
    });
  });

  it('answers each documented error', async () => {
    const c = await api.client();
    expect(await c.clients.getClientsDetails({})).toEqual({
      result: 'error',
      message: 'Either clientid Or email Is Required',
    });
    for (const params of [{ clientid: 2_000_000_000 }, { email: uniqueEmail('none') }])
      expect(await c.clients.getClientsDetails(params)).toEqual({ result: 'error', message: 'Client Not Found' });
  });
});

describe('UpdateClient', () => {
  it('changes the fields sent (by clientid or clientemail) and the status, in one go', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    expect(await c.clients.updateClient({ clientid: account.id, city: 'Leeds', status: 'Inactive' })).toEqual({
      result: 'success',
      clientid: account.id,
    });
    const after = await db().account.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toMatchObject({
      city: 'Leeds',
      status: 'Inactive',
      firstName: account.firstName,
      email: account.email,
    });
    expect((await entriesOf(c)).map((e) => e.description)).toEqual([
      `Account profile updated (Account ID: ${account.id})`,
      'Account status changed to Inactive',
    ]);
    await c.clients.updateClient({ clientemail: account.email, companyname: 'Renamed Ltd' });
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).companyName).toBe('Renamed Ltd');
  });

  it('answers each documented error', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const cases: [Record<string, string | number>, string][] = [
      [{ city: 'Nowhere' }, 'Client ID Not Found'],
      [{ clientid: 2_000_000_000, city: 'Nowhere' }, 'Client ID Not Found'],
      [{ clientemail: uniqueEmail('none'), city: 'Nowhere' }, 'Client ID Not Found'],
      [{ clientid: account.id, email: 'nope' }, 'The email address entered is not valid'],
    ];
    for (const [params, message] of cases)
      expect(await c.clients.updateClient(params), message).toEqual({ result: 'error', message });
  });
});

describe('DeleteClient', () => {
  it('deletes the client; with deleteusers, also the users left with no client', async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const { user: shared } = await buildAuthorizedUser(account.id, ['tickets']);
    const elsewhere = await buildAccountWithOwner();
    await db().accountUser.create({ data: { accountId: elsewhere.account.id, userId: shared.id, permissions: [] } });
    await buildContact({ accountId: account.id });

    expect(await c.clients.deleteClient({ clientid: account.id, deleteusers: true })).toEqual({
      result: 'success',
      clientid: account.id,
    });
    expect(await db().account.count({ where: { id: account.id } })).toBe(0);
    expect(await db().contact.count({ where: { accountId: account.id } })).toBe(0);
    expect(await db().user.count({ where: { id: owner.id } })).toBe(0);
    expect(await db().user.count({ where: { id: shared.id } })).toBe(1);
    expect((await entriesOf(c)).map((e) => e.description)).toEqual([
      expect.stringMatching(new RegExp(`^Client account deleted: .*\\(Account ID: ${account.id}\\)$`)),
      `User deleted with client account #${account.id}: ${owner.email} (User ID: ${owner.id})`,
    ]);
  });

  it('keeps the users without deleteusers, and answers "Client ID Not Found"', async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    expect((await c.clients.deleteClient({ clientid: account.id })).result).toBe('success');
    expect(await db().user.count({ where: { id: owner.id } })).toBe(1);
    expect(await c.clients.deleteClient({ clientid: account.id })).toEqual({
      result: 'error',
      message: 'Client ID Not Found',
    });
  });
});

describe('CloseClient', () => {
  it('closes the client, cancels unpaid invoices and ends its services', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const product = await buildProduct();
    const unpaid = await buildInvoice({ accountId: account.id });
    const paid = await buildInvoice({ accountId: account.id, status: 'Paid' });
    const running = await buildService({ accountId: account.id, productId: product.id, status: 'Active' });
    const pending = await buildService({ accountId: account.id, productId: product.id, status: 'Pending' });
    expect(await c.clients.closeClient({ clientid: account.id })).toEqual({ result: 'success', clientid: account.id });
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe('Closed');
    expect((await db().invoice.findUniqueOrThrow({ where: { id: unpaid.id } })).status).toBe('Cancelled');
    expect((await db().invoice.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe('Paid');
    expect((await db().service.findUniqueOrThrow({ where: { id: running.id } })).status).toBe('Terminated');
    expect((await db().service.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('Cancelled');
    expect((await entriesOf(c))[0]?.description).toBe(
      'Client account closed: 1 unpaid invoice(s) cancelled, 1 service(s) cancelled, 1 terminated',
    );
    expect(await c.clients.closeClient({ clientid: 2_000_000_000 })).toEqual({
      result: 'error',
      message: 'Client ID Not Found',
    });
  });
});

describe('GetContacts and AddContact', () => {
  it("adds a contact with its email preferences, and lists a client's contacts", async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const email = uniqueEmail('contact');
    const added = await c.clients.addContact({
      clientid: account.id,
      firstname: 'Carl',
      lastname: 'Contact',
      email,
      phonenumber: '+44 20 0000 0000',
      'email_preferences[general]': 0,
      'email_preferences[invoice]': 1,
      'email_preferences[support]': 'true',
      address1: 'accepted, not stored',
    });
    expect(added).toEqual({ result: 'success', contactid: expect.any(Number) });
    expect((await entriesOf(c))[0]).toMatchObject({
      description: `Contact added: ${email} (Contact ID: ${added.contactid})`,
      accountId: account.id,
    });
    const listed = await c.clients.getContacts({ userid: account.id });
    expect(listed).toMatchObject({ result: 'success', totalresults: 1, startnumber: 0, numreturned: 1 });
    expect((listed.contacts as { contact: unknown[] }).contact).toEqual([
      {
        id: added.contactid,
        userid: account.id,
        firstname: 'Carl',
        lastname: 'Contact',
        companyname: '',
        email,
        phonenumber: '+44 20 0000 0000',
        generalemails: 0,
        invoiceemails: 1,
        supportemails: 1,
        productemails: 0,
        domainemails: 0,
        affiliateemails: 0,
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      },
    ]);
    const byEmail = await c.clients.getContacts({ email: email.toUpperCase() });
    expect(byEmail.totalresults).toBe(1);
    expect((await c.clients.getContacts({ userid: account.id, firstname: 'Nobody' })).totalresults).toBe(0);
    expect((await c.clients.getContacts({ city: 'Leeds' })).message).toBe('Contacts do not have a city in this system');
  });

  it('answers AddContact errors', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const base = { clientid: account.id, firstname: 'A', lastname: 'B', email: uniqueEmail() };
    const cases: [Record<string, string | number>, string][] = [
      [{ ...base, clientid: 2_000_000_000 }, 'Client ID Not Found'],
      [{ ...base, firstname: '' }, 'You did not enter a first name'],
      [{ ...base, email: 'bad' }, 'The email address entered is not valid'],
    ];
    for (const [params, message] of cases)
      expect(await c.clients.addContact(params), message).toEqual({ result: 'error', message });
    expect(await db().contact.count({ where: { accountId: account.id } })).toBe(0);
  });
});
