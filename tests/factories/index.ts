// Test data factories. Every row gets unique values, so tests never need to clean up.
// They write through db() (src/db/client.ts): call useTestDatabase() in the test file first.
export { TEST_PASSWORD, testPasswordHash, unique, uniqueEmail, daysFromNow } from './unique.js';
export {
  buildUser,
  buildAccount,
  buildMembership,
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildAdmin,
  type UserOverrides,
  type AccountOverrides,
  type AdminOverrides,
  type MembershipInput,
  type AccountWithOwner,
} from './people.js';
export { buildProduct, buildService, buildDomain, buildInvoice, type InvoiceOverrides } from './billing.js';
export { buildTicket, buildContact, type TicketOverrides } from './support.js';
export { buildApiCredential, type ApiCredentialOverrides } from './api.js';
