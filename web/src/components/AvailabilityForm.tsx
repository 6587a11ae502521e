/**
 * 受入状況の更新: three large choices, free slots and a note → PUT availability with If-Match. The draft is the page's
 * (it says elsewhere on the page that a choice is not saved yet); each problem is said at its field and named in the
 * summary above the form; 条件付き needs its condition in the note.
 */
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateAvailability } from '../api/queries';
import type { Organization } from '../api/types';
import { availabilityStatuses } from '../codes';
import { isApiError, type ApiError } from '../api/client';
import { apiErrorDetailText } from '../i18n/server-text';
import { TextField } from './TextField';
import { TextAreaField } from './cases/TextAreaField';
import { ErrorAlert } from './ErrorAlert';
import { Badge } from './Badge';
import { FormErrorSummary } from './FormErrorSummary';
import { FormProblemList } from './FormProblemList';
import { fieldProblem, formProblems } from './form-problems';
import {
  availabilityDraftOf,
  availabilityNoteMaxLength,
  availabilityRequestOf,
  checkAvailability,
  withStatus,
  type AvailabilityDraft,
} from './availability-draft';
import './organization-edit.css';

/** The form's id: a button elsewhere on the page (the profile's bar) may submit it (`form=`). */
export const availabilityFormId = 'availability-form';

type Props = {
  initial: Organization;
  version: number;
  draft: AvailabilityDraft;
  onDraftChange: (draft: AvailabilityDraft) => void;
  /** The draft differs from the saved 受入状況: the form says it is not saved yet, and offers to undo it. */
  isPending: boolean;
  onUndo: () => void;
  onSaved: (organization: Organization) => void;
  onConflict: (error: ApiError) => void;
  /** Shown with the success message (a way back to the list the page was opened from). */
  afterSaved?: ReactNode;
};

export function AvailabilityForm({
  initial,
  version,
  draft,
  onDraftChange,
  isPending,
  onUndo,
  onSaved,
  onConflict,
  afterSaved,
}: Props) {
  const { t, i18n } = useTranslation();
  const update = useUpdateAvailability(initial.id);
  const [saved, setSaved] = useState<string | null>(null);
  // After the first attempt the checks follow the input, so a corrected field loses its message at once.
  const [hasTried, setHasTried] = useState(false);
  const [failedCount, setFailedCount] = useState(0);
  const change = (next: AvailabilityDraft) => {
    setSaved(null);
    onDraftChange(next);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(null);
    setHasTried(true);
    update.reset();
    const body = availabilityRequestOf(draft);
    if (Object.keys(checkAvailability(draft)).length > 0 || !body) {
      setFailedCount((count) => count + 1);
      return;
    }
    update.mutate(
      { version, body },
      {
        onSuccess: (organization) => {
          setSaved(t('availabilityForm.saved'));
          setHasTried(false);
          // The draft becomes what the server kept (the note trimmed).
          onDraftChange(availabilityDraftOf(organization.availability));
          onSaved(organization);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) onConflict(error);
          else setFailedCount((count) => count + 1);
        },
      },
    );
  };

  const serverError = isApiError(update.error) ? update.error : null;
  // A 412 is explained by the conflict banner of the page, with its reload button.
  const serverDetails = serverError && serverError.status !== 412 ? serverError.details : [];
  const clientErrors = Object.fromEntries(
    Object.entries(hasTried ? checkAvailability(draft) : {}).flatMap(([path, key]) => (key ? [[path, t(key)]] : [])),
  );
  const say = (detail: (typeof serverDetails)[number]) => apiErrorDetailText(i18n, detail);
  const fieldError = (path: string) => fieldProblem(path, clientErrors, serverDetails, say);
  const problems = formProblems(
    [
      { path: 'status', label: t('availabilityForm.statusLegend') },
      { path: 'freeSlots', label: t('availabilityForm.freeSlots') },
      { path: 'note', label: t('availabilityForm.note') },
    ],
    clientErrors,
    serverDetails,
    say,
  );
  const shownError = serverError?.status === 412 || serverDetails.length > 0 ? null : update.error;
  const statusError = fieldError('status');
  const isConditionRequired = draft.status === 'limited';
  // A new status with the note of the old one (「今月は満床」 under 受入可): asked to be checked, not saved unseen.
  const savedNote = initial.availability?.note ?? '';
  const isNoteKept =
    initial.availability !== null &&
    draft.status !== initial.availability.status &&
    draft.note.trim() !== '' &&
    draft.note.trim() === savedNote.trim();
  const noteHint = [
    isConditionRequired ? t('availabilityForm.conditionHint') : null,
    isNoteKept ? t('availabilityForm.noteKept') : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <form id={availabilityFormId} onSubmit={submit} noValidate className="availability-form">
      <FormErrorSummary
        message={problems.length > 0 ? t('forms.fixErrors', { count: problems.length }) : null}
        submitCount={failedCount}
      >
        <FormProblemList problems={problems} />
      </FormErrorSummary>
      <fieldset
        className="status-choices"
        aria-describedby={statusError ? 'availability-status-error' : undefined}
        aria-invalid={statusError ? true : undefined}
      >
        <legend>{t('availabilityForm.statusLegend')}</legend>
        {statusError ? (
          <p className="field-error" id="availability-status-error">
            {statusError}
          </p>
        ) : null}
        {availabilityStatuses.map((code) => (
          <label key={code} className={`status-choice status-choice-${code}`}>
            <input
              type="radio"
              name="availability-status"
              value={code}
              checked={draft.status === code}
              onChange={() => change(withStatus(draft, code))}
            />
            <span className="status-choice-label">{t(`availabilityForm.choice.${code}`)}</span>
            <span className="status-choice-hint">{t(`availabilityForm.choiceHint.${code}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <TextField
          label={t('availabilityForm.freeSlots')}
          hint={t('availabilityForm.freeSlotsHint')}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={draft.freeSlots}
          onChange={(event) => change({ ...draft, freeSlots: event.target.value })}
          error={fieldError('freeSlots')}
          className="field-short"
        />
        <TextAreaField
          label={t('availabilityForm.note')}
          hint={noteHint || undefined}
          rows={2}
          maxLength={availabilityNoteMaxLength}
          required={isConditionRequired}
          value={draft.note}
          onChange={(event) => change({ ...draft, note: event.target.value })}
          error={fieldError('note')}
        />
      </div>
      <ErrorAlert error={shownError} />
      <div className="status-region" role="status">
        {saved ? (
          <div className="alert alert-success">
            <p>{saved}</p>
            {afterSaved ? <p>{afterSaved}</p> : null}
          </div>
        ) : null}
      </div>
      <div className="form-actions availability-actions">
        <button type="submit" className="button button-large" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('availabilityForm.submit')}
        </button>
        {isPending && !update.isPending ? (
          <p className="pending-change">
            <Badge tone="warning">{t('availabilityForm.pendingBadge')}</Badge> {t('availabilityForm.pendingText')}{' '}
            <button type="button" className="button-link" onClick={onUndo}>
              {t('availabilityForm.undo')}
            </button>
          </p>
        ) : null}
      </div>
    </form>
  );
}
