// Short-lived signed tokens for "Log in to control panel" (single sign-on, `productsso`).
// token = base64url(JSON {s: serviceId, u: userId, e: expiry seconds}) + "." + HMAC-SHA256.
// The key is derived from the app secret; the control panel verifies with the same secret.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { now } from './clock.js';

export const SSO_TOKEN_TTL_SECONDS = 60;

let key: Buffer | undefined;

/** Called with the app secret at start-up (next to configureSecretKey). */
export function configureSsoKey(secret: string): void {
  key = createHash('sha256').update(`sso-token:${secret}`).digest();
}

function currentKey(): Buffer {
  if (!key) throw new Error('sso-token used before configureSsoKey()');
  return key;
}

const mac = (payload: string) => createHmac('sha256', currentKey()).update(payload).digest('base64url');

export function signSsoToken(serviceId: number, userId: number, ttlSeconds = SSO_TOKEN_TTL_SECONDS): string {
  const e = Math.floor(now().getTime() / 1000) + ttlSeconds;
  const payload = Buffer.from(JSON.stringify({ s: serviceId, u: userId, e })).toString('base64url');
  return `${payload}.${mac(payload)}`;
}

/** The token's claims when its signature is right and it has not expired; otherwise null. */
export function verifySsoToken(token: string): { serviceId: number; userId: number; expiresAt: Date } | null {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      s?: unknown;
      u?: unknown;
      e?: unknown;
    };
    if (typeof claims.s !== 'number' || typeof claims.u !== 'number' || typeof claims.e !== 'number') return null;
    if (claims.e * 1000 < now().getTime()) return null;
    return { serviceId: claims.s, userId: claims.u, expiresAt: new Date(claims.e * 1000) };
  } catch {
    return null;
  }
}
