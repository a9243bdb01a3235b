// Who may call which function of the WHMCS-compatible API (src/http/api), said once: the list of
// functions a credential can be allowed, how a requested name matches one (case-insensitively, as
// old clients send `validatelogin`), the credential's action list, and its IP allow-list. The
// credential service and the API's request pipeline both ask these.
import { BlockList, isIP } from 'node:net';
import { AppError } from '../lib/errors.js';

/** Every API function, by WHMCS's own name, in the order of the reference page. */
export const API_ACTIONS = [
  'AddUser',
  'GetUsers',
  'UpdateUser',
  'ResetPassword',
  'CreateClientInvite',
  'DeleteUserClient',
  'GetUserPermissions',
  'UpdateUserPermissions',
  'GetPermissionsList',
  'AddClient',
  'GetClients',
  'GetClientsDetails',
  'UpdateClient',
  'DeleteClient',
  'CloseClient',
  'GetContacts',
  'AddContact',
  'ValidateLogin',
  'CreateSsoToken',
  'OpenTicket',
  'GetTickets',
  'AddTicketReply',
  'GetSupportDepartments',
  'GetActivityLog',
  'LogActivity',
] as const;

export type ApiActionName = (typeof API_ACTIONS)[number];

const BY_LOWER_CASE = new Map<string, ApiActionName>(API_ACTIONS.map((a) => [a.toLowerCase(), a]));

/** The function a request names, whatever its letter case; null for none of ours. */
export function canonicalAction(requested: string): ApiActionName | null {
  return BY_LOWER_CASE.get(requested.trim().toLowerCase()) ?? null;
}

/** What a credential says about the functions it may call. */
export interface ActionGrant {
  allowAllActions: boolean;
  allowedActions: readonly string[];
}

export function isActionAllowed(grant: ActionGrant, action: ApiActionName): boolean {
  return grant.allowAllActions || grant.allowedActions.includes(action);
}

/**
 * Refuses a function the credential was not given, in WHMCS's words. `requested` is the name as
 * the client sent it (WHMCS echoes it back that way).
 */
export function authorizeApiAction(grant: ActionGrant, action: ApiActionName, requested: string): void {
  if (!isActionAllowed(grant, action))
    throw new AppError('API_ACTION_FORBIDDEN', `Invalid Permissions: API action "${requested}" is not allowed`);
}

/** The chosen functions in canonical spelling and order; unknown names are refused. */
export function parseActionList(names: readonly string[]): ApiActionName[] {
  const unknown = names.filter((n) => canonicalAction(n) === null);
  if (unknown.length)
    throw new AppError('VALIDATION', `Unknown API function: ${unknown.join(', ')}`, {
      actions: 'Choose functions from the list.',
    });
  const wanted = new Set(names.map((n) => canonicalAction(n)));
  return API_ACTIONS.filter((a) => wanted.has(a));
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is the IPv4 address it carries. */
export function normalizeIp(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped?.[1] ?? ip;
}

/** One allow-list entry: an IPv4/IPv6 address or a CIDR range. Null when it is neither. */
function parseEntry(entry: string): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, ...rest] = entry.trim().split('/');
  const version = isIP(address);
  if (!version || rest.length) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, family };
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= (version === 4 ? 32 : 128))) return null;
  return { address, prefix, family };
}

/** Cleans an allow-list typed by an admin (one entry per line or comma); refuses a bad entry. */
export function parseIpAllowList(text: string): string[] {
  const entries = text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => parseEntry(e) === null);
  if (bad.length)
    throw new AppError('VALIDATION', `Not an IP address or CIDR range: ${bad.join(', ')}`, {
      ipAllowList: 'Enter IPv4/IPv6 addresses or CIDR ranges such as 192.0.2.0/24, one per line.',
    });
  return [...new Set(entries)];
}

/** An empty list allows any address; otherwise the caller's address must match an entry. */
export function isIpAllowed(allowList: readonly string[], ip: string): boolean {
  if (!allowList.length) return true;
  const address = normalizeIp(ip);
  const family = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : null;
  if (!family) return false;
  const list = new BlockList();
  for (const raw of allowList) {
    const entry = parseEntry(raw);
    if (!entry) continue;
    if (entry.prefix === undefined) list.addAddress(entry.address, entry.family);
    else list.addSubnet(entry.address, entry.prefix, entry.family);
  }
  return list.check(address, family);
}

export function authorizeApiIp(allowList: readonly string[], ip: string): void {
  if (!isIpAllowed(allowList, ip)) throw new AppError('API_IP_REFUSED', `Invalid IP ${normalizeIp(ip)}`);
}
