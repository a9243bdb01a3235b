// Where a single sign-on link may land (WHMCS's CreateSsoToken `destination`): WHMCS's names for
// client-area pages, mapped to our paths. A product or domain page must be the client's own.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

/** WHMCS destination name -> our client-area path. */
export const SSO_DESTINATIONS = {
  'clientarea:home': '/',
  'clientarea:services': '/services',
  'clientarea:product_details': '/services/:service_id',
  'clientarea:domains': '/domains',
  'clientarea:domain_details': '/domains/:domain_id',
  'clientarea:invoices': '/invoices',
  'clientarea:quotes': '/quotes',
  'clientarea:tickets': '/tickets',
  'clientarea:submit_ticket': '/tickets/new',
  'clientarea:profile': '/account/profile',
  'clientarea:contacts': '/contacts',
  'clientarea:emails': '/emails',
  'clientarea:affiliates': '/affiliates',
  'clientarea:user_management': '/account/users',
  'clientarea:user_profile': '/user/profile',
  'clientarea:security': '/user/security',
  'sso:custom_redirect': '(sso_redirect_path)',
} as const;

export type SsoDestination = keyof typeof SSO_DESTINATIONS;

export interface DestinationRequest {
  destination?: string;
  serviceId?: number;
  domainId?: number;
  /** For sso:custom_redirect: a path of this site, with or without the leading slash. */
  redirectPath?: string;
}

const invalid = (why: string) => new AppError('VALIDATION', why, { destination: why });

/** A path of this site only: no scheme, no host, no `//`, no backslashes or control characters. */
function customPath(raw: string | undefined): string {
  const given = (raw ?? '').trim();
  const path = `/${given.replace(/^\//, '')}`;
  if (
    path === '/' ||
    path.startsWith('//') ||
    /[\\\s]/.test(path) ||
    /^\/[a-z][a-z0-9+.-]*:/i.test(path) ||
    path.length > 500
  )
    throw invalid('sso_redirect_path must be a path of this site, such as "cart" or "tickets/new".');
  return path;
}

/** The client-area path a token for `accountId` lands on. */
export async function resolveDestination(accountId: number, request: DestinationRequest): Promise<string> {
  const name = (request.destination ?? '').trim() || 'clientarea:home';
  if (!(name in SSO_DESTINATIONS)) throw invalid(`Unknown single sign-on destination: ${name}`);
  switch (name as SsoDestination) {
    case 'clientarea:product_details': {
      const id = request.serviceId;
      const found = id ? await db().service.findFirst({ where: { id, accountId }, select: { id: true } }) : null;
      if (!found) throw new AppError('NOT_FOUND', 'That service was not found in this client account.');
      return `/services/${found.id}`;
    }
    case 'clientarea:domain_details': {
      const id = request.domainId;
      const found = id ? await db().domain.findFirst({ where: { id, accountId }, select: { id: true } }) : null;
      if (!found) throw new AppError('NOT_FOUND', 'That domain was not found in this client account.');
      return `/domains/${found.id}`;
    }
    case 'sso:custom_redirect':
      return customPath(request.redirectPath);
    default:
      return SSO_DESTINATIONS[name as SsoDestination];
  }
}
