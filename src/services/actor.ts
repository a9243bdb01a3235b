// Who is acting, for authorization and for the activity log (SPEC rule 22).
import type { AccountAccess } from '../policies/authorize.js';
export type Actor =
  | {
      kind: 'user';
      userId: number;
      ip: string;
      /** Set in a client-area session staff opened with "Login as Owner/User": who really acts. */
      byAdminId?: number;
    }
  /** apiCredentialId: the admin acts through the API with that credential (marked in the log). */
  | { kind: 'admin'; adminId: number; ip: string; apiCredentialId?: number }
  /** The app's own automation; `ip` when it acts on a visitor's request (a guest's ticket). */
  | { kind: 'system'; ip?: string };

export const SYSTEM: Actor = { kind: 'system' };

export type UserActor = Actor & { kind: 'user' };
export type AdminActor = Actor & { kind: 'admin' };

export const userActor = (userId: number, ip = '', byAdminId?: number): UserActor =>
  byAdminId === undefined ? { kind: 'user', userId, ip } : { kind: 'user', userId, ip, byAdminId };
export const adminActor = (adminId: number, ip = ''): AdminActor => ({ kind: 'admin', adminId, ip });

/** The admin behind an API credential: everything it writes is marked as made through the API. */
export const apiActor = (adminId: number, apiCredentialId: number, ip = ''): AdminActor => ({
  kind: 'admin',
  adminId,
  ip,
  apiCredentialId,
});

/**
 * What a client-area service is called with: who acts (for the log) and their access to the
 * selected account, read fresh for this request (SPEC rule 6). Section services check the access
 * themselves (accountFor), so a rule holds whichever route, job or API calls them.
 */
export interface AccountContext {
  actor: UserActor;
  access: AccountAccess;
}
