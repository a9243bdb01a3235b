// Tickets (with their opening message as the first reply) and contacts.
import { db } from '../../src/db/client.js';
import type { Contact, Prisma, Ticket, TicketReply } from '../../src/generated/prisma/client.js';
import { buildAccount } from './people.js';
import { unique, uniqueEmail } from './unique.js';

export interface TicketOverrides extends Partial<Omit<Prisma.TicketUncheckedCreateInput, 'replies'>> {
  /** The opening message (first reply). */
  message?: string;
  /**
   * Who wrote the opening message. Default: the user in openedByUserId, else the admin in
   * openedByAdminId, else a guest with a unique email.
   */
  author?: { email: string; name: string; userId?: number | null; adminId?: number | null };
}

export async function buildTicket(overrides: TicketOverrides = {}): Promise<Ticket & { replies: TicketReply[] }> {
  const { message = 'Something is not working.', author: given, ...rest } = overrides;
  const accountId = rest.accountId ?? (await buildAccount()).id;
  let author = given;
  if (!author && rest.openedByUserId) {
    const u = await db().user.findUniqueOrThrow({ where: { id: rest.openedByUserId } });
    author = { email: u.email, name: `${u.firstName} ${u.lastName}`, userId: u.id };
  } else if (!author && rest.openedByAdminId) {
    const a = await db().admin.findUniqueOrThrow({ where: { id: rest.openedByAdminId } });
    author = { email: a.email, name: `${a.firstName} ${a.lastName}`, adminId: a.id };
  }
  author ??= { email: uniqueEmail('guest'), name: 'Guest Writer' };
  return db().ticket.create({
    data: {
      subject: `Test ticket ${unique()}`,
      ...rest,
      accountId,
      replies: {
        create: {
          message,
          email: author.email,
          name: author.name,
          userId: author.userId ?? null,
          adminId: author.adminId ?? null,
        },
      },
    },
    include: { replies: true },
  });
}

export async function buildContact(overrides: Partial<Prisma.ContactUncheckedCreateInput> = {}): Promise<Contact> {
  const accountId = overrides.accountId ?? (await buildAccount()).id;
  return db().contact.create({
    data: {
      firstName: 'Contact',
      lastName: `Person ${unique()}`,
      email: uniqueEmail('contact'),
      ...overrides,
      accountId,
    },
  });
}
