// Who is acting, for authorization and for the activity log (SPEC rule 22).
export type Actor =
  { kind: 'user'; userId: number; ip: string } | { kind: 'admin'; adminId: number; ip: string } | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };

export const userActor = (userId: number, ip = ''): Actor => ({ kind: 'user', userId, ip });
export const adminActor = (adminId: number, ip = ''): Actor => ({ kind: 'admin', adminId, ip });
