/** 受入状況の更新: three large choices, free slots and a note → PUT availability with If-Match. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateAvailability } from '../api/queries';
import type { Organization } from '../api/types';
import { availabilityStatuses, type AvailabilityStatus } from '../codes';
import { isApiError, type ApiError } from '../api/client';
import { TextField } from './TextField';
import { ErrorAlert } from './ErrorAlert';
import { StatusMessage } from './StatusMessage';

type Props = {
  initial: Organization;
  version: number;
  onSaved: (organization: Organization) => void;
  onConflict: (error: ApiError) => void;
};

export function AvailabilityForm({ initial, version, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const update = useUpdateAvailability(initial.id);
  const [status, setStatus] = useState<AvailabilityStatus | null>(initial.availability?.status ?? null);
  const [freeSlots, setFreeSlots] = useState(
    initial.availability?.freeSlots === null || initial.availability?.freeSlots === undefined
      ? ''
      : String(initial.availability.freeSlots),
  );
  const [note, setNote] = useState(initial.availability?.note ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(null);
    if (!status) {
      setFormError(t('availabilityForm.statusRequired'));
      return;
    }
    const slots = freeSlots.trim() === '' ? null : Number(freeSlots);
    if (slots !== null && (!Number.isInteger(slots) || slots < 0)) {
      setFormError(t('availabilityForm.freeSlotsInvalid'));
      return;
    }
    // A status and a number that contradict each other (the server refuses them too).
    if ((status === 'full' && slots !== null && slots > 0) || (status === 'accepting' && slots === 0)) {
      setFormError(
        t(status === 'full' ? 'availabilityForm.freeSlotsWhenFull' : 'availabilityForm.noSlotsWhenAccepting'),
      );
      return;
    }
    setFormError(null);
    update.mutate(
      { version, body: { status, freeSlots: slots, note: note.trim() === '' ? null : note.trim() } },
      {
        onSuccess: (organization) => {
          setSaved(t('availabilityForm.saved'));
          onSaved(organization);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) onConflict(error);
        },
      },
    );
  };

  const fieldError = isApiError(update.error) ? update.error.detailFor('freeSlots') : undefined;
  // A 412 is explained by the conflict banner of the page, with its reload button.
  const shownError = isApiError(update.error) && update.error.status === 412 ? null : update.error;

  return (
    <form onSubmit={submit} noValidate className="availability-form">
      <fieldset className="status-choices">
        <legend>{t('availabilityForm.statusLegend')}</legend>
        {availabilityStatuses.map((code) => (
          <label key={code} className={`status-choice status-choice-${code}`}>
            <input
              type="radio"
              name="availability-status"
              value={code}
              checked={status === code}
              onChange={() => {
                setStatus(code);
                // 受入不可 means no free place; 受入可 with none left is not 受入可.
                if (code === 'full' && Number(freeSlots) > 0) setFreeSlots('0');
                if (code === 'accepting' && freeSlots.trim() === '0') setFreeSlots('');
              }}
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
          value={freeSlots}
          onChange={(event) => setFreeSlots(event.target.value)}
          error={fieldError}
          className="field-short"
        />
        <div className="field">
          <label htmlFor="availability-note">{t('availabilityForm.note')}</label>
          <textarea
            id="availability-note"
            rows={2}
            maxLength={500}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
      </div>
      <div className="alert-region" role="alert">
        {formError ? <p className="alert alert-error">{formError}</p> : null}
      </div>
      <ErrorAlert error={shownError} showDetails />
      <StatusMessage message={saved} />
      <div className="form-actions">
        <button type="submit" className="button button-large" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('availabilityForm.submit')}
        </button>
      </div>
    </form>
  );
}
