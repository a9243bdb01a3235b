// src/policies/staff.ts: what each staff role may do, and staff management's guard rails.
import { describe, expect, it } from 'vitest';
import {
  authorizeStaff,
  authorizeStaffChange,
  ROLE_PERMISSIONS,
  staffCan,
  STAFF_PERMISSIONS,
} from '../../src/policies/staff.js';

const code = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? 'untyped';
  }
};

describe('staff roles', () => {
  it('full may do everything; support reads clients and answers tickets; billing reads clients and bills', () => {
    expect([...ROLE_PERMISSIONS.full].sort()).toEqual(Object.keys(STAFF_PERMISSIONS).sort());
    expect(staffCan('support', 'tickets')).toBe(true);
    expect(staffCan('support', 'clients.read')).toBe(true);
    for (const p of ['billing', 'clients.write', 'settings', 'staff', 'loginAsClient'] as const)
      expect(staffCan('support', p), p).toBe(false);
    expect(staffCan('billing', 'billing')).toBe(true);
    for (const p of ['tickets', 'clients.write', 'settings', 'staff', 'loginAsClient'] as const)
      expect(staffCan('billing', p), p).toBe(false);
    expect(staffCan('owner', 'clients.read')).toBe(false);
    expect(staffCan(undefined, 'clients.read')).toBe(false);
    expect(code(() => authorizeStaff('support', 'billing'))).toBe('FORBIDDEN');
    expect(code(() => authorizeStaff('full', 'billing'))).toBe('ok');
  });

  it('nobody disables or demotes themselves; the last active full administrator stays one', () => {
    const full = { role: 'full', disabled: false };
    const change = (over: Partial<Parameters<typeof authorizeStaffChange>[0]>) => ({
      actorAdminId: 1,
      targetAdminId: 2,
      disabling: false,
      newRole: null,
      ...over,
    });
    expect(code(() => authorizeStaffChange(change({ targetAdminId: 1, disabling: true }), full, 5))).toBe('CONFLICT');
    expect(code(() => authorizeStaffChange(change({ targetAdminId: 1, newRole: 'billing' }), full, 5))).toBe(
      'CONFLICT',
    );
    expect(code(() => authorizeStaffChange(change({ disabling: true }), full, 1))).toBe('CONFLICT');
    expect(code(() => authorizeStaffChange(change({ newRole: 'support' }), full, 1))).toBe('CONFLICT');
    expect(code(() => authorizeStaffChange(change({ disabling: true }), full, 2))).toBe('ok');
    expect(code(() => authorizeStaffChange(change({ newRole: 'full' }), full, 1))).toBe('ok');
    expect(code(() => authorizeStaffChange(change({ disabling: true }), { role: 'support', disabled: false }, 1))).toBe(
      'ok',
    );
  });
});
