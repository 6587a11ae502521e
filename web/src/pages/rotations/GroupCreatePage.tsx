/**
 * A new rotation group (POST rotation-groups): its name, its ward, the member clinics chosen from the clinics of
 * that ward (the association's members), and the rules every roster of the group keeps. Doctors, days a clinic
 * cannot take and its preferences are declared per clinic on the group's page afterwards.
 */
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { apiErrorDetailText } from '../../i18n/server-text';
import { useOrganizations, useWards } from '../../api/queries';
import { isApiError } from '../../api/client';
import { useCreateGroup } from '../../api/rotations';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { TextField } from '../../components/TextField';
import { SelectField } from '../../components/SelectField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { RulesFields, defaultRules, rulesRequest, type RulesDraft } from './RulesFields';
import { doesHomeCare, homeCareMarks } from './home-care';
import type { Organization } from '../../api/types';
import { useWardName } from '../../components/public/ward-names';
import './rotations.css';

type Picked = { id: string; name: string };

/** 在支診（機能強化型…）・往診専門・在宅の受け入れ: why a clinic counts as one that does home care. */
function HomeCareBadges({ clinic }: { clinic: Organization }) {
  const { t } = useTranslation('rotations');
  const marks = homeCareMarks(clinic);
  if (marks.length === 0) return null;
  return (
    <span className="home-care-marks">
      {marks.map((mark) => (
        <span key={mark.kind} className="badge badge-ok">
          {mark.kind === 'home_care_support'
            ? t('create.mark.home_care_support', {
                type: t(`translation:codes.homeCareSupportClinic.${mark.type}`),
              })
            : t(`create.mark.${mark.kind}`)}
        </span>
      ))}
    </span>
  );
}

