// The 13 WHMCS permission keys, in WHMCS's order, with their labels (SPEC section 2).
// Membership rules are data: every gated page and action names exactly one of these. The labels
// are stored and logged in English and shown translated (messages.json, issue 15).
import { msg } from '../lib/i18n.js';

export const PERMISSIONS = [
  { key: 'profile', label: msg('Modify Master Account Profile') },
  { key: 'contacts', label: msg('View & Manage Contacts') },
  { key: 'products', label: msg('View Products & Services') },
  { key: 'manageproducts', label: msg('View & Modify Product Passwords') },
  { key: 'productsso', label: msg('Perform Single Sign-On') },
  { key: 'domains', label: msg('View Domains') },
  { key: 'managedomains', label: msg('Manage Domain Settings') },
  { key: 'invoices', label: msg('View & Pay Invoices') },
  { key: 'quotes', label: msg('View & Accept Quotes') },
  { key: 'tickets', label: msg('View & Open Support Tickets') },
  { key: 'affiliates', label: msg('View & Manage Affiliate Account') },
  { key: 'emails', label: msg('View Emails') },
  { key: 'orders', label: msg('Place New Orders/Upgrades/Cancellations') },
] as const;

export type Permission = (typeof PERMISSIONS)[number]['key'];

export const ALL_PERMISSIONS: readonly Permission[] = PERMISSIONS.map((p) => p.key);

const KEYS = new Set<string>(ALL_PERMISSIONS);

export function isPermission(value: string): value is Permission {
  return KEYS.has(value);
}

export function permissionLabel(key: string): string {
  return PERMISSIONS.find((p) => p.key === key)?.label ?? key;
}

/** Keeps WHMCS's order and drops duplicates; unknown keys are the caller's error to report. */
export function normalizePermissions(keys: readonly Permission[]): Permission[] {
  const wanted = new Set(keys);
  return ALL_PERMISSIONS.filter((k) => wanted.has(k));
}
