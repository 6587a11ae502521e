/**
 * ケースの編集 (the hospital): the same form, PATCH with If-Match and only what changed. On 412 the server's
 * message says who changed what (it may have been the same user in another tab, so the heading names no one); the
 * input stays until the user chooses 「最新の内容を読み込む」, which lays the user's edits over the latest record
 * where the other change did not touch the same field, and says which edits were kept and which were dropped.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCase, useUpdateCase } from '../../api/cases';
import type { FullCase } from '../../api/case-types';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CaseForm } from '../../components/cases/CaseForm';
import { isConflict } from '../../components/cases/ConflictAlert';
import { apiErrorText } from '../../i18n/server-text';
import {
  draftOfCase,
  mergeDraftOntoLatest,
  updateRequestOf,
  validateDraft,
  type CaseDraft,
  type DraftErrors,
  type DraftField,
} from '../../components/cases/case-draft';

/** The user's input when the latest record was loaded after a stale save: the form it was based on and the input. */
type Carried = { base: CaseDraft; draft: CaseDraft };
import { todayInTokyo } from '../../components/cases/dates';

export function CaseEditPage() {
  const { t } = useTranslation('cases');
  const { id = '' } = useParams();
  const record = useCase(id);
  const [loadCount, setLoadCount] = useState(0);
  const [carried, setCarried] = useState<Carried | null>(null);
  usePageTitle(t('caseEdit.title'));

  if (record.isPending) return <p role="status">{t('common.loading')}</p>;
  if (record.isError) {
    return (
      <>
        <h1>{t('caseEdit.title')}</h1>
        <ErrorAlert error={record.error} />
      </>
    );
  }
  if (record.data.access !== 'full' || !record.data.permissions.canEdit) {
    return (
      <>
        <h1>{t('caseEdit.title')}</h1>
        <p>{t('caseEdit.notAllowed')}</p>
        <p>
          <Link to={`/cases/${id}`}>{t('caseEdit.back')}</Link>
        </p>
      </>
    );
  }
  const reload = async (input: Carried) => {
    const result = await record.refetch();
    if (result.isSuccess) {
      setCarried(input);
      setLoadCount((count) => count + 1);
    }
  };
  return (
    <CaseEditor
      key={loadCount}
      record={record.data}
      carried={carried}
      onReload={reload}
      isReloading={record.isFetching}
    />
  );
}

function CaseEditor({
  record,
  carried,
  onReload,
  isReloading,
}: {
  record: FullCase;
  carried: Carried | null;
  onReload: (input: Carried) => Promise<void>;
  isReloading: boolean;
}) {
  const { t, i18n } = useTranslation('cases');
  const navigate = useNavigate();
  const [initial] = useState(() => draftOfCase(record));
  const [version] = useState(record.version);
  const [merged] = useState(() => (carried ? mergeDraftOntoLatest(carried.base, carried.draft, initial) : null));
  const [draft, setDraft] = useState(merged?.draft ?? initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [hasTried, setTried] = useState(false);
  const [nothingChanged, setNothingChanged] = useState(false);
  const update = useUpdateCase(record.id);
  const conflict = isConflict(update.error) ? update.error : null;

  const change = (next: CaseDraft) => {
    setDraft(next);
    if (hasTried) setErrors(validateDraft(next, { isNew: false, today: todayInTokyo(), initial }));
  };

  const submit = () => {
    setTried(true);
    const found = validateDraft(draft, { isNew: false, today: todayInTokyo(), initial });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body = updateRequestOf(initial, draft);
    setNothingChanged(Object.keys(body).length === 0);
    if (Object.keys(body).length === 0) return;
    update.mutate(
      { version, body },
      { onSuccess: () => void navigate(`/cases/${record.id}`, { state: { saved: true } }) },
    );
  };

  const fieldNames = (fields: readonly DraftField[]) =>
    fields.map((field) => t(`caseForm.${field}`)).join(t('caseEdit.fieldSeparator'));

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/cases/${record.id}`}>{t('caseEdit.back')}</Link>
      </p>
      <h1>{t('caseEdit.title')}</h1>
      <p className="lead">{t('caseEdit.lead', { name: record.patient.name })}</p>
      {merged && (merged.kept.length > 0 || merged.discarded.length > 0) ? (
        <div className="alert alert-info case-edit-merged" role="status">
          <p>{t('caseEdit.merged.title')}</p>
          {merged.kept.length > 0 ? <p>{t('caseEdit.merged.kept', { fields: fieldNames(merged.kept) })}</p> : null}
          {merged.discarded.length > 0 ? (
            <p>
              <strong>{t('caseEdit.merged.discarded', { fields: fieldNames(merged.discarded) })}</strong>
            </p>
          ) : null}
        </div>
      ) : null}
      <CaseForm
        draft={draft}
        onChange={change}
        errors={errors}
        serverError={conflict ? null : update.error}
        isNew={false}
        isSubmitting={update.isPending}
        submitLabel={t('caseEdit.submit')}
        onSubmit={submit}
        beforeActions={
          <div className="alert-region" role="alert">
            {conflict ? (
              <div className="alert alert-error conflict">
                <p>
                  <strong>{t('caseEdit.conflict.title')}</strong>
                </p>
                <p>{apiErrorText(i18n, conflict)}</p>
                <p>{t('caseEdit.conflict.keepInput')}</p>
                <button
                  type="button"
                  className="button"
                  onClick={() => void onReload({ base: initial, draft })}
                  disabled={isReloading}
                >
                  {t('conflict.reload')}
                </button>
              </div>
            ) : null}
            {nothingChanged ? <p className="alert alert-info">{t('caseEdit.nothingChanged')}</p> : null}
          </div>
        }
      />
    </>
  );
}
