// Contacts across client accounts, for staff tools (the API's GetContacts): exact-match filters
// (case-insensitive) over the fields a contact has, an offset window and the total.
import { db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';

export interface ContactFilter {
  accountId?: number;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  email?: string;
  phone?: string;
  offset: number;
  limit: number;
}

const equalsText = (v: string | undefined) => (v ? { equals: v.trim(), mode: 'insensitive' as const } : undefined);

export async function listContactWindow(f: ContactFilter) {
  const where: Prisma.ContactWhereInput = {
    ...(f.accountId !== undefined ? { accountId: f.accountId } : {}),
    ...(f.firstName ? { firstName: equalsText(f.firstName) } : {}),
    ...(f.lastName ? { lastName: equalsText(f.lastName) } : {}),
    ...(f.companyName ? { companyName: equalsText(f.companyName) } : {}),
    ...(f.email ? { email: equalsText(f.email) } : {}),
    ...(f.phone ? { phone: equalsText(f.phone) } : {}),
  };
  const [total, contacts] = await Promise.all([
    db().contact.count({ where }),
    db().contact.findMany({ where, orderBy: { id: 'asc' }, skip: f.offset, take: f.limit }),
  ]);
  return { total, contacts };
}
