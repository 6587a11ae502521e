/**
 * ケースの編集 (the hospital): the same form, PATCH with If-Match and only what changed. On 412 the server's
 * message says who changed what; the input stays until the user chooses 「最新の内容を読み込む」.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCase, useUpdateCase } from '../../api/cases';
import type { FullCase } from '../../api/case-types';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CaseForm } from '../../components/cases/CaseForm';
import { ConflictAlert, isConflict } from '../../components/cases/ConflictAlert';
import {
  draftOfCase,
  updateRequestOf,
  validateDraft,
  type CaseDraft,
  type DraftErrors,
} from '../../components/cases/case-draft';
import { todayInTokyo } from '../../components/cases/dates';

export function CaseEditPage() {
  const { t } = useTranslation('cases');
  const { id = '' } = useParams();
  const record = useCase(id);
  const [loadCount, setLoadCount] = useState(0);
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
  const reload = async () => {
    const result = await record.refetch();
    if (result.isSuccess) setLoadCount((count) => count + 1);
  };
  return <CaseEditor key={loadCount} record={record.data} onReload={reload} isReloading={record.isFetching} />;
}

function CaseEditor({
  record,
  onReload,
  isReloading,
}: {
  record: FullCase;
  onReload: () => Promise<void>;
  isReloading: boolean;
}) {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const [initial] = useState(() => draftOfCase(record));
  const [version] = useState(record.version);
  const [draft, setDraft] = useState(initial);
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

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/cases/${record.id}`}>{t('caseEdit.back')}</Link>
      </p>
      <h1>{t('caseEdit.title')}</h1>
      <p className="lead">{t('caseEdit.lead', { name: record.patient.name })}</p>
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
              <ConflictAlert error={conflict} onReload={() => void onReload()} isReloading={isReloading} />
            ) : null}
            {nothingChanged ? <p className="alert alert-info">{t('caseEdit.nothingChanged')}</p> : null}
          </div>
        }
      />
    </>
  );
}
