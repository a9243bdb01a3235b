// Single sign-on links made by the API's CreateSsoToken land here: the link is used up, the user
// is logged in bound to its client account, and sent to its destination. A dead link (used,
// expired, single sign-on switched off) shows a clear page.
import { Router } from 'express';
import { msg } from '../../lib/i18n.js';
import { AppError } from '../../lib/errors.js';
import { SSO_REDEEM_PATH } from '../../services/auth/sso.js';
import { REQUEST_RULES } from '../../services/throttles/request-throttles.js';
import { throttle } from '../middleware/rate-limit.js';
import { startSsoSession } from './login-session.js';

export function ssoRoutes() {
  const router = Router();
  router.get(SSO_REDEEM_PATH, throttle(REQUEST_RULES.tokenLinksPerIp), async (req, res) => {
    const token = req.query.access_token;
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token))
      throw new AppError('TOKEN_INVALID', msg('This sign-in link is not valid.'));
    res.redirect(await startSsoSession(req, token));
  });
  return router;
}
