// What our sessions and responses carry, for TypeScript.
import 'express-session';
import type { AccountAccess } from '../policies/authorize.js';
import type { Permission } from '../policies/permissions.js';
import type { RequestAccount, RequestUser } from '../services/memberships/current-access.js';

export interface Flash {
  type: 'success' | 'danger' | 'warning' | 'info';
  message: string;
}

/** Read fresh on every request by the loadUser middleware (src/services/request-context.ts). */
export type CurrentAccount = RequestAccount;
export type CurrentUser = RequestUser;

declare module 'express-session' {
  interface SessionData {
    /** Client area: the logged-in user and the selected account (SPEC rule 6). */
    userId?: number;
    accountId?: number;
    /** Password checked, waiting for the TOTP step. */
    pendingUserId?: number;
    pendingAdminId?: number;
    /** That pending login's id: wrong codes are counted against it (five, then start again). */
    pendingLoginId?: string;
    /** "Remember me" was ticked: the session lives for days, not hours (middleware/session.ts). */
    remember?: boolean;
    /** Ticked on the password step, waiting for the TOTP step. */
    pendingRemember?: boolean;
    /** This login is the user's first ever: the home page says "Welcome", not "Welcome back". */
    firstLogin?: boolean;
    /** Where to go after login (an invitation link, say). */
    returnTo?: string;
    /** TOTP enrolment in progress: the secret shown as a QR code, not yet confirmed. */
    totpEnrolSecret?: string;
    /** Admin area. */
    adminId?: number;
    /** For "active sessions". */
    ip?: string;
    userAgent?: string;
    createdAt?: string;
    flash?: Flash[];
    /** Shopping cart: product ids. */
    cart?: number[];
    /** Names this cart: checked out twice, it places one order (services/billing/orders.ts). */
    cartKey?: string;
    /**
     * A client-area session staff opened with "Login as Owner/User" (issue 14): who, and the one
     * account it is bound to. Shown as a banner; every action in it is logged as by that admin.
     */
    staffAdminId?: number;
    staffAdminName?: string;
    staffAccountId?: number;
  }
}

declare global {
  namespace Express {
    interface Locals {
      currentUser?: CurrentUser;
      currentAccount?: CurrentAccount;
      access?: AccountAccess;
      can: (permission: Permission) => boolean;
      /** The session's CSRF token, made on first use (a page without a form makes none). */
      csrfToken: () => string;
      /** The hidden _csrf input with that token, for a form (src/http/middleware/csrf.ts). */
      csrfField: () => string;
      /** Whether this session holds a CSRF token already (the footer's language picker asks). */
      csrfIssued: () => boolean;
      /** The page to come back to after the footer's language picker (same origin). */
      returnTo: string;
      flash: Flash[];
      title?: string;
      path: string;
      userManagementEnabled: boolean;
      companyName: string;
      /** The Terms of Service to accept when registering; empty when the site has none. */
      termsUrl: string;
    }
    interface Response {
      /** Renders views/<view>.ejs inside a layout (client by default). */
      page(view: string, locals?: Record<string, unknown>): void;
    }
    interface Request {
      flash(type: Flash['type'], message: string): void;
    }
  }
}
