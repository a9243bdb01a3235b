// Issue 2: configuration is parsed once by zod and a bad value stops start-up with a message
// naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

function errorOf(env: Record<string, string>): Error {
  try {
    parseConfig(env);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration parsing', () => {
  it('applies the documented defaults to an empty environment (embedded PGlite, local mail)', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./data');
    expect(c.NODE_ENV).toBe('development');
    expect(c.ARGON2_MEMORY_KIB).toBeGreaterThanOrEqual(19456);
    expect(c.ARGON2_TIME_COST).toBeGreaterThanOrEqual(2);
  });

  it('accepts valid values and coerces numbers and booleans', () => {
    const c = parseConfig({
      DATABASE_URL: 'postgresql://u:p@localhost:5432/app',
      SMTP_URL: 'smtp://localhost:1025',
      PORT: '8080',
      COOKIE_SECURE: 'false',
      TRUST_PROXY: '1',
    });
    expect(c.PORT).toBe(8080);
    expect(c.COOKIE_SECURE).toBe(false);
    expect(c.TRUST_PROXY).toBe(1);
    expect(c.DATABASE_URL).toBe('postgresql://u:p@localhost:5432/app');
  });

  it.each([
    ['DATABASE_URL', 'nope'],
    ['DATABASE_URL', 'mysql://u:p@localhost/db'],
    ['SMTP_URL', 'http://mail.example.com'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['SESSION_SECRET', 'too-short'],
    ['COOKIE_SECURE', 'maybe'],
    ['ARGON2_MEMORY_KIB', '1024'],
    ['ARGON2_TIME_COST', '1'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses a bad %s (%s) with a ConfigError naming the variable', (name, value) => {
    const err = errorOf({ [name]: value });
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(name);
  });

  it('takes TRUST_PROXY as a hop count or a list of proxy addresses (hardening item 2)', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      'loopback',
    ]);
  });

  it.each(['true', 'yes', '*'])('refuses TRUST_PROXY=%s: it would trust every hop a client sends', (value) => {
    const err = errorOf({ TRUST_PROXY: value });
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('TRUST_PROXY');
    expect(err.message).toContain('any client could choose its own IP');
  });

  it('names every bad variable at once', () => {
    const err = errorOf({ DATABASE_URL: 'nope', PORT: 'x' });
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).toContain('PORT');
  });
});
