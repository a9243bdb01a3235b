// Admin area: the clients list (SPEC rule 16, issue 14). Search matches inside words ("web"
// finds "Acme Web Ltd") in the name, company and email through the trigram index of the list
// migration; a number (or #number) also finds that client id. Sortable, paged with keysets,
// exportable.
import { db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import {
  allIds,
  containsWords,
  inOrder,
  type ListRequest,
  type ListSpec,
  pageOfIds,
  whereAll,
} from '../lists/paging.js';
import { ACCOUNT_STATUSES } from './constants.js';

export type ClientSort = 'id' | 'name' | 'company' | 'email' | 'status';

const text = (column: string) => ({ sql: Prisma.raw(`a."${column}"`), type: 'text' as const });

export const CLIENT_LIST: ListSpec<ClientSort> = {
  from: Prisma.sql`"accounts" a`,
  id: Prisma.sql`a."id"`,
  sorts: {
    id: { label: 'ID', columns: [] },
    name: { label: 'Name', columns: [text('last_name'), text('first_name')] },
    company: { label: 'Company', columns: [text('company_name')] },
    email: { label: 'Email', columns: [text('email')] },
    status: { label: 'Status', columns: [text('status')] },
  },
  defaultSort: 'id',
  defaultDir: 'desc',
};

/** The indexed search text of a client (accounts_search_trgm_idx): the same expression. */
export const CLIENT_SEARCH_TEXT = Prisma.sql`lower(a."first_name" || ' ' || a."last_name" || ' ' || a."company_name" || ' ' || a."email")`;

export interface ClientFilter {
  query?: string;
  status?: string;
}

/** A client id typed as 123 or #123. */
export function idInQuery(query: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(query.trim());
  return m ? Number(m[1]) : null;
}

export function clientWhere(filter: ClientFilter): Prisma.Sql {
  const q = filter.query?.trim() ?? '';
  const id = idInQuery(q);
  const status =
    filter.status && (ACCOUNT_STATUSES as readonly string[]).includes(filter.status) ? filter.status : null;
  const search = q
    ? id !== null
      ? Prisma.sql`(a."id" = ${id} OR ${containsWords(CLIENT_SEARCH_TEXT, q)})`
      : containsWords(CLIENT_SEARCH_TEXT, q)
    : null;
  return whereAll([search, status ? Prisma.sql`a."status" = ${status}` : null]);
}

const CLIENT_LIST_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  companyName: true,
  email: true,
  status: true,
  createdAt: true,
  _count: { select: { services: true, users: true } },
} as const;

const rowsFor = (ids: number[]) =>
  ids.length
    ? db()
        .account.findMany({ where: { id: { in: ids } }, select: CLIENT_LIST_SELECT })
        .then((rows) => inOrder(ids, rows))
    : Promise.resolve([]);

export async function listClients(filter: ClientFilter, req: ListRequest<ClientSort> = {}) {
  const { ids, info } = await pageOfIds(CLIENT_LIST, clientWhere(filter), req);
  return { clients: await rowsFor(ids), info };
}

/** Every client the filter matches, in the list's order, a batch at a time (CSV export). */
export async function* exportClients(filter: ClientFilter, req: Pick<ListRequest<ClientSort>, 'sort' | 'dir'>) {
  for await (const ids of allIds(CLIENT_LIST, clientWhere(filter), req)) yield await rowsFor(ids);
}
