// SPEC section 2: the 13 WHMCS permission keys, their order and labels, and how stored
// permissions are interpreted (owner => all 13; anything else => exactly what is stored).
import { describe, expect, it } from 'vitest';
import { authorize, authorizeOwner, can, effectivePermissions } from '../../src/policies/authorize.js';
import {
  ALL_PERMISSIONS,
  PERMISSIONS,
  isPermission,
  normalizePermissions,
  permissionLabel,
  type Permission,
} from '../../src/policies/permissions.js';
import { AppError } from '../../src/lib/errors.js';

const SPEC_TABLE: [string, string][] = [
  ['profile', 'Modify Master Account Profile'],
  ['contacts', 'View & Manage Contacts'],
  ['products', 'View Products & Services'],
  ['manageproducts', 'View & Modify Product Passwords'],
  ['productsso', 'Perform Single Sign-On'],
  ['domains', 'View Domains'],
  ['managedomains', 'Manage Domain Settings'],
  ['invoices', 'View & Pay Invoices'],
  ['quotes', 'View & Accept Quotes'],
  ['tickets', 'View & Open Support Tickets'],
  ['affiliates', 'View & Manage Affiliate Account'],
  ['emails', 'View Emails'],
  ['orders', 'Place New Orders/Upgrades/Cancellations'],
];

describe('permission table (SPEC section 2)', () => {
  it('has exactly the 13 WHMCS keys, in WHMCS order, with the SPEC labels', () => {
    expect(PERMISSIONS.map((p) => [p.key, p.label])).toEqual(SPEC_TABLE);
    expect(ALL_PERMISSIONS).toEqual(SPEC_TABLE.map(([k]) => k));
  });

  it('labels each key as the SPEC does', () => {
    for (const [key, label] of SPEC_TABLE) expect(permissionLabel(key as Permission)).toBe(label);
  });

  it('recognises only the 13 keys (case-sensitive, no near misses)', () => {
    for (const [key] of SPEC_TABLE) expect(isPermission(key)).toBe(true);
    for (const bad of [
      '',
      'Profile',
      'PROFILE',
      'admin',
      'owner',
      'billing',
      'product',
      'profile ',
      'tickets,orders',
    ]) {
      expect(isPermission(bad)).toBe(false);
    }
  });
});

describe('normalizePermissions: WHMCS order, no duplicates', () => {
  it('sorts into WHMCS order whatever order they were given in', () => {
    expect(normalizePermissions(['orders', 'profile', 'tickets', 'contacts'])).toEqual([
      'profile',
      'contacts',
      'tickets',
      'orders',
    ]);
  });

  it('drops duplicates', () => {
    expect(normalizePermissions(['emails', 'emails', 'invoices', 'emails'])).toEqual(['invoices', 'emails']);
  });

  it('keeps an empty list empty and the full list whole', () => {
    expect(normalizePermissions([])).toEqual([]);
    expect(normalizePermissions([...ALL_PERMISSIONS].reverse())).toEqual([...ALL_PERMISSIONS]);
  });
});

describe('effectivePermissions: owner gets all 13, anyone else exactly what is stored', () => {
  it('gives the owner all 13 even when nothing is stored', () => {
    expect(effectivePermissions(true, [])).toEqual([...ALL_PERMISSIONS]);
  });

  it('gives an authorized user exactly the stored keys, in WHMCS order', () => {
    expect(effectivePermissions(false, ['tickets', 'invoices'])).toEqual(['invoices', 'tickets']);
  });

  it('ignores stored keys that are not one of the 13', () => {
    expect(effectivePermissions(false, ['invoices', 'superuser', 'INVOICES'])).toEqual(['invoices']);
  });

  it('gives an authorized user with nothing stored no permission at all', () => {
    expect(effectivePermissions(false, [])).toEqual([]);
  });
});

describe('authorize / can / authorizeOwner', () => {
  const user = { accountId: 1, userId: 2, isOwner: false, permissions: ['invoices'] as Permission[] };
  const owner = { accountId: 1, userId: 3, isOwner: true, permissions: [...ALL_PERMISSIONS] };

  it('allows only a granted permission, and nothing without access', () => {
    expect(can(user, 'invoices')).toBe(true);
    expect(can(user, 'tickets')).toBe(false);
    expect(can(null, 'invoices')).toBe(false);
    expect(authorize(user, 'invoices')).toBe(user);
    expect(() => authorize(user, 'tickets')).toThrow(AppError);
    expect(() => authorize(undefined, 'tickets')).toThrowError(
      expect.objectContaining({ code: 'FORBIDDEN', status: 403 }) as Error,
    );
  });

  it('lets only the owner through authorizeOwner (NOT_OWNER otherwise)', () => {
    expect(authorizeOwner(owner)).toBe(owner);
    expect(() => authorizeOwner(user)).toThrowError(expect.objectContaining({ code: 'NOT_OWNER' }) as Error);
    expect(() => authorizeOwner(null)).toThrowError(expect.objectContaining({ code: 'NOT_OWNER' }) as Error);
  });
});
