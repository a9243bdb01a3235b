// TOTP (RFC 6238) through otplib, with one step of clock drift allowed either way.
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import { createHash, randomBytes } from 'node:crypto';
import { now } from './clock.js';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret });
}

/** The enrolment QR code (a PNG data: URL) for an authenticator app. */
export function totpQrCode(secret: string, issuer: string, label: string): Promise<string> {
  return QRCode.toDataURL(totpUri(secret, issuer, label), { margin: 1, width: 220 });
}

export function currentTotp(secret: string): string {
  return generateSync({ secret, epoch: Math.floor(now().getTime() / 1000) });
}

/**
 * The time step (RFC 6238's counter) a code belongs to, or null when it is not valid now. One
 * step of clock drift is allowed either way. `afterStep`: steps up to and including it are
 * refused, so a code that was accepted once is not accepted again (RFC 6238 section 5.2).
 */
export function totpStep(secret: string, code: string, afterStep?: bigint | number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = verifySync({
      secret,
      token,
      epoch: Math.floor(now().getTime() / 1000),
      epochTolerance: 30,
      ...(afterStep !== undefined && afterStep !== null ? { afterTimeStep: Number(afterStep) } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

export function checkTotp(secret: string, code: string): boolean {
  return totpStep(secret, code) !== null;
}

/** Ten one-time recovery codes like "4f7k-2m9q-x3b8". They carry 60 random bits, so a plain
 *  SHA-256 is enough to store them (unlike passwords, they cannot be guessed from a list). */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
