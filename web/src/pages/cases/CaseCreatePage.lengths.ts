/**
 * The length limits of the new-case form, as the server's schema has them (src/features/cases/case.schema.ts),
 * checked before sending: an over-long name is refused at its field instead of coming back as a 400. Only the
 * fields whose errors the form shows are checked here; the keys are `caseForm.errors.<key>` in the cases namespace.
 */
import type { CaseDraft } from '../../components/cases/case-draft';

export type LengthErrorKey = 'tooLong100' | 'tooLong300';

type TextField = 'name' | 'nameKana' | 'address' | 'keyPersonName' | 'consentRecordedBy';
type Limit = { path: string; field: TextField; max: 100 | 300 };

export const caseLengthLimits: readonly Limit[] = [
  { path: 'patient.name', field: 'name', max: 100 },
  { path: 'patient.nameKana', field: 'nameKana', max: 100 },
  { path: 'patient.address', field: 'address', max: 300 },
  { path: 'keyPerson.name', field: 'keyPersonName', max: 100 },
  { path: 'consent.recordedBy', field: 'consentRecordedBy', max: 100 },
];

/** The text the server counts: trimmed; ふりがな in NFKC (half-width kana become full width), as it reads it. */
function countedText(draft: CaseDraft, field: TextField): string {
  const text = draft[field].trim();
  return field === 'nameKana' ? text.normalize('NFKC') : text;
}

/** The fields longer than the server takes (in characters, after trimming, as zod counts them: code points). */
export function lengthErrors(draft: CaseDraft): Partial<Record<string, LengthErrorKey>> {
  const errors: Partial<Record<string, LengthErrorKey>> = {};
  for (const limit of caseLengthLimits) {
    if (Array.from(countedText(draft, limit.field)).length > limit.max) errors[limit.path] = `tooLong${limit.max}`;
  }
  return errors;
}
