// SPEC rule 21: the badge decision, as a pure function.
import { describe, expect, it } from 'vitest';
import { badgeFor, buildBadgeContext } from '../../src/services/tickets/badges.js';

const ctx = buildBadgeContext([
  { kind: 'member', user_id: 1, email: 'owner@example.test', is_owner: true },
  { kind: 'member', user_id: 2, email: 'auth@example.test', is_owner: false },
  { kind: 'contact', user_id: null, email: 'contact@example.test', is_owner: false },
  { kind: 'user', user_id: 3, email: 'removed@example.test', is_owner: false },
  // A registered user who is also a contact of the account.
  { kind: 'contact', user_id: null, email: 'both@example.test', is_owner: false },
  { kind: 'user', user_id: 4, email: 'both@example.test', is_owner: false },
]);
const reply = (r: Partial<{ userId: number | null; adminId: number | null; email: string; adminName: string }>) => ({
  userId: null,
  adminId: null,
  email: '',
  ...r,
});

describe('badgeFor', () => {
  it('admin replies carry the admin name', () => {
    expect(badgeFor(reply({ adminId: 9, email: 'staff@example.test', adminName: 'Sam Staff' }), ctx)).toEqual({
      kind: 'admin',
      label: 'Sam Staff',
    });
    expect(badgeFor(reply({ adminId: 9, adminName: '  ' }), ctx).label).toBe('Staff');
  });
  it('Owner and Authorized User by user id, and by email when the reply has no user id', () => {
    expect(badgeFor(reply({ userId: 1, email: 'owner@example.test' }), ctx).label).toBe('Owner');
    expect(badgeFor(reply({ userId: 2, email: 'whatever@example.test' }), ctx).label).toBe('Authorized User');
    expect(badgeFor(reply({ email: 'OWNER@example.test' }), ctx).label).toBe('Owner');
    expect(badgeFor(reply({ email: 'auth@example.test' }), ctx).label).toBe('Authorized User');
  });
  it('Sub-account for a contact email (case-insensitive)', () => {
    expect(badgeFor(reply({ email: 'Contact@Example.test' }), ctx)).toEqual({
      kind: 'subaccount',
      label: 'Sub-account',
    });
    expect(badgeFor(reply({ email: 'both@example.test' }), ctx).label).toBe('Sub-account');
  });
  it('External User for a registered user not associated with the account (e.g. removed)', () => {
    expect(badgeFor(reply({ userId: 3, email: 'removed@example.test' }), ctx).label).toBe('External User');
    expect(badgeFor(reply({ userId: 77, email: 'gone@example.test' }), ctx).label).toBe('External User');
    expect(badgeFor(reply({ email: 'removed@example.test' }), ctx).label).toBe('External User');
  });
  it('Guest otherwise', () => {
    expect(badgeFor(reply({ email: 'stranger@example.test' }), ctx)).toEqual({ kind: 'guest', label: 'Guest' });
    expect(badgeFor(reply({ email: '' }), ctx).label).toBe('Guest');
  });
  it('a current member who is also a contact is badged by membership', () => {
    const c2 = buildBadgeContext([
      { kind: 'member', user_id: 5, email: 'm@example.test', is_owner: false },
      { kind: 'contact', user_id: null, email: 'm@example.test', is_owner: false },
    ]);
    expect(badgeFor(reply({ userId: 5, email: 'm@example.test' }), c2).label).toBe('Authorized User');
  });
});
