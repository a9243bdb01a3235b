// Users (WHMCS 8): AddUser, GetUsers, UpdateUser, ResetPassword.
import { z } from 'zod';
import { sendPasswordResetByStaff } from '../../../services/auth/email-links.js';
import { listUserWindow } from '../../../services/users/search.js';
import { createUserByStaff, getUser, updateUserProfile } from '../../../services/users/users.js';
import { defineAction, exBool, exId, exText, paging, success } from '../action.js';
import { LANGUAGE_HELP, languageCode, whmcsDateTime } from '../format.js';
import { count, email, int, optionalEmail, optionalInt, optionalText, password, text } from '../params.js';
import { checkLanguage, checkNewPassword, checkSorting, isDescending, sortingParam } from './shared.js';

const GROUP = 'Users';

const language = () => optionalText(`Language: ${LANGUAGE_HELP}`, 40);

export const addUser = defineAction({
  name: 'AddUser',
  group: GROUP,
  summary: 'Creates a user who can log in; associate them with a client by CreateClientInvite.',
  params: z
    .object({
      firstname: text('First name', 'You did not enter a first name', 100),
      lastname: text('Last name', 'You did not enter a last name', 100),
      email: email('Login email address (unique)', {
        missing: 'You did not enter an email address',
        invalid: 'The email address entered is not valid',
      }),
      password2: password('Password (at least 10 characters, not easy to guess)', 'You did not enter a password'),
      language: language(),
    })
    .superRefine((p, ctx) => {
      checkNewPassword(ctx, 'password2', p.password2, [p.email, p.firstname, p.lastname]);
      checkLanguage(ctx, 'language', p.language);
    }),
  response: success({ user_id: exId(4) }),
  async handler(p, { actor }) {
    const user = await createUserByStaff(actor, {
      email: p.email,
      firstName: p.firstname,
      lastName: p.lastname,
      password: p.password2,
      language: p.language ? languageCode(p.language) : undefined,
    });
    return { user_id: user.id };
  },
});

export const getUsers = defineAction({
  name: 'GetUsers',
  group: GROUP,
  summary: 'Lists users by id, each with the client accounts they reach.',
  notes: [
    'search: each word (up to 8) is found anywhere in the first name, last name or email, case-insensitively, and every word must be there ("gusta love" finds Augusta Lovelace); % and _ are plain characters. A number, or #number, also finds the user with that id. The same search as the admin area\'s Users list.',
    'validationdata is not sent: this product records email verification as a date, not WHMCS data.',
  ],
  params: z
    .object({
      limitstart: count('The offset to start at (default 0)', 0),
      limitnum: count('How many to return (default 25, at most 250)', 25, 250),
      sorting: sortingParam('user ids'),
      search: optionalText('Words found anywhere in the name or email, or a user id (#id)', 100),
    })
    .superRefine((p, ctx) => checkSorting(ctx, p.sorting)),
  response: success({
    ...paging,
    users: z.array(
      z.strictObject({
        id: exId(4),
        firstname: exText('Jane'),
        lastname: exText('Doe'),
        email: exText('jane@example.com'),
        datecreated: exText('2026-01-15 09:30:00'),
        clients: z.array(z.strictObject({ id: exId(12), isOwner: exBool(true) })),
      }),
    ),
  }),
  async handler(p) {
    const { total, users } = await listUserWindow({
      search: p.search,
      offset: p.limitstart,
      limit: p.limitnum,
      descending: isDescending(p.sorting),
    });
    return {
      totalresults: total,
      startnumber: p.limitstart,
      numreturned: users.length,
      users: users.map((u) => ({
        id: u.id,
        firstname: u.firstName,
        lastname: u.lastName,
        email: u.email,
        datecreated: whmcsDateTime(u.createdAt),
        clients: u.memberships.map((m) => ({ id: m.accountId, isOwner: m.isOwner })),
      })),
    };
  },
});

export const updateUser = defineAction({
  name: 'UpdateUser',
  group: GROUP,
  summary: "Changes a user's name, email or language; fields not sent keep their value.",
  notes: ['A changed email is unverified again and links sent to the old address stop working.'],
  params: z
    .object({
      user_id: int('The user to change', 'Invalid User ID requested'),
      firstname: optionalText('First name', 100),
      lastname: optionalText('Last name', 100),
      email: optionalEmail('Login email address', 'The email address entered is not valid'),
      language: language(),
    })
    .superRefine((p, ctx) => {
      if (!p.firstname && !p.lastname && !p.email && !p.language)
        ctx.addIssue({ code: 'custom', message: 'One of `email`, `firstname`, `lastname`, or `language` is required' });
      checkLanguage(ctx, 'language', p.language);
    }),
  response: success({ user_id: exId(4) }),
  async handler(p, { actor }) {
    const user = await getUser(p.user_id);
    await updateUserProfile(actor, user.id, {
      firstName: p.firstname ?? user.firstName,
      lastName: p.lastname ?? user.lastName,
      email: p.email ?? user.email,
      language: p.language ? languageCode(p.language)! : user.language,
    });
    return { user_id: user.id };
  },
});

export const resetPassword = defineAction({
  name: 'ResetPassword',
  group: GROUP,
  summary: 'Emails the user a password reset link (valid 2 hours); no token is returned.',
  params: z
    .object({
      id: optionalInt('The user, by id', 'User Not Found'),
      email: optionalEmail('The user, by email', 'Please provide a valid email address'),
    })
    .superRefine((p, ctx) => {
      if (p.id === undefined && !p.email)
        ctx.addIssue({ code: 'custom', message: 'Please enter the email address or provide the id' });
    }),
  response: success({}),
  async handler(p, { actor }) {
    await sendPasswordResetByStaff(actor, p.id !== undefined ? { userId: p.id } : { email: p.email! });
    return {};
  },
});

export const USER_ACTIONS = [addUser, getUsers, updateUser, resetPassword];
