// The footer's language picker (issue 15): POST /language with a code from the list of languages
// we have files for. The choice is kept in the `lang` cookie, which i18next's middleware reads
// before Accept-Language; a logged-in user's own language setting wins over both, so for them the
// choice is saved as that setting too (and their emails follow it).
import { Router } from 'express';
import { z } from 'zod';
import { LANGUAGE_CODES, LANGUAGE_COOKIE } from '../../lib/i18n.js';
import { setUserLanguage } from '../../services/users/users.js';
import { parseForm } from '../forms.js';
import { safeReturnTo } from './login-session.js';
import { actorOf } from './route-context.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const languageForm = z.object({
  language: z.enum(LANGUAGE_CODES),
  returnTo: z.string().max(2000).optional(),
});

export function languageRoutes({ secure }: { secure: boolean }) {
  const router = Router();
  router.post('/language', async (req, res) => {
    const form = parseForm(languageForm, req.body, req.language);
    res.cookie(LANGUAGE_COOKIE, form.language, {
      maxAge: YEAR_MS,
      sameSite: 'lax',
      httpOnly: true,
      secure,
      path: '/',
    });
    if (res.locals.currentUser) await setUserLanguage(actorOf(req, res), res.locals.currentUser.id, form.language);
    res.redirect(safeReturnTo(form.returnTo) ?? '/');
  });
  return router;
}
