// Sessions in PostgreSQL (or PGlite) through connect-pg-simple. The client area and the admin
// area each have their own cookie and table, so neither session can act in the other area.
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type pg from 'pg';

const PgStore = connectPgSimple(session);

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
    store: new PgStore({ pool, tableName, createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    name: cookieName,
    secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure, path, maxAge: 8 * 60 * 60 * 1000 },
  });
}
