/**
 * 「直接チームに加える」 for an unfilled role: the coordinator (the hospital, or the Center) found an organisation
 * outside the candidate list and agreed with it by phone. Search it by name (the shared organisation picker; kinds
 * that cannot fill the role are shown and disabled), see its kind and address and whether it fits the patient (the
 * server's reasons), say why it is added directly (kept in the timeline), and add it. One that does not meet the
 * patient's conditions (groups, procedures, visiting area) is added only when the user ticks that they have seen
 * what does not fit and writes why; the server refuses it otherwise, and refuses a kind that cannot fill the role.
 */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/cases';
import { useAddTeamMember, useTeamFit } from '../../api/team-direct';
import type { TeamRole } from '../../api/case-codes';
import { OrganizationPicker, type PickedOrganization } from '../OrganizationPicker';
import { ErrorAlert } from '../ErrorAlert';
import { StatusMessage } from '../StatusMessage';
import { TextAreaField } from './TextAreaField';
import { canSubmitDirectAdd, directAddChoice, fitProblemText, roleOrganizationKinds } from './team-direct';

const noteMaxLength = 500;

export function DirectAddPanel({ caseId, role }: { caseId: string; role: TeamRole }) {
  const { t } = useTranslation('cases');
  const [picked, setPicked] = useState<PickedOrganization | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [note, setNote] = useState('');
  const [isTried, setTried] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const fit = useTeamFit(caseId, role, picked?.id ?? null);
  const add = useAddTeamMember(caseId);
  const idempotency = useIdempotencyKey();
  const roleLabel = t(`codes.teamRole.${role}`);
  const choice = fit.data ? directAddChoice(fit.data) : null;
  const label = {
    kind: (code: string) => t(`codes.kind.${code}`, { ns: 'translation' }),
    group: (code: string) => t(`codes.patientGroup.${code}`, { ns: 'translation' }),
    procedure: (code: string) => t(`codes.procedure.${code}`, { ns: 'translation' }),
    role: roleLabel,
  };
  const noteMissing = choice === 'accept' && note.trim() === '';

  const choose = (organization: PickedOrganization | null) => {
    setPicked(organization);
    setAccepted(false);
    setTried(false);
    add.reset();
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    if (!picked || !choice || !canSubmitDirectAdd(choice, accepted, note)) return;
    const body = {
      role,
      organizationId: picked.id,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(choice === 'accept' ? { acceptProblems: true } : {}),
    };
    add.mutate(
      { body, key: idempotency.keyFor(body) },
      {
        onSuccess: () => {
          idempotency.reset();
          setAdded(t('direct.added', { name: picked.name, role: roleLabel }));
        },
      },
    );
  };

  if (added) return <StatusMessage message={added} />;

  return (
    <form className="direct-add" onSubmit={submit} noValidate>
      <p className="small">{t('direct.lead', { role: roleLabel })}</p>
      <OrganizationPicker
        value={picked}
        onChange={choose}
        kinds={roleOrganizationKinds(role)}
        legend={t('direct.pickerLegend')}
        hint={t('direct.pickerHint', {
          role: roleLabel,
          kinds: roleOrganizationKinds(role)
            .map((kind) => label.kind(kind))
            .join('・'),
        })}
      />
      <ErrorAlert error={fit.error} />
      {picked && fit.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {fit.data && choice ? (
        <div className="direct-add-fit" aria-live="polite">
          <p>
            <strong>{fit.data.organization.name}</strong>{' '}
            <span className="muted small">
              {[
                fit.data.organization.kind ? label.kind(fit.data.organization.kind) : null,
                fit.data.organization.address,
              ]
                .filter(Boolean)
                .join(' ・ ')}
            </span>
          </p>
          {choice === 'fits' ? (
            <p className="alert alert-success small">{t('direct.fits', { role: roleLabel })}</p>
          ) : choice === 'filled' ? (
            <p className="alert alert-warning small">{t('direct.filled', { role: roleLabel })}</p>
          ) : (
            <div className={choice === 'refused' ? 'alert alert-danger small' : 'alert alert-warning small'}>
              <p>
                <strong>{choice === 'refused' ? t('direct.refusedTitle') : t('direct.unfitTitle')}</strong>
              </p>
              <ul>
                {fit.data.problems.map((problem) => {
                  const text = fitProblemText(problem, label);
                  return <li key={problem.code}>{t(text.key, text.values)}</li>;
                })}
              </ul>
              <p>{choice === 'refused' ? t('direct.refusedText', { role: roleLabel }) : t('direct.unfitText')}</p>
            </div>
          )}
          {choice === 'accept' ? (
            <label className="choice">
              <input type="checkbox" checked={accepted} onChange={(event) => setAccepted(event.target.checked)} />
              <span>{t('direct.accept', { name: fit.data.organization.name, role: roleLabel })}</span>
            </label>
          ) : null}
          {isTried && choice === 'accept' && !accepted ? (
            <p className="field-error">{t('direct.acceptRequired')}</p>
          ) : null}
          {choice === 'fits' || choice === 'accept' ? (
            <TextAreaField
              label={t('direct.note')}
              hint={t('direct.noteHint')}
              rows={2}
              maxLength={noteMaxLength}
              required={choice === 'accept'}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              error={isTried && noteMissing ? t('direct.noteRequired') : undefined}
            />
          ) : null}
          <ErrorAlert error={add.error} />
          {choice === 'fits' || choice === 'accept' ? (
            <div className="form-actions">
              <button type="submit" className="button" disabled={add.isPending}>
                {t('direct.submit', { name: fit.data.organization.name, role: roleLabel })}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
