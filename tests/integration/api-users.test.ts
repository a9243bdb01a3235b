// Issue 11, the Users functions over HTTP through whmcs-js: AddUser, GetUsers, UpdateUser,
// ResetPassword, CreateClientInvite, DeleteUserClient, GetUserPermissions, UpdateUserPermissions,
// GetPermissionsList; each documented error with WHMCS's exact string, and every write in the
// activity log as the credential's admin, marked with the credential.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { getUsers } from '../../src/http/api/actions/users.js';
import { paramsOf } from '../../src/http/api/reference.js';
import { ALL_PERMISSIONS } from '../../src/policies/permissions.js';
import { verifyPassword } from '../../src/lib/passwords.js';
import { buildAccountWithOwner, buildAuthorizedUser, buildUser, unique, uniqueEmail } from '../factories/index.js';
import { entriesOf, useApiServer } from '../helpers/api.js';

const api = useApiServer();
const STRONG = 'Correct-Horse-Battery-42';

describe('AddUser', () => {
  it('creates a user who can log in, with the WHMCS language name mapped', async () => {
    const c = await api.client();
    const email = uniqueEmail('Added').toUpperCase();
    const answer = await c.call('AddUser', {
      firstname: 'Ada',
      lastname: 'Lovelace',
      email,
      password2: STRONG,
      language: 'german',
    });
    expect(answer).toEqual({ result: 'success', user_id: expect.any(Number) });
    const user = await db().user.findUniqueOrThrow({ where: { id: answer.user_id as number } });
    expect(user).toMatchObject({ email: email.toLowerCase(), firstName: 'Ada', lastName: 'Lovelace', language: 'de' });
    expect(await verifyPassword(user.passwordHash, STRONG)).toBe(true);
    expect(await db().accountUser.count({ where: { userId: user.id } })).toBe(0);
    const [entry] = await entriesOf(c);
    expect(entry?.description).toBe(`User created: ${user.email} (User ID: ${user.id})`);
  });

  it('answers each documented error', async () => {
    const c = await api.client();
    const taken = await buildUser();
    const base = { firstname: 'A', lastname: 'B', email: uniqueEmail('add'), password2: STRONG };
    const cases: [Record<string, string>, string][] = [
      [{ ...base, firstname: '' }, 'You did not enter a first name'],
      [{ ...base, lastname: ' ' }, 'You did not enter a last name'],
      [{ ...base, email: '' }, 'You did not enter an email address'],
      [{ ...base, password2: '' }, 'You did not enter a password'],
      [{ ...base, email: 'not-an-email' }, 'The email address entered is not valid'],
      [{ ...base, email: taken.email.toUpperCase() }, 'A user already exists with that email address'],
    ];
    for (const [params, message] of cases)
      expect(await c.call('AddUser', params), message).toEqual({ result: 'error', message });
    const weak = await c.call('AddUser', { ...base, password2: 'password12' });
    expect(weak.message).toMatch(/^This password is too easy to guess/);
    expect((await c.call('AddUser', { ...base, language: 'klingon' })).message).toBe('Unknown language: klingon');
    expect(await db().user.count({ where: { email: base.email } })).toBe(0);
  });
});

