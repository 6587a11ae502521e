/**
 * The 受入状況 form's draft, held by the edit page: made from the saved 受入状況, checked before it is sent (the
 * server's rules, and 条件付き with its condition written in the note), turned into the request, and compared with
 * what is saved — so that the page can say, wherever the user is on it, that a choice is not saved yet.
 */
import type { Availability, UpdateAvailabilityRequest } from '../api/types';
import type { AvailabilityStatus } from '../codes';

export type AvailabilityDraft = { status: AvailabilityStatus | null; freeSlots: string; note: string };

/** The fields of the form, as the request names them. */
export type AvailabilityField = 'status' | 'freeSlots' | 'note';

/** The server's limit on the note (UpdateAvailabilityRequest in organization.schema.ts). */
export const availabilityNoteMaxLength = 500;

export function availabilityDraftOf(availability: Availability | null): AvailabilityDraft {
  return {
    status: availability?.status ?? null,
    freeSlots:
      availability?.freeSlots === null || availability?.freeSlots === undefined ? '' : String(availability.freeSlots),
    note: availability?.note ?? '',
  };
}

/** The number typed as free slots: null when empty, NaN when it is not a number. */
function slotsOf(draft: AvailabilityDraft): number | null {
  return draft.freeSlots.trim() === '' ? null : Number(draft.freeSlots);
}

const noteOf = (draft: AvailabilityDraft): string | null => (draft.note.trim() === '' ? null : draft.note.trim());

/**
 * The problems of a draft, field by field, as i18n keys: no status chosen; free slots that are not a whole number;
 * a status and a number that contradict each other (the server refuses them too); 条件付き without its condition
 * (the choice's hint asks for it: a hospital reading 条件付き must learn which condition).
 */
export function checkAvailability(draft: AvailabilityDraft): Partial<Record<AvailabilityField, string>> {
  const problems: Partial<Record<AvailabilityField, string>> = {};
  if (!draft.status) problems.status = 'availabilityForm.statusRequired';
  const slots = slotsOf(draft);
  if (slots !== null && (!Number.isInteger(slots) || slots < 0))
    problems.freeSlots = 'availabilityForm.freeSlotsInvalid';
  else if (draft.status === 'full' && slots !== null && slots > 0)
    problems.freeSlots = 'availabilityForm.freeSlotsWhenFull';
  else if (draft.status === 'accepting' && slots === 0) problems.freeSlots = 'availabilityForm.noSlotsWhenAccepting';
  if (draft.status === 'limited' && noteOf(draft) === null) problems.note = 'availabilityForm.conditionRequired';
  else if (Array.from(draft.note.trim()).length > availabilityNoteMaxLength)
    problems.note = 'availabilityForm.noteTooLong';
  return problems;
}

/** The request of a draft without problems (null while no status is chosen). */
export function availabilityRequestOf(draft: AvailabilityDraft): UpdateAvailabilityRequest | null {
  if (!draft.status) return null;
  return { status: draft.status, freeSlots: slotsOf(draft), note: noteOf(draft) };
}

/**
 * Whether the draft says something other than the saved 受入状況: a choice made, a number or a note typed, and not
 * sent. Spaces around the note and an empty number count as what the server keeps (null), so a draft made from the
 * saved value is never pending.
 */
export function isAvailabilityPending(draft: AvailabilityDraft, saved: Availability | null): boolean {
  if (!saved) return draft.status !== null || draft.freeSlots.trim() !== '' || noteOf(draft) !== null;
  const slots = slotsOf(draft);
  return draft.status !== saved.status || slots !== saved.freeSlots || noteOf(draft) !== saved.note;
}

/** Free slots typed but left unchanged by the choice: 受入不可 means none, 受入可 with none left is not 受入可. */
export function withStatus(draft: AvailabilityDraft, status: AvailabilityStatus): AvailabilityDraft {
  if (status === 'full' && Number(draft.freeSlots) > 0) return { ...draft, status, freeSlots: '0' };
  if (status === 'accepting' && draft.freeSlots.trim() === '0') return { ...draft, status, freeSlots: '' };
  return { ...draft, status };
}