function ClinicChooser({
  areaCode,
  associationId,
  selected,
  onChange,
  error,
}: {
  areaCode: string;
  associationId: string | undefined;
  selected: Picked[];
  onChange: (clinics: Picked[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('rotations');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  // A rotation of home-care doctors: the clinics that do home care first, the others (eye, skin … clinics) on demand.
  const [isHomeCareOnly, setHomeCareOnly] = useState(true);
  // A ward has a few hundred clinics at most: one page holds them all, so the filter sees every one.
  const results = useOrganizations(
    { kind: 'clinic', areaCode, associationId, q: query || undefined, limit: 500 },
    { enabled: areaCode !== '' },
  );
  const all = results.data?.pages.flatMap((page) => page.items) ?? [];
  const items = isHomeCareOnly ? all.filter(doesHomeCare) : all;
  const isSelected = (id: string) => selected.some((clinic) => clinic.id === id);
  const toggle = (clinic: Picked, isChecked: boolean) =>
    onChange(isChecked ? [...selected, clinic] : selected.filter((entry) => entry.id !== clinic.id));

  return (
    <fieldset className="clinic-chooser" aria-describedby={error ? 'members-error' : undefined}>
      <legend>{t('create.members')}</legend>
      <p className="field-hint">{t('create.membersHint')}</p>
      {error ? (
        <p className="field-error" id="members-error">
          {error}
        </p>
      ) : null}
      <h3 className="subheading">{t('create.selected', { count: selected.length })}</h3>
      {selected.length === 0 ? (
        <p className="muted small">{t('create.noneSelected')}</p>
      ) : (
        <ul className="chip-list" aria-label={t('create.selectedLabel')}>
          {selected.map((clinic) => (
            <li key={clinic.id}>
              <span>{clinic.name}</span>
              <button
                type="button"
                className="chip-remove"
                onClick={() => toggle(clinic, false)}
                aria-label={t('create.remove', { name: clinic.name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {areaCode === '' ? (
        <p className="muted">{t('create.chooseAreaFirst')}</p>
      ) : (
        <>
          <div className="inline-form">
            <div className="field">
              <label htmlFor="clinic-search">{t('create.searchClinics')}</label>
              <input
                id="clinic-search"
                type="search"
                value={text}
                onChange={(event) => setText(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    setQuery(text.trim());
                  }
                }}
              />
            </div>
            <button type="button" className="button button-secondary" onClick={() => setQuery(text.trim())}>
              {t('common.search')}
            </button>
          </div>
          <div className="home-care-filter">
            <label className="choice">
              <input
                type="checkbox"
                checked={isHomeCareOnly}
                onChange={(event) => setHomeCareOnly(event.target.checked)}
                aria-describedby="home-care-hint"
              />
              <span>{t('create.homeCareOnly')}</span>
            </label>
            <p className="field-hint" id="home-care-hint">
              {t('create.homeCareOnlyHint')}
            </p>
          </div>
          <ErrorAlert error={results.error} />
          <div role="status" className="status-region">
            {results.isSuccess ? (
              <p className="muted small">
                {items.length === 0
                  ? t('create.noClinics')
                  : isHomeCareOnly
                    ? t('create.homeCareShown', { count: items.length, total: all.length })
                    : t('create.clinicsShown', { count: items.length })}
              </p>
            ) : null}
          </div>
          {items.length > 0 ? (
            <div className="clinic-results">
              {items.map((clinic) => (
                <label key={clinic.id} className="choice">
                  <input
                    type="checkbox"
                    checked={isSelected(clinic.id)}
                    onChange={(event) => toggle({ id: clinic.id, name: clinic.name }, event.target.checked)}
                  />
                  <span className="clinic-choice">
                    <span className="clinic-choice-name">{clinic.name}</span>
                    <span className="clinic-choice-meta">
                      <HomeCareBadges clinic={clinic} />
                      <span className="muted small">{clinic.address}</span>
                    </span>
                  </span>
                </label>
              ))}
            </div>
          ) : null}
          <LoadMore
            hasNextPage={results.hasNextPage}
            isFetchingNextPage={results.isFetchingNextPage}
            onLoadMore={() => void results.fetchNextPage()}
          />
        </>
      )}
    </fieldset>
  );
}

export function GroupCreatePage() {
  const { t, i18n } = useTranslation('rotations');
  const me = useCurrentUser();
  const navigate = useNavigate();
  usePageTitle(t('create.title'));
  const wards = useWards();
  const wardName = useWardName();
  const create = useCreateGroup();
  const [name, setName] = useState('');
  const [areaCode, setAreaCode] = useState('');
  const [members, setMembers] = useState<Picked[]>([]);
  const [rules, setRules] = useState<RulesDraft>(defaultRules);
  const [problems, setProblems] = useState<Record<string, string>>({});
  // After the first attempt the checks follow the input: a field's message goes as soon as it is valid.
  const [hasTried, setHasTried] = useState(false);

  type Input = { name: string; areaCode: string; members: Picked[]; rules: RulesDraft };
  const checksOf = (input: Input) => {
    const found: Record<string, string> = {};
    if (input.name.trim() === '') found.name = t('create.nameRequired');
    if (input.areaCode === '') found.areaCode = t('create.areaRequired');
    if (input.members.length === 0) found.members = t('create.membersRequired');
    const settings = rulesRequest(input.rules);
    if (!settings.ok) Object.assign(found, settings.problems);
    return { found, settings };
  };
  const recheck = (changed: Partial<Input>) => {
    if (hasTried) setProblems(checksOf({ name, areaCode, members, rules, ...changed }).found);
  };
  const changeName = (value: string) => {
    setName(value);
    recheck({ name: value });
  };
  const changeArea = (value: string) => {
    setAreaCode(value);
    setMembers([]);
    recheck({ areaCode: value, members: [] });
  };
  const changeMembers = (value: Picked[]) => {
    setMembers(value);
    recheck({ members: value });
  };
  const changeRules = (value: RulesDraft) => {
    setRules(value);
    recheck({ rules: value });
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setHasTried(true);
    const { found, settings } = checksOf({ name, areaCode, members, rules });
    setProblems(found);
    if (Object.keys(found).length > 0 || !settings.ok) return;
    create.mutate(
      {
        name: name.trim(),
        areaCode,
        memberOrganizationIds: members.map((member) => member.id),
        settings: settings.value,
      },
      { onSuccess: (group) => void navigate(`/rotations/groups/${group.id}`, { state: { created: true } }) },
    );
  };

  const serverError = isApiError(create.error) ? create.error : null;
  const fieldError = (field: string, path: string) =>
    problems[field] ??
    (() => {
      const detail = serverError?.details.find((candidate) => candidate.path.startsWith(path));
      return detail ? apiErrorDetailText(i18n, detail) : undefined;
    })();

  return (
    <>
      <p className="breadcrumb">
        <Link to="/rotations">{t('home.title')}</Link>
      </p>
      <h1>{t('create.title')}</h1>
      <p className="lead">{t('create.lead')}</p>
      <form onSubmit={submit} noValidate className="rotation-form">
        <div className="form-grid">
          <TextField
            label={t('group.name')}
            hint={t('create.nameHint')}
            value={name}
            required
            maxLength={100}
            onChange={(event) => changeName(event.target.value)}
            error={fieldError('name', 'name')}
          />
          <SelectField
            label={t('group.area')}
            value={areaCode}
            required
            onChange={(event) => changeArea(event.target.value)}
            error={fieldError('areaCode', 'areaCode')}
          >
            <option value="">{t('create.chooseArea')}</option>
            {(wards.data ?? []).map((ward) => (
              <option key={ward.code} value={ward.code}>
                {wardName(ward)}
              </option>
            ))}
          </SelectField>
        </div>
        <ClinicChooser
          areaCode={areaCode}
          associationId={me.role === 'association_admin' ? (me.organizationId ?? undefined) : undefined}
          selected={members}
          onChange={changeMembers}
          error={fieldError('members', 'memberOrganizationIds')}
        />
        <RulesFields draft={rules} onChange={changeRules} problems={problems} serverError={serverError} />
        <ErrorAlert error={create.error} showDetails />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('create.submit')}
          </button>
          <Link className="button button-secondary" to="/rotations">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
