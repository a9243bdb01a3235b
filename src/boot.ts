// Everything the app needs before it can serve: the database (real PostgreSQL, or the embedded
// PGlite default in DATA_DIR), migrations, secrets, mail, settings defaults, first admin.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from './config.js';
import { connectDatabase, setDatabase, type Database } from './db/client.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { configurePasswordCost } from './lib/passwords.js';
import { makePrivate, privateUmask } from './lib/private-files.js';
import { configureSecretKey } from './lib/secretbox.js';
import { configureSsoKey } from './lib/sso-token.js';
import { ensureFirstAdmin } from './services/admins/admins.js';
import { seedCatalogIfEmpty } from './services/billing/catalog.js';
import { configureMail } from './services/mail/mailer.js';
import { configureLoginThrottle } from './services/throttles/login-throttle.js';
import { configureRequestThrottles } from './services/throttles/request-throttles.js';
import { setSettingDefault } from './services/settings/settings.js';

export interface Runtime {
  config: Config;
  database: Database;
  embedded?: EmbeddedPostgres;
  secret: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Tests pass an already-running database. */
  databaseUrl?: string;
  maxConnections?: number;
  onQuery?: (sql: string) => void;
}

export async function startRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl ?? config.DATABASE_URL;
  // Everything under DATA_DIR is the app user's alone (the embedded database, stored mail, the
  // secret): tightened once at start-up, and new files are created private.
  privateUmask();
  makePrivate(config.DATA_DIR);
  if (!url) {
    embedded = await startEmbeddedPostgres(join(config.DATA_DIR, 'pglite'));
    url = embedded.url;
  }
  const database = connectDatabase({
    url,
    maxConnections: options.maxConnections ?? (embedded ? 1 : config.DATABASE_POOL_SIZE),
    onQuery: options.onQuery,
  });
  await migrate(database.pool);
  setDatabase(database);

  const secret = config.SESSION_SECRET ?? loadOrCreateSecret(config.DATA_DIR);
  configureRuntime(config, secret);

  return {
    config,
    database,
    embedded,
    secret,
    async close() {
      await database.close();
      setDatabase(undefined);
      await embedded?.stop();
      if (embedded) makePrivate(config.DATA_DIR);
    },
  };
}

/**
 * The embedded default's first start: a first admin, whose password the caller prints once, and a
 * small catalog. npm start calls it once the port is bound, so a start that fails (port in use)
 * cannot create an admin whose password nobody saw.
 */
export async function prepareEmbeddedDefaults(
  runtime: Pick<Runtime, 'embedded'>,
): Promise<{ email: string; password: string } | null> {
  if (!runtime.embedded) return null;
  const firstAdmin = await ensureFirstAdmin();
  await seedCatalogIfEmpty();
  return firstAdmin;
}

/**
 * The process-wide configuration the services read: the secret (cookies, sealed TOTP secrets and
 * service passwords, SSO tokens), argon2's cost, mail, and the default base of links in emails.
 * Start-up and the tests' app both call this, so they cannot drift apart.
 */
export function configureRuntime(config: Config, secret: string): void {
  configureSecretKey(secret);
  configureSsoKey(secret);
  configurePasswordCost(config.ARGON2_MEMORY_KIB, config.ARGON2_TIME_COST);
  configureMail({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, dataDir: config.DATA_DIR });
  configureLoginThrottle(config.LOGIN_RATE_LIMIT);
  configureRequestThrottles(config.RATE_LIMIT_SCALE);
  setSettingDefault('publicUrl', config.PUBLIC_URL ?? `http://localhost:${config.PORT}`);
}

/** Without SESSION_SECRET, a random secret is made once and kept beside the data. */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
