// The one table from the service layer's stable error codes to WHMCS's documented error strings.
// The rules themselves live in the services (and src/policies); a function only ever learns
// *which* rule refused and says it the way WHMCS clients expect. A code a function can meet but
// WHMCS documents nothing for keeps the service's own message.
import type { AppError, ErrorCode } from '../../lib/errors.js';
import type { ApiActionName } from '../../policies/api-access.js';

type Message = string | ((err: AppError) => string);

/** code -> the WHMCS string, per function ('*' = any function without its own entry). */
export const WHMCS_ERRORS: { readonly [C in ErrorCode]?: Readonly<Partial<Record<ApiActionName | '*', Message>>> } = {
  USER_NOT_FOUND: {
    UpdateUser: 'Invalid User ID requested',
    ResetPassword: 'User Not Found',
    DeleteUserClient: 'Invalid user id',
    GetUserPermissions: 'Invalid user id',
    UpdateUserPermissions: 'Invalid user id',
    AddClient: 'Invalid Owner User ID',
    CreateSsoToken: 'Invalid user_id',
    OpenTicket: 'The system cannot find the provided user ID.',
  },
  ACCOUNT_NOT_FOUND: {
    '*': 'Client ID Not Found',
    CreateClientInvite: 'Invalid client id',
    DeleteUserClient: 'Invalid client id',
    GetUserPermissions: 'Invalid client id',
    UpdateUserPermissions: 'Invalid client id',
    GetClientsDetails: 'Client Not Found',
    CreateSsoToken: 'Invalid client_id',
  },
  NOT_A_MEMBER: {
    '*': 'User is not associated with client',
    CreateSsoToken: 'Invalid user_id for client',
  },
  ALREADY_MEMBER: { CreateClientInvite: 'User already associated with client' },
  EMAIL_TAKEN: { '*': 'A user already exists with that email address' },
  OWNER_NOT_REMOVABLE: { DeleteUserClient: 'You cannot remove the account owner' },
  OWNER_PERMISSIONS_FIXED: { UpdateUserPermissions: 'Permissions cannot be set on a client owner' },
  INVALID_CREDENTIALS: { ValidateLogin: 'Email or Password Invalid' },
  SSO_DISABLED: { CreateSsoToken: (e) => `SSO authentication blocked for client ${e.fields.client_id ?? ''}`.trim() },
  // The single sign-on service refuses only an unknown destination (or a product/domain page of
  // something the client does not have) with these two codes.
  VALIDATION: { CreateSsoToken: 'Invalid destination' },
  NOT_FOUND: { CreateSsoToken: 'Invalid destination' },
  TICKET_NOT_FOUND: { '*': 'Ticket ID not found' },
  CONTACT_NOT_FOUND: { '*': 'Contact ID Not Found' },
};

/** What a function answers for a refusal from a service. */
export function whmcsMessage(action: ApiActionName, err: AppError): string {
  const entry = WHMCS_ERRORS[err.code];
  const message = entry?.[action] ?? entry?.['*'];
  if (message === undefined) return err.message;
  return typeof message === 'function' ? message(err) : message;
}
