/**
 * The form of a discharge case (registration and edit): every field of POST /api/v1/cases, grouped as the
 * liaison nurse thinks of them. Checks run before sending; the server's field errors (details[].path) appear next
 * to the same fields; anything else the server says is listed at the top.
 */
import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patientGroups, procedures } from '../../codes';
import {
  careLevels,
  consentGivenBy,
  consentScopes,
  livingSituations,
  places,
  sexes,
  teamRoles,
  welfareIssues,
  type TeamRole,
} from '../../api/case-codes';
import { isApiError } from '../../api/client';
import { useRolesWithoutOrganizations } from '../../api/cases';
import { useServerText } from '../../i18n/server-text';
import { TextField } from '../TextField';
import { SelectField } from '../SelectField';
import { CheckboxGroup } from '../CheckboxGroup';
import { ErrorAlert } from '../ErrorAlert';
import { FormErrorSummary, revealMessage } from '../FormErrorSummary';
import { FormProblemList } from '../FormProblemList';
import { TextAreaField } from './TextAreaField';
import { LocationPicker } from './LocationPicker';
import { maxLengthOf, withAddress, type CaseDraft, type DraftErrors } from './case-draft';
import type { PickedLocation } from './LocationPicker';

/** The detail paths the form shows next to a field; other details go to the summary at the top. */
const fieldPaths = [
  'patient.name',
  'patient.nameKana',
  'patient.birthDate',
  'patient.sex',
  'patient.address',
  'patient.phone',
  'patient.lat',
  'patient.lng',
  'keyPerson.name',
  'keyPerson.relationship',
  'keyPerson.phone',
  'diagnosis',
  'careLevel',
  'plannedDischargeDate',
  'admissionDate',
  'consent.recordedBy',
  'consent.scope',
  'consent.note',
  'acp.note',
  'neededRoles',
  'note',
];

/** The fields the checks can name, in the order of the form, with their label (a key of caseForm). */
const fieldLabels: readonly (readonly [path: string, labelKey: string])[] = [
  ['patient.name', 'name'],
  ['patient.nameKana', 'nameKana'],
  ['patient.birthDate', 'birthDate'],
  ['patient.sex', 'sex'],
  ['patient.phone', 'phone'],
  ['patient.address', 'address'],
  ['keyPerson.name', 'keyPersonName'],
  ['keyPerson.relationship', 'keyPersonRelationship'],
  ['keyPerson.phone', 'keyPersonPhone'],
  ['diagnosis', 'diagnosis'],
  ['careLevel', 'careLevel'],
  ['acp.note', 'acpNote'],
  ['consent.scope', 'consentScope'],
  ['consent.recordedBy', 'consentRecordedBy'],
  ['consent.note', 'consentNote'],
  ['admissionDate', 'admissionDate'],
  ['plannedDischargeDate', 'plannedDischargeDate'],
  ['neededRoles', 'neededRoles'],
  ['note', 'note'],
];

/** The id of the element that holds a field: the list under the error summary links to it. */
function fieldIdOf(path: string): string | undefined {
  return fieldLabels.some(([known]) => known === path) ? `case-field-${path.replace(/\./g, '-')}` : undefined;
}

type Props = {
  draft: CaseDraft;
  onChange: (draft: CaseDraft) => void;
  errors: DraftErrors;
  serverError: unknown;
  isNew: boolean;
  isSubmitting: boolean;
  submitLabel: string;
  onSubmit: () => void;
  /** Extra content above the submit button (the conflict notice of an edit). */
  beforeActions?: ReactNode;
  /** A note under the needed roles (the new-case form: why ケアマネジャー does not apply under 40). */
  neededRolesNote?: string | undefined;
};

