// src/policies/api-access.ts: which function a name means, what a credential may call, and the
// IP allow-list (addresses, CIDR ranges, IPv6, IPv4 seen through a dual-stack socket).
import { describe, expect, it } from 'vitest';
import {
  API_ACTIONS,
  authorizeApiAction,
  authorizeApiIp,
  canonicalAction,
  isActionAllowed,
  isIpAllowed,
  normalizeIp,
  parseActionList,
  parseIpAllowList,
} from '../../src/policies/api-access.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { code?: string; message: string }).code ?? (e as Error).message;
  }
};

describe('action names', () => {
  it('matches any letter case to the canonical name, and nothing else', () => {
    expect(canonicalAction('validatelogin')).toBe('ValidateLogin');
    expect(canonicalAction(' GETCLIENTSDETAILS ')).toBe('GetClientsDetails');
    expect(canonicalAction('GetClientsDetail')).toBeNull();
    expect(canonicalAction('')).toBeNull();
    expect(new Set(API_ACTIONS.map((a) => a.toLowerCase())).size).toBe(API_ACTIONS.length);
  });

  it('lists chosen functions canonically, in the reference order, and refuses unknown ones', () => {
    expect(parseActionList(['getusers', 'AddUser', 'GetUsers'])).toEqual(['AddUser', 'GetUsers']);
    expect(codeOf(() => parseActionList(['AddUser', 'DropDatabase']))).toBe('VALIDATION');
  });

  it('allows all, or only the listed functions, and says so in WHMCS words', () => {
    expect(isActionAllowed({ allowAllActions: true, allowedActions: [] }, 'DeleteClient')).toBe(true);
    const grant = { allowAllActions: false, allowedActions: ['GetUsers'] };
    expect(isActionAllowed(grant, 'GetUsers')).toBe(true);
    expect(isActionAllowed(grant, 'AddUser')).toBe(false);
    expect(() => authorizeApiAction(grant, 'AddUser', 'adduser')).toThrow(
      'Invalid Permissions: API action "adduser" is not allowed',
    );
  });
});

describe('IP allow-list', () => {
  it('allows any address when empty', () => {
    expect(isIpAllowed([], '203.0.113.9')).toBe(true);
  });

  it('matches single addresses and CIDR ranges, IPv4 and IPv6', () => {
    const list = ['192.0.2.10', '198.51.100.0/24', '2001:db8::/32'];
    expect(isIpAllowed(list, '192.0.2.10')).toBe(true);
    expect(isIpAllowed(list, '192.0.2.11')).toBe(false);
    expect(isIpAllowed(list, '198.51.100.255')).toBe(true);
    expect(isIpAllowed(list, '198.51.101.1')).toBe(false);
    expect(isIpAllowed(list, '2001:db8:1::5')).toBe(true);
    expect(isIpAllowed(list, '2001:db9::1')).toBe(false);
    expect(isIpAllowed(list, 'not-an-ip')).toBe(false);
  });

  it('treats an IPv4 client on a dual-stack socket as its IPv4 address', () => {
    expect(normalizeIp('::ffff:192.0.2.10')).toBe('192.0.2.10');
    expect(isIpAllowed(['192.0.2.10'], '::ffff:192.0.2.10')).toBe(true);
    expect(() => authorizeApiIp(['192.0.2.10'], '::ffff:10.0.0.1')).toThrow('Invalid IP 10.0.0.1');
  });

  it('parses a typed list (lines, commas, duplicates) and refuses entries that are not addresses', () => {
    expect(parseIpAllowList(' 192.0.2.10\n198.51.100.0/24, 192.0.2.10 \n\n::1 ')).toEqual([
      '192.0.2.10',
      '198.51.100.0/24',
      '::1',
    ]);
    for (const bad of ['192.0.2.300', '10.0.0.0/33', '2001:db8::/129', 'example.com', '10.0.0.0/8/8'])
      expect(
        codeOf(() => parseIpAllowList(bad)),
        bad,
      ).toBe('VALIDATION');
  });
});
