/**
 * 福祉の連携 (issue 5 item 7): the case connected to 福祉事務所・保健所・社会福祉協議会・地域包括支援センター with a
 * reason, tracked like a referral (依頼中 → 受付済み → 終了). The organisation linked answers from here or from
 * its inbox (/welfare-links).
 */
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  useCaseWelfareLinks,
  useIdempotencyKey,
  useOrganizationsOfKind,
  useRequestWelfareLink,
  useWelfareLinkChange,
} from '../../api/cases';
import type { FullCase, WelfareLink } from '../../api/case-types';
import {
  welfareLinkableCaseStatuses,
  welfareOrganizationKinds,
  type WelfareOrganizationKind,
} from '../../api/case-codes';
import { useWards } from '../../api/queries';
import { formatDateTime } from '../../format';
import { useCurrentUser } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { FilterSelect } from '../FilterSelect';
import { SelectField } from '../SelectField';
import { StatusMessage } from '../StatusMessage';
import { WelfareLinkStatusBadge } from './CaseBadges';
import { TextAreaField } from './TextAreaField';
import { Disclosure } from './Disclosure';
import { isCityWideWelfareKind, welfareOfficeChoices } from './welfare-office-choices';
import { useWardName } from '../public/ward-names';
import { wardNameFromJapanese } from '../../i18n/server-text';

export function WelfareLinkAnswer({ link }: { link: WelfareLink }) {
  const { t } = useTranslation('cases');
  const change = useWelfareLinkChange();
  const me = useCurrentUser();
  const [text, setText] = useState('');
  const [isEmpty, setEmpty] = useState(false);
  const isLinked = me.organizationId === link.organization.id;
  if (link.status === 'closed' || !isLinked || link.status !== 'requested') return null;
  // A closed or cancelled case can no longer be acknowledged (the server answers 409): say so instead of the form.
  if (link.case.status === 'closed' || link.case.status === 'cancelled')
    return <p className="muted small">{t('welfare.caseEnded')}</p>;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setEmpty(!text.trim());
    if (!text.trim()) return;
    change.mutate({ id: link.id, action: 'acknowledge', text: text.trim() });
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <TextAreaField
        label={t('welfare.response')}
        hint={t('welfare.responseHint')}
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={isEmpty ? t('welfare.responseRequired') : undefined}
      />
      <ErrorAlert error={change.error} showDetails />
      <button type="submit" className="button button-secondary" disabled={change.isPending}>
        {t('welfare.acknowledge')}
      </button>
    </form>
  );
}

function CloseLinkButton({ link }: { link: WelfareLink }) {
  const { t } = useTranslation('cases');
  const change = useWelfareLinkChange();
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={change.isPending}
        onClick={() => change.mutate({ id: link.id, action: 'close', text: '' })}
        aria-label={t('welfare.closeLabel', { name: link.organization.name })}
      >
        {t('welfare.close')}
      </button>
      <ErrorAlert error={change.error} showDetails />
    </>
  );
}

