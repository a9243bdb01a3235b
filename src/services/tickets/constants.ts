// Ticket words shared by the client area, the admin area and their forms.
export const TICKET_STATUSES = ['Open', 'Answered', 'Customer-Reply', 'On Hold', 'In Progress', 'Closed'] as const;
export const TICKET_DEPARTMENTS = ['Support', 'Sales', 'Billing'] as const;
export const TICKET_PRIORITIES = ['Low', 'Medium', 'High'] as const;
/** Statuses that count as waiting for staff (the admin dashboard's "open tickets"). */
export const AWAITING_STAFF = ['Open', 'Customer-Reply'] as const;

/** A department's number for the API (WHMCS's deptid): its place in TICKET_DEPARTMENTS, from 1. */
export function departmentId(name: string): number {
  return (TICKET_DEPARTMENTS as readonly string[]).indexOf(name) + 1;
}

export function departmentById(id: number): (typeof TICKET_DEPARTMENTS)[number] | undefined {
  return TICKET_DEPARTMENTS[id - 1];
}
