// Sessions in PostgreSQL (or PGlite) through connect-pg-simple. The client area and the admin
// area each have their own cookie and table, so neither session can act in the other area.
import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type pg from 'pg';
import { readSessionWithContext, type RequestContext } from '../../services/memberships/current-access.js';

const PgStore = connectPgSimple(session);

/** What a session object last wrote, under a symbol: never serialized, never in req.session's hash. */
const WRITTEN = Symbol('written');
/** The stored content minus the cookie's sliding expiry (the lifetime, maxAge, does count). */
const writtenAs = (sid: string, sess: session.SessionData) =>
  `${sid}:${JSON.stringify({ ...sess, cookie: sess.cookie?.originalMaxAge ?? null })}`;

/** How often an unchanged session's expiry is pushed forward in the database. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_REMEMBERED_TOUCHES = 100_000;

/**
 * With rolling sessions express-session "touches" the store on every request that does not
 * change the session: one UPDATE per page view, just to slide the expiry. The cookie still
 * slides on every response; the row's expiry only needs to follow within a minute (sessions
 * live for hours), so each process touches a session at most once a minute.
 */
export class ThrottledTouchStore extends PgStore {
  private readonly lastTouch = new Map<string, number>();

  override touch(sid: string, sess: session.SessionData, callback?: () => void): void {
    const now = Date.now();
    const last = this.lastTouch.get(sid);
    if (last !== undefined && now - last < TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    this.remember(sid, now);
    super.touch(sid, sess, callback);
  }

  /**
   * A save writes the expiry too: no touch is needed right after it (a login, a switch). And a
   * save of exactly what this session object last wrote is skipped: after regenerate() the new
   * session is saved before the redirect (saveSessionBeforeRedirect) and express-session, which
   * does not track saves of a regenerated session, saves it again at the end of the response.
   */
  override set(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
    const written = writtenAs(sid, sess);
    const marked = sess as session.SessionData & { [WRITTEN]?: string };
    if (marked[WRITTEN] === written) {
      callback?.();
      return;
    }
    this.remember(sid, Date.now());
    super.set(sid, sess, (err?: unknown) => {
      if (!err) marked[WRITTEN] = written;
      callback?.(err);
    });
  }

  private remember(sid: string, at: number): void {
    if (this.lastTouch.size >= MAX_REMEMBERED_TOUCHES) this.lastTouch.clear();
    this.lastTouch.set(sid, at);
  }
}

const CONTEXT = Symbol('request context');

declare global {
  namespace Express {
    interface Request {
      /** The user and membership, read with the session row in one statement (client area). */
      sessionContext?: RequestContext | null;
    }
  }
}

/**
 * The client area's store: reading a session also reads the user and the selected account's
 * membership it points at, in the same statement (services/memberships/current-access.ts), so a
 * page pays one round trip for both (speed issue). The context rides on the session data under a
 * symbol, which is neither copied into req.session nor ever saved, and is handed to the request
 * when express-session makes the session object (createSession gets the request).
 */
export class ClientSessionStore extends ThrottledTouchStore {
  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    readSessionWithContext(sid).then(
      (found) => {
        if (!found) return callback(null, null);
        const sess = found.sess as unknown as session.SessionData & { [CONTEXT]?: RequestContext | null };
        sess[CONTEXT] = found.context;
        callback(null, sess);
      },
      (err: unknown) => callback(err),
    );
  }

  override createSession(req: Request, sess: session.SessionData): session.Session & session.SessionData {
    req.sessionContext = (sess as session.SessionData & { [CONTEXT]?: RequestContext | null })[CONTEXT];
    return super.createSession(req, sess);
  }
}

/** A session lasts this long after the last request... */
export const SESSION_HOURS = 8;
const SESSION_MAX_AGE_MS = SESSION_HOURS * 60 * 60 * 1000;
/** ...or, when "Remember me" was ticked at login, this long (the login page says so). */
export const REMEMBER_ME_DAYS = 30;
const REMEMBER_ME_MS = REMEMBER_ME_DAYS * 24 * 60 * 60 * 1000;

/** "Remember me": this session (cookie and stored row) lives REMEMBER_ME_DAYS instead of hours. */
export function rememberSession(req: Request): void {
  req.session.remember = true;
  req.session.cookie.maxAge = REMEMBER_ME_MS;
}

export interface SessionOptions {
  pool: pg.Pool;
  secret: string;
  secure: boolean;
  cookieName: string;
  tableName: 'session' | 'admin_session';
  path?: string;
}

export function sessionMiddleware({ pool, secret, secure, cookieName, tableName, path = '/' }: SessionOptions) {
  return session({
    // Expired rows are deleted by the session-cleanup job, once per interval for the whole fleet.
    store: new (tableName === 'session' ? ClientSessionStore : ThrottledTouchStore)({
      pool,
      tableName,
      createTableIfMissing: false,
      pruneSessionInterval: false,
    }),
    name: cookieName,
    secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure, path, maxAge: SESSION_MAX_AGE_MS },
  });
}

/** A fresh session id, keeping nothing from before but what we choose to carry over. */
export function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err as Error) : resolve())));
}

/**
 * Saves the session before a redirect goes out. express-session writes the response (all but its
 * last byte) before its own save finishes, and a browser follows a 302's Location at once: with
 * several database connections the next page could read the session before the flash message or
 * the new account was stored (seen in Chromium on PostgreSQL; supertest waits for the whole
 * response and never sees it).
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction) {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session) return redirect(...args);
    req.session.save((err) => (err ? next(err) : redirect(...args)));
  }) as typeof res.redirect;
  next();
}