describe('GetUsers', () => {
  it('finds users by their name or email, with the clients they reach', async () => {
    const c = await api.client();
    const tag = `zq${unique().replace(/-/g, '')}`;
    const { account, owner } = await buildAccountWithOwner({ owner: { lastName: `${tag}owner` } });
    const other = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(other.account.id, ['tickets'], { lastName: `${tag}member` });
    await db().accountUser.create({ data: { accountId: account.id, userId: user.id, permissions: [] } });

    const answer = await c.call('GetUsers', { search: tag.toUpperCase() });
    expect(answer).toMatchObject({ result: 'success', totalresults: 2, startnumber: 0, numreturned: 2 });
    expect(answer.users).toEqual([
      {
        id: owner.id,
        firstname: owner.firstName,
        lastname: owner.lastName,
        email: owner.email,
        datecreated: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        clients: [{ id: account.id, isOwner: true }],
      },
      {
        id: user.id,
        firstname: user.firstName,
        lastname: user.lastName,
        email: user.email,
        datecreated: expect.any(String),
        clients: [
          { id: account.id, isOwner: false },
          { id: other.account.id, isOwner: false },
        ].sort((x, y) => x.id - y.id),
      },
    ]);
    const byEmail = await c.call('GetUsers', { search: owner.email.slice(0, 12) });
    expect((byEmail.users as { id: number }[]).map((u) => u.id)).toContain(owner.id);
  });

  it('search finds each word anywhere in the name or email, and #id; the reference says so', async () => {
    const c = await api.client();
    const tag = `in${unique().replace(/-/g, '')}`;
    const user = await buildUser({ firstName: 'Augusta', lastName: `Lovelace${tag}ada` });
    const ids = async (search: string) =>
      ((await c.call('GetUsers', { search })).users as { id: number }[]).map((u) => u.id);
    // A word from inside the last name (not its start), in any case, with another word of the name.
    expect(await ids(`${tag.toUpperCase()}ADA`)).toEqual([user.id]);
    expect(await ids(`gusta ${tag}`)).toEqual([user.id]);
    expect(await ids(`${tag} nobody`)).toEqual([]);
    expect(await ids(`#${user.id}`)).toContain(user.id);
    const notes = [
      ...(getUsers.notes ?? []),
      ...paramsOf(getUsers)
        .filter((r) => r.name === 'search')
        .map((r) => r.description),
    ].join(' ');
    expect(notes).not.toMatch(/start/);
    expect(notes).toMatch(/anywhere/);
  });

  it('pages with limitstart/limitnum and sorts DESC', async () => {
    const c = await api.client();
    const tag = `pg${unique().replace(/-/g, '')}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await buildUser({ lastName: `${tag}${i}` }));
    const page = await c.call('GetUsers', { search: tag, limitstart: 1, limitnum: 1 });
    expect(page).toMatchObject({ totalresults: 3, startnumber: 1, numreturned: 1 });
    expect((page.users as { id: number }[])[0]?.id).toBe(made[1]!.id);
    const desc = await c.call('GetUsers', { search: tag, sorting: 'DESC' });
    expect((desc.users as { id: number }[]).map((u) => u.id)).toEqual(made.map((u) => u.id).reverse());
    expect((await c.call('GetUsers', { sorting: 'sideways' })).message).toBe('sorting must be ASC or DESC');
  });
});

describe('UpdateUser', () => {
  it('changes only the fields sent', async () => {
    const c = await api.client();
    const user = await buildUser({ language: 'de' });
    const email = uniqueEmail('moved');
    expect(await c.call('UpdateUser', { user_id: String(user.id), email })).toEqual({
      result: 'success',
      user_id: user.id,
    });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ email, firstName: user.firstName, lastName: user.lastName, language: 'de' });
    expect((await entriesOf(c))[0]?.description).toContain(`(email ${user.email} -> ${email})`);
    await c.call('UpdateUser', { user_id: user.id, language: 'english', firstname: 'Renamed' });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      email,
      firstName: 'Renamed',
      language: 'en',
    });
  });

  it('answers each documented error', async () => {
    const c = await api.client();
    const user = await buildUser();
    const other = await buildUser();
    const cases: [Record<string, string | number>, string][] = [
      [{ user_id: 2_000_000_000, firstname: 'X' }, 'Invalid User ID requested'],
      [{ user_id: 'abc', firstname: 'X' }, 'Invalid User ID requested'],
      [{ user_id: user.id }, 'One of `email`, `firstname`, `lastname`, or `language` is required'],
      [{ user_id: user.id, email: 'nope' }, 'The email address entered is not valid'],
      [{ user_id: user.id, email: other.email }, 'A user already exists with that email address'],
    ];
    for (const [params, message] of cases)
      expect(await c.call('UpdateUser', params), message).toEqual({ result: 'error', message });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });
});

describe('ResetPassword', () => {
  it('emails a reset link to the user named by id or by email, and returns no token', async () => {
    const c = await api.client();
    const user = await buildUser();
    expect(await c.clients.resetPassword({ id: user.id })).toEqual({ result: 'success' });
    expect(await c.clients.resetPassword({ email: user.email.toUpperCase() })).toEqual({ result: 'success' });
    const mails = await db().emailLog.findMany({ where: { userId: user.id, template: 'password_reset' } });
    expect(mails).toHaveLength(2);
    expect(await db().userToken.count({ where: { userId: user.id, purpose: 'password_reset' } })).toBe(2);
    expect((await entriesOf(c)).map((e) => e.description)).toEqual([
      `Password reset email sent to ${user.email} (User ID: ${user.id})`,
      `Password reset email sent to ${user.email} (User ID: ${user.id})`,
    ]);
  });

  it('answers each documented error', async () => {
    const c = await api.client();
    const cases: [Record<string, string | number>, string][] = [
      [{}, 'Please enter the email address or provide the id'],
      [{ email: 'bad@' }, 'Please provide a valid email address'],
      [{ id: 2_000_000_000 }, 'User Not Found'],
      [{ email: uniqueEmail('nobody') }, 'User Not Found'],
    ];
    for (const [params, message] of cases)
      expect(await c.clients.resetPassword(params), message).toEqual({ result: 'error', message });
  });
});

describe('CreateClientInvite', () => {
  it('sends an invitation with the permissions, attributed to the admin through the API', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const email = uniqueEmail('invited');
    const answer = await c.call('CreateClientInvite', {
      client_id: String(account.id),
      email,
      permissions: 'tickets, products,manageproducts',
    });
    expect(answer).toEqual({ result: 'success' });
    const inv = await db().invitation.findFirstOrThrow({ where: { accountId: account.id, email } });
    expect(inv).toMatchObject({
      status: 'pending',
      invitedByAdminId: c.admin.id,
      permissions: ['products', 'manageproducts', 'tickets'],
    });
    expect(await db().emailLog.count({ where: { recipient: email, template: 'invitation' } })).toBe(1);
    const entries = await entriesOf(c);
    expect(entries.map((e) => [e.description, e.accountId])).toEqual([
      [`Invitation sent to ${email} (Invitation ID: ${inv.id})`, account.id],
    ]);
  });

  it('answers each documented error', async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const cases: [Record<string, string | number>, string][] = [
      [{ client_id: account.id, permissions: 'tickets' }, 'Email is required'],
      [{ client_id: 2_000_000_000, email: uniqueEmail(), permissions: 'tickets' }, 'Invalid client id'],
      [{ client_id: account.id, email: 'bad', permissions: 'tickets' }, 'The email address entered is not valid'],
      [{ client_id: account.id, email: uniqueEmail() }, 'User permissions are required'],
      [{ client_id: account.id, email: owner.email, permissions: 'tickets' }, 'User already associated with client'],
      [{ client_id: account.id, email: uniqueEmail(), permissions: 'tickets,root' }, 'Unknown permission: root'],
    ];
    for (const [params, message] of cases)
      expect(await c.call('CreateClientInvite', params), message).toEqual({ result: 'error', message });
    expect(await db().invitation.count({ where: { accountId: account.id } })).toBe(0);
  });
});

describe('DeleteUserClient', () => {
  it("removes a user's access, keeping the user", async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    expect(await c.call('DeleteUserClient', { user_id: user.id, client_id: account.id })).toEqual({
      result: 'success',
    });
    expect(await db().accountUser.count({ where: { accountId: account.id, userId: user.id } })).toBe(0);
    expect(await db().user.count({ where: { id: user.id } })).toBe(1);
    expect((await entriesOf(c))[0]).toMatchObject({
      description: `User access removed: ${user.email} (User ID: ${user.id})`,
      accountId: account.id,
    });
  });

  it('answers each documented error, the owner rule coming from the service', async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const stranger = await buildUser();
    const cases: [Record<string, number>, string][] = [
      [{ user_id: 2_000_000_000, client_id: account.id }, 'Invalid user id'],
      [{ user_id: stranger.id, client_id: 2_000_000_000 }, 'Invalid client id'],
      [{ user_id: stranger.id, client_id: account.id }, 'User is not associated with client'],
      [{ user_id: owner.id, client_id: account.id }, 'You cannot remove the account owner'],
    ];
    for (const [params, message] of cases)
      expect(await c.call('DeleteUserClient', params), message).toEqual({ result: 'error', message });
    expect(await db().accountUser.count({ where: { accountId: account.id, userId: owner.id } })).toBe(1);
  });
});

describe('GetUserPermissions and UpdateUserPermissions', () => {
  it("reads a user's permissions (comma-separated, WHMCS order); an owner has all 13", async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets', 'invoices']);
    expect(await c.call('GetUserPermissions', { user_id: user.id, client_id: account.id })).toEqual({
      result: 'success',
      permissions: 'invoices,tickets',
    });
    expect(await c.call('GetUserPermissions', { user_id: owner.id, client_id: account.id })).toEqual({
      result: 'success',
      permissions: ALL_PERMISSIONS.join(','),
    });
  });

  it('replaces the permissions, and refuses an owner with the service rule', async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    expect(
      await c.call('UpdateUserPermissions', { user_id: user.id, client_id: account.id, permissions: 'emails,profile' }),
    ).toEqual({ result: 'success' });
    expect((await c.call('GetUserPermissions', { user_id: user.id, client_id: account.id })).permissions).toBe(
      'profile,emails',
    );
    expect((await entriesOf(c))[0]?.description).toBe(
      `Permissions changed for ${user.email} (User ID: ${user.id}): profile, emails`,
    );
    const cases: [Record<string, string | number>, string][] = [
      [
        { user_id: owner.id, client_id: account.id, permissions: 'tickets' },
        'Permissions cannot be set on a client owner',
      ],
      [{ user_id: user.id, client_id: account.id }, 'Missing permissions definition'],
      [{ user_id: 2_000_000_000, client_id: account.id, permissions: 'tickets' }, 'Invalid user id'],
      [{ user_id: user.id, client_id: 2_000_000_000, permissions: 'tickets' }, 'Invalid client id'],
      [
        { user_id: (await buildUser()).id, client_id: account.id, permissions: 'tickets' },
        'User is not associated with client',
      ],
    ];
    for (const [params, message] of cases)
      expect(await c.call('UpdateUserPermissions', params), message).toEqual({ result: 'error', message });
    for (const [params, message] of cases.slice(2))
      expect(await c.call('GetUserPermissions', params), message).toEqual({ result: 'error', message });
  });
});

describe('GetPermissionsList', () => {
  it('lists the 13 keys in order, with status and result', async () => {
    const c = await api.client();
    expect(await c.call('GetPermissionsList')).toEqual({
      result: 'success',
      status: 'success',
      permissions: {
        permission: [
          'profile',
          'contacts',
          'products',
          'manageproducts',
          'productsso',
          'domains',
          'managedomains',
          'invoices',
          'quotes',
          'tickets',
          'affiliates',
          'emails',
          'orders',
        ],
      },
    });
  });
});
