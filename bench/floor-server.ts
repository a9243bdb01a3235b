// The floor (speed issue): the least any implementation of the dashboard must do, on the same
// Node, PostgreSQL and templates. Per request: verify the signed session cookie, read the session
// row, read the user and the selected account's membership (SPEC rule 6: fresh every request),
// and render the real dashboard view inside the real layout with fixed panel data. No session
// write, no CSRF, no helmet, no logging, no ORM: plain pg, Express 5, EJS with its cache on.
// Each page's cost is read against this, so a claim that a cost is "the machine's" has a measured
// floor beside it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import ejs from 'ejs';
import express from 'express';
import pg from 'pg';
import { confirmations } from '../src/http/client/confirmations.js';
import { viewLocalsFor } from '../src/http/middleware/language.js';
import { PERMISSIONS } from '../src/policies/permissions.js';
import { VIEWS_DIR } from '../src/paths.js';

const secret = process.env.SESSION_SECRET ?? '';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

/** express-session's cookie: "s:<sid>.<HMAC-SHA256 base64 without padding>". */
function sidOf(cookieHeader: string | undefined): string | null {
  const raw = /(?:^|;\s*)client\.sid=([^;]+)/.exec(cookieHeader ?? '')?.[1];
  if (!raw) return null;
  const value = decodeURIComponent(raw);
  if (!value.startsWith('s:')) return null;
  const dot = value.lastIndexOf('.');
  const sid = value.slice(2, dot);
  const expected = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  const given = value.slice(dot + 1);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected)) ? sid : null;
}

const EMPTY_PANELS = {
  services: { rows: [], active: 0 },
  invoices: { rows: [], unpaid: 0, unpaidTotal: '0.00', overdue: 0 },
  tickets: { rows: [], open: 0 },
  domains: { rows: [], total: 0 },
  quotes: { open: 0 },
};

const app = express();
app.disable('x-powered-by');
app.set('view engine', 'ejs');
app.set('views', VIEWS_DIR);
app.set('view cache', true);
app.set('view options', { root: VIEWS_DIR }); // includes by path from the views root, as the app
app.set('etag', false);
// What the client area sets once per language (src/http/middleware/language.ts), English here.
Object.assign(app.locals, {
  permissionList: PERMISSIONS,
  confirmations,
  escaped: { interpolation: { escapeValue: true, escape: ejs.escapeXML } },
  ...viewLocalsFor('en'),
});

app.get('/healthz', (_req, res) => {
  res.send('ok');
});

app.get('/', async (req, res) => {
  const sid = sidOf(req.headers.cookie);
  if (!sid) return res.redirect('/login');
  const session = await pool.query<{ sess: { userId?: number; accountId?: number } }>({
    name: 'floor-session',
    text: 'SELECT sess FROM session WHERE sid = $1 AND expire >= now()',
    values: [sid],
  });
  const sess = session.rows[0]?.sess;
  if (!sess?.userId) return res.redirect('/login');
  const context = await pool.query({
    name: 'floor-context',
    text: `SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.email_verified_at AS "emailVerifiedAt",
                  au.is_owner AS "isOwner", au.permissions, a.first_name AS "accountFirstName", a.last_name AS "accountLastName",
                  a.company_name AS "companyName"
             FROM users u JOIN account_users au ON au.user_id = u.id AND au.account_id = $2
             JOIN accounts a ON a.id = au.account_id WHERE u.id = $1`,
    values: [sess.userId, sess.accountId ?? 0],
  });
  const row = context.rows[0];
  if (!row) return res.redirect('/accounts/choose');
  const permissions: string[] = row.isOwner ? PERMISSIONS.map((p) => p.key) : row.permissions;
  const locals = {
    title: 'Dashboard',
    currentUser: row,
    currentAccount: { displayName: row.companyName || `${row.accountFirstName} ${row.accountLastName}` },
    access: { isOwner: row.isOwner, permissions },
    can: (p: string) => permissions.includes(p),
    csrfToken: () => 'floor-token',
    csrfField: () => '<input type="hidden" name="_csrf" value="floor-token">',
    csrfIssued: () => true,
    returnTo: '/',
    flash: [],
    path: '/',
    companyName: 'Example Hosting',
    userManagementEnabled: row.isOwner,
    panels: EMPTY_PANELS,
    gateway: 'Test Gateway',
    expiryWindowDays: 60,
    errors: {},
    values: {},
    error: null,
  };
  res.render('client/dashboard', locals, (err, body) => {
    if (err) return res.status(500).send(String(err));
    res.render('layouts/client', { ...locals, body }, (err2, html) =>
      err2 ? res.status(500).send(String(err2)) : res.send(html),
    );
  });
});

app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
