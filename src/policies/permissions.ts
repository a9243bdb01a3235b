// The 13 WHMCS permission keys, in WHMCS's order, with their labels (SPEC section 2).
// Membership rules are data: every gated page and action names exactly one of these.
export const PERMISSIONS = [
  { key: 'profile', label: 'Modify Master Account Profile' },
  { key: 'contacts', label: 'View & Manage Contacts' },
  { key: 'products', label: 'View Products & Services' },
  { key: 'manageproducts', label: 'View & Modify Product Passwords' },
  { key: 'productsso', label: 'Perform Single Sign-On' },
  { key: 'domains', label: 'View Domains' },
  { key: 'managedomains', label: 'Manage Domain Settings' },
  { key: 'invoices', label: 'View & Pay Invoices' },
  { key: 'quotes', label: 'View & Accept Quotes' },
  { key: 'tickets', label: 'View & Open Support Tickets' },
  { key: 'affiliates', label: 'View & Manage Affiliate Account' },
  { key: 'emails', label: 'View Emails' },
  { key: 'orders', label: 'Place New Orders/Upgrades/Cancellations' },
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
