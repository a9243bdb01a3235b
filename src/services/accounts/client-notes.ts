// Admin notes on a client (issue 14): dated, by a member of staff, shown on the client's Summary
// tab. Staff only; customers never see them.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { AdminActor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay, staffMay } from '../admins/staff-access.js';

export const NOTE_MAX_LENGTH = 5000;

export function listClientNotes(accountId: number, take = 50) {
  return db().clientNote.findMany({
    where: { accountId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    include: { admin: { select: { id: true, firstName: true, lastName: true } } },
  });
}

export async function addClientNote(actor: AdminActor, accountId: number, body: string) {
  await assertStaffMay(actor, 'notes');
  const text = body.trim();
  if (!text) throw new AppError('VALIDATION', 'Write the note.', { body: 'Write the note.' });
  if (text.length > NOTE_MAX_LENGTH)
    throw new AppError('VALIDATION', 'The note is too long.', { body: `At most ${NOTE_MAX_LENGTH} characters.` });
  return db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true } });
    if (!account) throw new AppError('NOT_FOUND', 'Client not found.');
    const note = await tx.clientNote.create({
      data: { accountId, adminId: actor.adminId, body: text, createdAt: now() },
    });
    await logActivity(actor, `Admin note added (Note ID: ${note.id})`, accountId, tx);
    return note;
  });
}

/** Its author, or staff who may change the client, may delete a note. */
export async function deleteClientNote(actor: AdminActor, accountId: number, noteId: number) {
  await assertStaffMay(actor, 'notes');
  const note = await db().clientNote.findFirst({ where: { id: noteId, accountId } });
  if (!note) throw new AppError('NOT_FOUND', 'Note not found.');
  if (note.adminId !== actor.adminId && !(await staffMay(actor, 'clients.write')))
    throw new AppError('FORBIDDEN', 'Only the author of a note can delete it.');
  await db().$transaction(async (tx) => {
    await tx.clientNote.delete({ where: { id: noteId } });
    await logActivity(actor, `Admin note deleted (Note ID: ${noteId})`, accountId, tx);
  });
}