export function CaseForm({
  draft,
  onChange,
  errors,
  serverError,
  isNew,
  isSubmitting,
  submitLabel,
  onSubmit,
  beforeActions,
  neededRolesNote,
}: Props) {
  const { t } = useTranslation('cases');
  const texts = useServerText();
  const set = <Key extends keyof CaseDraft>(key: Key, value: CaseDraft[Key]) => onChange({ ...draft, [key]: value });
  // The location found for the address before it was edited: not sent, but back if the address is changed back.
  const [setAsideLocation, setSetAsideLocation] = useState<PickedLocation | null>(null);
  const changeAddress = (address: string) => {
    const next = withAddress(draft, address, setAsideLocation);
    setSetAsideLocation(next.setAside);
    onChange(next.draft);
  };
  const changeLocation = (location: PickedLocation | null) => {
    if (location) setSetAsideLocation(null);
    set('location', location);
  };
  const rolesWithoutOrganizations = useRolesWithoutOrganizations();
  const neededWithoutOrganizations = draft.neededRoles.filter((role) => rolesWithoutOrganizations.has(role));
  const serverDetails = isApiError(serverError) ? serverError.details : [];
  const errorFor = (path: string): string | undefined => {
    const key = errors[path];
    if (key) return t(`caseForm.errors.${key}`);
    const detail = serverDetails.find((candidate) => candidate.path === path || candidate.path.startsWith(`${path}.`));
    return detail ? texts.apiErrorDetail(detail) : undefined;
  };
  const otherDetails = serverDetails.filter(
    (detail) => !fieldPaths.some((path) => detail.path === path || detail.path.startsWith(`${path}.`)),
  );
  const locationError =
    errorFor('patient.lat') ??
    (isApiError(serverError) && serverError.specificCode === 'address_not_located'
      ? texts.apiError(serverError)
      : undefined);
  // The server's refusal of fields the form shows (an address outside the city, …): listed at the top like the form's
  // own errors, each linked to its field, instead of the same sentence again above the form.
  const serverFieldProblems = serverDetails
    .filter((detail) => fieldPaths.some((path) => detail.path === path || detail.path.startsWith(`${path}.`)))
    .map((detail) => {
      const path = fieldPaths.find((known) => detail.path === known || detail.path.startsWith(`${known}.`)) ?? '';
      const labelKey = fieldLabels.find(([known]) => known === path)?.[1];
      return { path, label: labelKey ? t(`caseForm.${labelKey}`) : null, message: texts.apiErrorDetail(detail) };
    });
  const errorCount = Object.keys(errors).length;
  const orderOf = (path: string) => {
    const index = fieldLabels.findIndex(([known]) => known === path);
    return index === -1 ? fieldLabels.length : index;
  };
  const problems = Object.keys(errors)
    .sort((a, b) => orderOf(a) - orderOf(b))
    .map((path) => {
      const labelKey = fieldLabels.find(([known]) => known === path)?.[1];
      return { path, label: labelKey ? t(`caseForm.${labelKey}`) : null, message: errorFor(path) ?? '' };
    });
  // Each submit: the summary of the errors found takes the focus (FormErrorSummary), and so does the server's refusal.
  const [submitCount, setSubmitCount] = useState(0);
  const serverErrorBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (serverError) revealMessage(serverErrorBox.current);
  }, [serverError]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSubmitCount((count) => count + 1);
    onSubmit();
  };

  return (
    <form className="case-form" onSubmit={submit} noValidate>
      <FormErrorSummary
        message={errorCount > 0 ? t('caseForm.fixErrors', { count: errorCount }) : null}
        submitCount={submitCount}
      >
        <FormProblemList problems={problems} fieldIdOf={fieldIdOf} />
      </FormErrorSummary>
      {serverError ? (
        <div ref={serverErrorBox} className="case-form-server-error" tabIndex={-1}>
          {serverFieldProblems.length > 0 ? (
            <div className="alert-region" role="alert">
              <div className="alert alert-error">
                <p>{t('caseForm.fixErrors', { count: serverFieldProblems.length })}</p>
                <FormProblemList problems={serverFieldProblems} fieldIdOf={fieldIdOf} />
              </div>
            </div>
          ) : (
            <ErrorAlert error={serverError} />
          )}
          {otherDetails.length > 0 ? (
            <ul className="plain-list">
              {otherDetails.map((detail) => (
                <li key={`${detail.path}:${detail.message}`}>
                  {detail.path}: {texts.apiErrorDetail(detail)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <section className="card" aria-labelledby="case-form-patient">
        <h2 id="case-form-patient">{t('caseForm.patientTitle')}</h2>
        <p className="muted small">{t('caseForm.fictionalNote')}</p>
        <div className="form-grid">
          <TextField
            label={t('caseForm.name')}
            required
            autoComplete="off"
            maxLength={maxLengthOf('name')}
            value={draft.name}
            onChange={(event) => set('name', event.target.value)}
            id={fieldIdOf('patient.name')}
            error={errorFor('patient.name')}
          />
          <TextField
            label={t('caseForm.nameKana')}
            hint={t('caseForm.nameKanaHint')}
            required
            autoComplete="off"
            maxLength={maxLengthOf('nameKana')}
            value={draft.nameKana}
            onChange={(event) => set('nameKana', event.target.value)}
            id={fieldIdOf('patient.nameKana')}
            error={errorFor('patient.nameKana')}
          />
          <TextField
            label={t('caseForm.birthDate')}
            type="date"
            required
            value={draft.birthDate}
            onChange={(event) => set('birthDate', event.target.value)}
            id={fieldIdOf('patient.birthDate')}
            error={errorFor('patient.birthDate')}
          />
          <CodeSelect
            label={t('caseForm.sex')}
            required
            value={draft.sex}
            codes={sexes}
            codeNamespace="sex"
            onChange={(value) => set('sex', value as CaseDraft['sex'])}
            id={fieldIdOf('patient.sex')}
            error={errorFor('patient.sex')}
          />
          <TextField
            label={t('caseForm.phone')}
            type="tel"
            autoComplete="off"
            value={draft.phone}
            onChange={(event) => set('phone', event.target.value)}
            id={fieldIdOf('patient.phone')}
            error={errorFor('patient.phone')}
          />
        </div>
        <TextField
          label={t('caseForm.address')}
          hint={t('caseForm.addressHint')}
          required
          autoComplete="off"
          maxLength={maxLengthOf('address')}
          value={draft.address}
          onChange={(event) => changeAddress(event.target.value)}
          id={fieldIdOf('patient.address')}
          error={errorFor('patient.address')}
        />
        <LocationPicker
          address={draft.address}
          value={draft.location}
          onChange={changeLocation}
          setAside={setAsideLocation}
          error={locationError}
          addressError={errorFor('patient.address')}
          onCompleteAddress={(address) =>
            onChange({ ...draft, address, location: draft.location ? { ...draft.location, address } : null })
          }
        />
      </section>

      <section className="card" aria-labelledby="case-form-key-person">
        <h2 id="case-form-key-person">{t('caseForm.keyPersonTitle')}</h2>
        <div className="form-grid">
          <TextField
            label={t('caseForm.keyPersonName')}
            autoComplete="off"
            maxLength={maxLengthOf('keyPersonName')}
            value={draft.keyPersonName}
            onChange={(event) => set('keyPersonName', event.target.value)}
            id={fieldIdOf('keyPerson.name')}
            error={errorFor('keyPerson.name')}
          />
          <TextField
            label={t('caseForm.keyPersonRelationship')}
            hint={t('caseForm.keyPersonRelationshipHint')}
            autoComplete="off"
            maxLength={maxLengthOf('keyPersonRelationship')}
            value={draft.keyPersonRelationship}
            onChange={(event) => set('keyPersonRelationship', event.target.value)}
            id={fieldIdOf('keyPerson.relationship')}
            error={errorFor('keyPerson.relationship')}
          />
          <TextField
            label={t('caseForm.keyPersonPhone')}
            type="tel"
            autoComplete="off"
            value={draft.keyPersonPhone}
            onChange={(event) => set('keyPersonPhone', event.target.value)}
            id={fieldIdOf('keyPerson.phone')}
            error={errorFor('keyPerson.phone')}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="case-form-care">
        <h2 id="case-form-care">{t('caseForm.careTitle')}</h2>
        <TextAreaField
          label={t('caseForm.diagnosis')}
          hint={t('caseForm.diagnosisHint')}
          maxLength={maxLengthOf('diagnosis')}
          rows={2}
          value={draft.diagnosis}
          onChange={(event) => set('diagnosis', event.target.value)}
          id={fieldIdOf('diagnosis')}
          error={errorFor('diagnosis')}
        />
        <CheckboxGroup
          legend={t('caseForm.groups')}
          options={patientGroups.map((code) => ({ value: code, label: t(`codes.patientGroup.${code}`) }))}
          selected={draft.groups}
          onChange={(values) => set('groups', values)}
        />
        <CheckboxGroup
          legend={t('caseForm.procedures')}
          options={procedures.map((code) => ({ value: code, label: t(`codes.procedure.${code}`) }))}
          selected={draft.procedures}
          onChange={(values) => set('procedures', values)}
        />
        <div className="form-grid">
          <CodeSelect
            label={t('caseForm.careLevel')}
            required
            value={draft.careLevel}
            codes={careLevels}
            codeNamespace="careLevel"
            onChange={(value) => set('careLevel', value as CaseDraft['careLevel'])}
            id={fieldIdOf('careLevel')}
            error={errorFor('careLevel')}
          />
          <CodeSelect
            label={t('caseForm.livingSituation')}
            value={draft.livingSituation}
            codes={livingSituations}
            codeNamespace="livingSituation"
            onChange={(value) => set('livingSituation', value as CaseDraft['livingSituation'])}
          />
        </div>
        <CheckboxGroup
          legend={t('caseForm.welfareIssues')}
          options={welfareIssues.map((code) => ({ value: code, label: t(`codes.welfareIssue.${code}`) }))}
          selected={draft.welfareIssues}
          onChange={(values) => set('welfareIssues', values)}
        />
      </section>

      <section className="card" aria-labelledby="case-form-acp">
        <h2 id="case-form-acp">{t('caseForm.acpTitle')}</h2>
        <p className="muted small">{t('caseForm.acpHint')}</p>
        <div className="form-grid">
          <CodeSelect
            label={t('caseForm.acpCare')}
            value={draft.acpCare}
            codes={places}
            codeNamespace="place"
            onChange={(value) => set('acpCare', value as CaseDraft['acpCare'])}
          />
          <CodeSelect
            label={t('caseForm.acpDeath')}
            value={draft.acpDeath}
            codes={places}
            codeNamespace="place"
            onChange={(value) => set('acpDeath', value as CaseDraft['acpDeath'])}
          />
        </div>
        <TextAreaField
          label={t('caseForm.acpNote')}
          maxLength={maxLengthOf('acpNote')}
          value={draft.acpNote}
          onChange={(event) => set('acpNote', event.target.value)}
          id={fieldIdOf('acp.note')}
          error={errorFor('acp.note')}
        />
      </section>

      <section className="card" aria-labelledby="case-form-consent">
        <h2 id="case-form-consent">{t('caseForm.consentTitle')}</h2>
        <p className="muted small">{t('caseForm.consentHint')}</p>
        <fieldset
          id={fieldIdOf('consent.scope')}
          className="checkbox-group"
          aria-describedby={errorFor('consent.scope') ? 'consent-scope-error' : undefined}
        >
          <legend>{t('caseForm.consentScope')}</legend>
          {consentScopes.map((scope) => (
            <label key={scope} className="choice consent-choice">
              <input
                type="checkbox"
                checked={draft.consentScope.includes(scope)}
                onChange={(event) =>
                  set(
                    'consentScope',
                    consentScopes.filter((code) =>
                      code === scope ? event.target.checked : draft.consentScope.includes(code),
                    ),
                  )
                }
              />
              <span>
                <strong>{t(`consent.scope.${scope}.title`)}</strong>
                <span className="consent-explanation">{t(`consent.scope.${scope}.text`)}</span>
              </span>
            </label>
          ))}
          {errorFor('consent.scope') ? (
            <p className="field-error" id="consent-scope-error">
              {errorFor('consent.scope')}
            </p>
          ) : null}
          {!draft.consentScope.includes('referral_summary') ? (
            <p className="small alert alert-warning">{t('caseForm.noReferralConsent')}</p>
          ) : null}
        </fieldset>
        <div className="form-grid">
          <CodeSelect
            label={t('caseForm.consentGivenBy')}
            value={draft.consentGivenBy}
            codes={consentGivenBy}
            codeNamespace="consentGivenBy"
            onChange={(value) => set('consentGivenBy', value as CaseDraft['consentGivenBy'])}
          />
          <TextField
            label={t('caseForm.consentRecordedBy')}
            hint={t('caseForm.consentRecordedByHint')}
            required
            maxLength={maxLengthOf('consentRecordedBy')}
            value={draft.consentRecordedBy}
            onChange={(event) => set('consentRecordedBy', event.target.value)}
            id={fieldIdOf('consent.recordedBy')}
            error={errorFor('consent.recordedBy')}
          />
        </div>
        <TextAreaField
          label={t('caseForm.consentNote')}
          rows={2}
          maxLength={maxLengthOf('consentNote')}
          value={draft.consentNote}
          onChange={(event) => set('consentNote', event.target.value)}
          id={fieldIdOf('consent.note')}
          error={errorFor('consent.note')}
        />
      </section>

      <section className="card" aria-labelledby="case-form-schedule">
        <h2 id="case-form-schedule">{t('caseForm.scheduleTitle')}</h2>
        <div className="form-grid">
          <TextField
            label={t('caseForm.admissionDate')}
            type="date"
            value={draft.admissionDate}
            onChange={(event) => set('admissionDate', event.target.value)}
            id={fieldIdOf('admissionDate')}
            error={errorFor('admissionDate')}
          />
          <TextField
            label={t('caseForm.plannedDischargeDate')}
            type="date"
            required
            value={draft.plannedDischargeDate}
            onChange={(event) => set('plannedDischargeDate', event.target.value)}
            id={fieldIdOf('plannedDischargeDate')}
            error={errorFor('plannedDischargeDate')}
          />
        </div>
        <div id={fieldIdOf('neededRoles')}>
          <CheckboxGroup<TeamRole>
            legend={t('caseForm.neededRoles')}
            options={teamRoles.map((role) => ({
              value: role,
              label: t(`codes.teamRole.${role}`),
              note: rolesWithoutOrganizations.has(role) ? t('caseForm.roleNotRegistered') : undefined,
            }))}
            selected={draft.neededRoles}
            onChange={(values) => set('neededRoles', values)}
          />
          {errorFor('neededRoles') ? <p className="field-error">{errorFor('neededRoles')}</p> : null}
          {neededWithoutOrganizations.length > 0 ? (
            <p className="small alert alert-warning">
              {t('caseForm.neededRolesNotRegistered', {
                roles: neededWithoutOrganizations
                  .map((role) => t(`codes.teamRole.${role}`))
                  .join(t('common.itemSeparator')),
              })}
            </p>
          ) : null}
        </div>
        {neededRolesNote ? <p className="small alert alert-info needed-roles-note">{neededRolesNote}</p> : null}
        <TextAreaField
          label={t('caseForm.note')}
          maxLength={maxLengthOf('note')}
          value={draft.note}
          onChange={(event) => set('note', event.target.value)}
          id={fieldIdOf('note')}
          error={errorFor('note')}
        />
      </section>

      {beforeActions}
      <div className="form-actions case-form-actions">
        <button type="submit" className="button button-large" disabled={isSubmitting}>
          {isSubmitting ? t('common.saving') : submitLabel}
        </button>
        {isNew ? <p className="muted small">{t('caseForm.afterCreate')}</p> : null}
      </div>
    </form>
  );
}

/**
 * A select of codes for one coded field of the case: 「選択してください」 first when the field is required,
 * 「未設定」 when it is optional.
 */
function CodeSelect(props: {
  label: string;
  value: string;
  codes: readonly string[];
  codeNamespace: string;
  onChange: (value: string) => void;
  required?: boolean;
  id?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = useTranslation('cases');
  return (
    <SelectField
      id={props.id}
      label={props.label}
      required={props.required}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      error={props.error}
    >
      <option value="">{props.required ? t('common.choose') : t('common.notSet')}</option>
      {props.codes.map((code) => (
        <option key={code} value={code}>
          {t(`codes.${props.codeNamespace}.${code}`)}
        </option>
      ))}
    </SelectField>
  );
}
