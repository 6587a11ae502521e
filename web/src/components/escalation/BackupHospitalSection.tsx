/**
 * 後方支援病院 on a hospital's edit page: the areas it backs (the emergency chain of a patient at home there names
 * it) and a temporary stop of admissions until a given time, with a note — PATCH organizations/:id `backup`
 * with If-Match. Whether the hospital is a backup hospital at all, and its function (acute / recovery), are part of
 * its profile further down; this section shows them and says so.
 */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreas } from '../../api/queries';
import { isApiError, type ApiError } from '../../api/client';
import { useUpdateBackup, type OrganizationWithBackup } from '../../api/escalation';
import type { Organization } from '../../api/types';
import { formatDateTime } from '../../format';
import { CheckboxGroup } from '../CheckboxGroup';
import { ErrorAlert } from '../ErrorAlert';
import { StatusMessage } from '../StatusMessage';
import { Badge } from '../Badge';
import { TextAreaField } from '../cases/TextAreaField';
import { fromJstLocalInput, toJstLocalInput } from './jst';
import { cityNameIn, useWardName } from '../public/ward-names';
import './escalation.css';

type Props = {
  initial: Organization;
  current: Organization;
  version: number;
  onSaved: (organization: Organization) => void;
  onConflict: (error: ApiError) => void;
};

const backupOf = (organization: Organization) => (organization as OrganizationWithBackup).backup;

export function BackupHospitalSection({ initial, current, version, onSaved, onConflict }: Props) {
  const { t, i18n } = useTranslation('rotations');
  const areas = useAreas();
  const wardName = useWardName();
  const update = useUpdateBackup(initial.id);
  const start = backupOf(initial);
  const [areaCodes, setAreaCodes] = useState<string[]>(start?.areaCodes ?? []);
  const isStoppedAtStart = Boolean(start?.unavailableUntil && new Date(start.unavailableUntil) > new Date());
  const [isStopped, setStopped] = useState(isStoppedAtStart);
  const [until, setUntil] = useState(() =>
    isStoppedAtStart && start?.unavailableUntil
      ? toJstLocalInput(new Date(start.unavailableUntil))
      : toJstLocalInput(new Date(Date.now() + 24 * 60 * 60 * 1000)),
  );
  const [note, setNote] = useState(isStoppedAtStart ? (start?.unavailableNote ?? '') : '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (initial.kind !== 'hospital') return null;

  const now = backupOf(current);
  const stoppedUntil =
    now?.unavailableUntil && new Date(now.unavailableUntil) > new Date() ? now.unavailableUntil : null;
  const areaOptions = (areas.data?.items ?? [])
    .filter((area) => area.kind === 'city' || area.kind === 'ward')
    .map((area) => ({
      value: area.code,
      label: area.kind === 'city' ? t('backup.wholeCity', { name: cityNameIn(i18n, area.name) }) : wardName(area),
    }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(null);
    const untilIso = isStopped ? fromJstLocalInput(until) : null;
    if (isStopped && (!untilIso || new Date(untilIso) <= new Date())) {
      setProblem(t('backup.untilInvalid'));
      return;
    }
    setProblem(null);
    update.mutate(
      {
        version,
        body: {
          backup: {
            areaCodes,
            unavailableUntil: untilIso,
            unavailableNote: isStopped && note.trim() ? note.trim() : null,
          },
        },
      },
      {
        onSuccess: (organization) => {
          setSaved(t('backup.saved'));
          onSaved(organization);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) onConflict(error);
        },
      },
    );
  };

  const shownError = isApiError(update.error) && update.error.status === 412 ? null : update.error;

  return (
    <section aria-labelledby="edit-backup" className="section card backup-section">
      <h2 id="edit-backup">{t('backup.title')}</h2>
      <p className="muted">{t('backup.lead')}</p>
      <dl className="facts facts-compact">
        <div>
          <dt>{t('backup.designation')}</dt>
          <dd>
            {current.isBackupHospital ? (
              <Badge tone="ok">{t('backup.isBackup')}</Badge>
            ) : (
              <Badge>{t('backup.isNotBackup')}</Badge>
            )}{' '}
            {current.hospitalFunction
              ? t(`codes.hospitalFunction.${current.hospitalFunction}`)
              : t('backup.functionNotSet')}
          </dd>
        </div>
        <div>
          <dt>{t('backup.admission')}</dt>
          <dd>
            {stoppedUntil ? (
              <>
                <Badge tone="danger">{t('backup.stopped')}</Badge>{' '}
                {t('backup.stoppedUntil', { at: formatDateTime(stoppedUntil, i18n.language) })}
                {now?.unavailableNote ? t('common.inParentheses', { text: now.unavailableNote }) : ''}
              </>
            ) : (
              <Badge tone="ok">{t('backup.admitting')}</Badge>
            )}
          </dd>
        </div>
      </dl>
      {!current.isBackupHospital ? <p className="alert alert-info">{t('backup.markInProfile')}</p> : null}
      <form onSubmit={submit} noValidate>
        <CheckboxGroup legend={t('backup.areas')} options={areaOptions} selected={areaCodes} onChange={setAreaCodes} />
        <fieldset>
          <legend>{t('backup.stopLegend')}</legend>
          <label className="choice">
            <input type="checkbox" checked={isStopped} onChange={(event) => setStopped(event.target.checked)} />
            <span>{t('backup.stop')}</span>
          </label>
          {isStopped ? (
            <>
              <div className="field field-short">
                <label htmlFor="backup-until">{t('backup.until')}</label>
                <input
                  id="backup-until"
                  type="datetime-local"
                  value={until}
                  onChange={(event) => setUntil(event.target.value)}
                />
              </div>
              <TextAreaField
                label={t('backup.note')}
                hint={t('backup.noteHint')}
                value={note}
                rows={2}
                maxLength={500}
                onChange={(event) => setNote(event.target.value)}
              />
            </>
          ) : null}
        </fieldset>
        <div className="alert-region" role="alert">
          {problem ? <p className="alert alert-error">{problem}</p> : null}
        </div>
        <ErrorAlert error={shownError} showDetails />
        <StatusMessage message={saved} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? t('common.saving') : t('backup.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
