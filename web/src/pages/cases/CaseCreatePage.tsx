/** 退院支援ケースの登録 (hospital liaison): the case form → POST /api/v1/cases with an Idempotency-Key. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCreateCase, useIdempotencyKey } from '../../api/cases';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { CaseForm } from '../../components/cases/CaseForm';
import {
  createRequestOf,
  emptyDraft,
  validateDraft,
  type CaseDraft,
  type DraftErrors,
} from '../../components/cases/case-draft';
import { todayInTokyo } from '../../components/cases/dates';
import { isUnderCareInsuranceAge, needsCareManagerAgeHint, rolesAfterBirthDateChange } from './CaseCreatePage.roles';

/**
 * The checks of case-draft.ts, the server's length limits included. CaseForm says each key as
 * `caseForm.errors.<key>`, where the length keys (tooLong100 …) are defined too.
 */
function checkDraft(draft: CaseDraft): DraftErrors {
  return validateDraft(draft, { isNew: true, today: todayInTokyo() });
}

export function CaseCreatePage() {
  const { t } = useTranslation('cases');
  usePageTitle(t('caseCreate.title'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => emptyDraft(me.name));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [hasTried, setTried] = useState(false);
  const create = useCreateCase();
  const idempotency = useIdempotencyKey();

  // After the first attempt the checks follow the input, so a corrected field loses its message at once.
  const change = (changed: CaseDraft) => {
    // ケアマネジャー (介護保険) is not preselected for a patient under 40 (CaseCreatePage.roles.ts).
    const next =
      changed.birthDate !== draft.birthDate
        ? {
            ...changed,
            neededRoles: rolesAfterBirthDateChange(
              changed.neededRoles,
              draft.birthDate,
              changed.birthDate,
              todayInTokyo(),
            ),
          }
        : changed;
    setDraft(next);
    if (hasTried) setErrors(checkDraft(next));
  };

  const submit = () => {
    setTried(true);
    const found = checkDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body = createRequestOf(draft);
    create.mutate(
      { body, key: idempotency.keyFor(body) },
      {
        onSuccess: (created) => {
          idempotency.reset();
          void navigate(`/cases/${created.id}`, {
            state: { created: true, duplicates: (created.warnings ?? []).map((warning) => warning.params) },
          });
        },
      },
    );
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/cases">{t('caseList.title')}</Link>
      </p>
      <h1>{t('caseCreate.title')}</h1>
      <p className="lead">{t('caseCreate.lead')}</p>
      <CaseForm
        draft={draft}
        onChange={change}
        errors={errors}
        serverError={create.error}
        isNew
        isSubmitting={create.isPending}
        submitLabel={t('caseCreate.submit')}
        onSubmit={submit}
        neededRolesNote={
          needsCareManagerAgeHint(draft.neededRoles, draft.birthDate, todayInTokyo())
            ? t('caseCreate.careManagerUnder40')
            : isUnderCareInsuranceAge(draft.birthDate, todayInTokyo())
              ? t('caseCreate.careManagerNotPreselected')
              : undefined
        }
      />
    </>
  );
}
