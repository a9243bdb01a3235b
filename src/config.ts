// The environment, parsed once. A bad value stops start-up with a message naming the variable.
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Real PostgreSQL. When absent the app runs on embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default('./data'),
  /** smtp://user:pass@host:port or smtps://... When absent mail is stored locally. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default('Client Area <no-reply@example.com>'),
  /** Used to sign sessions and encrypt service passwords. Generated and kept in DATA_DIR when absent. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.url().optional(),
  /** Cookies marked Secure. Default: on in production. */
  COOKIE_SECURE: bool.optional(),
  /**
   * Which X-Forwarded-For hops to believe: a number of proxies in front (1 behind one nginx), or
   * a comma-separated list of their addresses/CIDRs (Express's `trust proxy`). `true` would believe
   * every hop a client sends, so it is refused: a client could then pick its own IP.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v, ctx): number | string[] | false => {
      if (['false', '0', 'no', ''].includes(v)) return false;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      if (['true', 'yes', '1'].includes(v) || v === '*') {
        ctx.addIssue({
          code: 'custom',
          message:
            'TRUST_PROXY=true would trust every X-Forwarded-For hop, so any client could choose its own IP. Set the number of proxies in front of the app (e.g. TRUST_PROXY=1 behind one nginx) or their addresses (TRUST_PROXY=10.0.0.5,10.0.0.6).',
        });
        return z.NEVER;
      }
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const address = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
      if (!list.every((s) => address.test(s))) {
        ctx.addIssue({
          code: 'custom',
          message: 'use a number of proxies, or IP addresses / CIDR ranges separated by commas',
        });
        return z.NEVER;
      }
      return list;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** argon2id cost. The floor is SPEC rule 25: m >= 19 MiB, t >= 2, p >= 1. */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(19456).default(19456),
  ARGON2_TIME_COST: z.coerce.number().int().min(2).default(2),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Multiplies every request throttle (registration, reset requests, mail): for tests and load tests. */
  RATE_LIMIT_SCALE: z.coerce.number().int().min(1).max(1_000_000).default(1),
  // Running as a fleet (issue 10).
  /** Connections each instance's pool may open to PostgreSQL (docs/scaling.md: the connection budget). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** How often the periodic jobs (invitation expiry, session cleanup) run, once for all instances. */
  JOB_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(900),
  /** SIGTERM: how long in-flight requests get to finish before their connections are cut. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).default(8),
  /** Serves Prometheus metrics at /metrics to requests bearing this token. Unset: no /metrics. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Calls per API credential per minute (the WHMCS-compatible API, /includes/api.php). */
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(300),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Cookies marked Secure: set, or on by default in production. */
export function secureCookies(config: Config): boolean {
  return config.COOKIE_SECURE ?? config.NODE_ENV === 'production';
}

/** Settings that start but will not work as meant: printed at start-up. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (secureCookies(config) && config.PUBLIC_URL?.startsWith('http://')) {
    warnings.push(
      `PUBLIC_URL is ${config.PUBLIC_URL} (plain HTTP) but cookies are Secure (COOKIE_SECURE, on in production): browsers will not send them over HTTP and every form will answer "Form expired". Serve the app over HTTPS, or set COOKIE_SECURE=false for a test install.`,
    );
  }
  return warnings;
}
