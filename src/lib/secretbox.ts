// Reversible encryption for secrets we must show again (a service's control-panel password,
// a TOTP secret): AES-256-GCM under a key derived from the app secret.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

let key: Buffer | undefined;

export function configureSecretKey(secret: string): void {
  key = createHash('sha256').update(`secretbox:${secret}`).digest();
}

function currentKey(): Buffer {
  if (!key) throw new Error('secretbox used before configureSecretKey()');
  return key;
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', currentKey(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function open(sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', currentKey(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