function RequestLinkForm({ record, onDone }: { record: FullCase; onDone: () => void }) {
  const { t, i18n } = useTranslation('cases');
  const wards = useWards();
  const shownWardName = useWardName();
  const [kind, setKind] = useState<WelfareOrganizationKind | ''>('');
  const [areaCode, setAreaCode] = useState(record.patient.areaCode ?? '');
  const [organizationId, setOrganizationId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ kind?: boolean; organization?: boolean; reason?: boolean }>({});
  // Every office of the kind; the ward only narrows kinds with an office per ward (welfare-office-choices.ts).
  const organizations = useOrganizationsOfKind(kind, undefined);
  const request = useRequestWelfareLink(record.id);
  const idempotency = useIdempotencyKey();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = { kind: !kind, organization: !organizationId, reason: !reason.trim() };
    setErrors(found);
    if (found.kind || found.organization || found.reason) return;
    const body = { organizationId, reason: reason.trim() };
    request.mutate(
      { body, key: idempotency.keyFor(body) },
      {
        onSuccess: () => {
          idempotency.reset();
          onDone();
        },
      },
    );
  };
  // The server's Japanese name matches the offices' areaName; the page shows the name in the user's language.
  const wardName = (code: string) => (wards.data ?? []).find((ward) => ward.code === code)?.name ?? null;
  const wardLabel = (code: string) => {
    const ward = (wards.data ?? []).find((item) => item.code === code);
    return ward ? shownWardName(ward) : '';
  };
  const patientWardName = record.patient.areaCode ? wardName(record.patient.areaCode) : null;
  const offices = organizations.data?.items ?? [];
  const isCityWide = kind !== '' && organizations.isSuccess && isCityWideWelfareKind(kind, offices.length);
  const choices =
    kind === ''
      ? { items: [], scope: 'all' as const }
      : welfareOfficeChoices(kind, offices, { wardName: areaCode ? (wardName(areaCode) ?? '') : '', patientWardName });
  const items = choices.items;
  const hint =
    !kind || !organizations.isSuccess || items.length === 0
      ? undefined
      : choices.scope === 'city'
        ? t('welfare.cityWide')
        : choices.scope === 'ward'
          ? t('welfare.inWard', { ward: wardLabel(areaCode) })
          : choices.scope === 'none_in_ward'
            ? t('welfare.noneInWard', { ward: wardLabel(areaCode) })
            : patientWardName && record.patient.areaCode
              ? t('welfare.patientWardFirst', { ward: wardLabel(record.patient.areaCode) })
              : undefined;
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <div className="form-grid">
        <SelectField
          label={t('welfare.kind')}
          required
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as WelfareOrganizationKind | '');
            setOrganizationId('');
          }}
          error={errors.kind ? t('welfare.kindRequired') : undefined}
        >
          <option value="">{t('common.choose')}</option>
          {welfareOrganizationKinds.map((code) => (
            <option key={code} value={code}>
              {t(`codes.kind.${code}`)}
            </option>
          ))}
        </SelectField>
        {isCityWide ? null : (
          <FilterSelect
            label={t('welfare.ward')}
            value={areaCode}
            onChange={(value) => {
              setAreaCode(value);
              setOrganizationId('');
            }}
            options={(wards.data ?? []).map((ward) => ({ value: ward.code, label: shownWardName(ward) }))}
          />
        )}
        <SelectField
          label={t('welfare.organization')}
          required
          value={organizationId}
          disabled={!kind}
          onChange={(event) => setOrganizationId(event.target.value)}
          error={
            errors.organization
              ? t('welfare.organizationRequired')
              : kind && organizations.isSuccess && items.length === 0
                ? t('welfare.noOrganizations')
                : undefined
          }
        >
          <option value="">{kind ? t('common.choose') : t('welfare.chooseKindFirst')}</option>
          {items.map((organization) => (
            <option key={organization.id} value={organization.id}>
              {organization.name}
              {organization.areaName
                ? t('common.inParentheses', { text: wardNameFromJapanese(i18n, organization.areaName) })
                : ''}
            </option>
          ))}
        </SelectField>
      </div>
      {hint ? <p className="muted small welfare-office-hint">{hint}</p> : null}
      <TextAreaField
        label={t('welfare.reason')}
        hint={t('welfare.reasonHint')}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason ? t('welfare.reasonRequired') : request.error?.detailFor('reason')}
      />
      <ErrorAlert error={request.error} showDetails />
      <button type="submit" className="button" disabled={request.isPending}>
        {t('welfare.submit')}
      </button>
    </form>
  );
}

export function WelfareLinksSection({ record }: { record: FullCase }) {
  const { t, i18n } = useTranslation('cases');
  const links = useCaseWelfareLinks(record.id, record.permissions.canUseThread);
  const [done, setDone] = useState<string | null>(null);
  // As the server allows: also after the discharge (need of welfare often shows once the patient is at home).
  const isActive = welfareLinkableCaseStatuses.includes(record.status);
  // A link needs the patient's consent to share with welfare windows (the server says 400 consent_required).
  const hasWelfareConsent = record.consent.scope?.includes('welfare_record') ?? false;
  const items = links.data?.items ?? [];
  return (
    <>
      <ErrorAlert error={links.error} />
      {links.isSuccess && items.length === 0 ? <p className="muted">{t('welfare.none')}</p> : null}
      {items.length > 0 ? (
        <ul className="welfare-links">
          {items.map((link) => (
            <li key={link.id} className="welfare-link">
              <p>
                <strong>{link.organization.name}</strong>{' '}
                <span className="muted small">{t(`codes.kind.${link.organization.kind}`)}</span>{' '}
                <WelfareLinkStatusBadge status={link.status} />
              </p>
              <p className="small">
                {t('welfare.reasonShown', { reason: link.reason })}
                <span className="muted"> ・ {formatDateTime(link.createdAt, i18n.language)}</span>
              </p>
              {link.response ? (
                <p className="small">{t('welfare.responseShown', { response: link.response })}</p>
              ) : null}
              <WelfareLinkAnswer link={link} />
              {record.permissions.canCoordinate && link.status !== 'closed' ? <CloseLinkButton link={link} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {record.permissions.canCoordinate && isActive && !hasWelfareConsent ? (
        <p className="small alert alert-warning">
          {t('welfare.consentMissing')}{' '}
          {record.permissions.canEdit ? (
            <Link to={`/cases/${record.id}/edit`}>{t('welfare.consentEdit')}</Link>
          ) : (
            // Only the hospital edits the record: the Center asks it (on the thread) to record the consent.
            t('welfare.consentAskHospital', { hospital: record.hospital.name })
          )}
        </p>
      ) : null}
      {record.permissions.canCoordinate && isActive && hasWelfareConsent ? (
        <Disclosure label={t('welfare.open')}>
          {(close) => (
            <RequestLinkForm
              record={record}
              onDone={() => {
                setDone(t('welfare.requested'));
                close();
              }}
            />
          )}
        </Disclosure>
      ) : null}
      <StatusMessage message={done} />
    </>
  );
}
