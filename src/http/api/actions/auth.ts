// Authentication: ValidateLogin, CreateSsoToken.
import { z } from 'zod';
import { checkCredentials } from '../../../services/auth/login.js';
import { SSO_DESTINATIONS } from '../../../services/auth/sso-destinations.js';
import { SSO_LINK_LIFETIME_MS, SSO_REDEEM_PATH, createSsoToken } from '../../../services/auth/sso.js';
import { defineAction, exBool, exId, exText, success } from '../action.js';
import { optionalInt, optionalText, text } from '../params.js';

const GROUP = 'Authentication';

export const validateLogin = defineAction({
  name: 'ValidateLogin',
  group: GROUP,
  summary: "Checks a user's email and password.",
  notes: [
    'passwordhash is never sent: this product stores argon2id hashes and does not hand them out (WHMCS returned one for its own session keys). To log a user in, use CreateSsoToken.',
    'No session is started and the last login is not changed: this is a check by a third party, not a login. twoFactorEnabled is a boolean.',
    "Wrong passwords count against the login limits as on the login page, with the API caller's IP: per email and caller, per caller, and per email from anywhere (a backoff of seconds). Past a limit the answer is HTTP 429 with Retry-After.",
  ],
  params: z.object({
    email: text("The user's login email", 'Email or Password Invalid', 254),
    password2: text('The password to check', 'Email or Password Invalid', 256),
  }),
  response: success({ userid: exId(4), twoFactorEnabled: exBool(false) }),
  async handler(p, { actor }) {
    // The caller's address (the one its IP allow-list was checked against) keys the login
    // throttle and the log, as a visitor's does on the login page: without it every caller
    // would share one bucket, and one caller's guesses would stop everybody's logins.
    const { user, needsTotp } = await checkCredentials(p.email, p.password2, actor.ip);
    return { userid: user.id, twoFactorEnabled: needsTotp };
  },
});

export const createSsoTokenAction = defineAction({
  name: 'CreateSsoToken',
  group: GROUP,
  summary: `A single-use link, valid ${SSO_LINK_LIFETIME_MS / 1000} seconds, that logs the user in to the client account and lands on the destination.`,
  notes: [
    `destination is one of: ${Object.keys(SSO_DESTINATIONS).join(', ')} (default clientarea:home).`,
    "Without user_id the client's owner is logged in; without client_id the user's only client account is entered (a user with several must name one). The session is bound to that client account.",
    'Refused for a client whose "Allow Single Sign-On" is off (client profile in the admin area), checked again when the link is used. Second factors are not asked: the caller vouches for the user.',
  ],
  params: z
    .object({
      client_id: optionalInt('The client account to enter', 'Invalid client_id'),
      user_id: optionalInt("The user to log in (default: the client's owner)", 'Invalid user_id'),
      destination: optionalText('Where to land (see the notes)', 60),
      service_id: optionalInt('For clientarea:product_details: the service', 'Invalid destination'),
      domain_id: optionalInt('For clientarea:domain_details: the domain', 'Invalid destination'),
      sso_redirect_path: optionalText('For sso:custom_redirect: a path of the client area, e.g. tickets/new', 500),
    })
    .superRefine((p, ctx) => {
      if (p.client_id === undefined && p.user_id === undefined)
        ctx.addIssue({ code: 'custom', message: 'A valid client_id or user_id is required' });
    }),
  response: success({
    access_token: exText('Jx2d0tY8oKqZb6m1w0vQ3n4P5r6s7t8u9v0w1x2y3z4'),
    redirect_url: exText(
      'https://billing.example.com/oauth/singlesignon.php?access_token=Jx2d0tY8oKqZb6m1w0vQ3n4P5r6s7t8u9v0w1x2y3z4',
    ),
  }),
  async handler(p, { actor, publicUrl }) {
    const { token } = await createSsoToken(actor, {
      accountId: p.client_id,
      userId: p.user_id,
      destination: p.destination,
      serviceId: p.service_id,
      domainId: p.domain_id,
      redirectPath: p.sso_redirect_path,
    });
    return {
      access_token: token,
      redirect_url: `${publicUrl.replace(/\/+$/, '')}${SSO_REDEEM_PATH}?access_token=${encodeURIComponent(token)}`,
    };
  },
});

export const AUTH_ACTIONS = [validateLogin, createSsoTokenAction];
