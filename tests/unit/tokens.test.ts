// SPEC rule 12: link tokens carry at least 256 random bits and only their SHA-256 is stored.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../src/lib/tokens.js';

describe('link tokens (SPEC rule 12)', () => {
  it('carry 256 random bits (32 bytes, base64url)', () => {
    const { token } = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('are stored as the lower-case hex SHA-256 of the token', () => {
    const { token, hash } = newToken();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });

  it('never repeat (1000 draws)', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newToken().token));
    expect(tokens.size).toBe(1000);
  });

  it('hash deterministically and differently for different tokens', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('abc')).not.toBe(hashToken('abd'));
  });
});
