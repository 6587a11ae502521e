/** 組織一覧: search by name or kana, kind and ward; a table with paging and the 出典 of the rows shown. */
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganizations, useWards } from '../api/queries';
import { organizationKinds, type OrganizationKind } from '../codes';
import { formatFreshness } from '../format';
import { usePageTitle } from '../usePageTitle';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadMore } from '../components/LoadMore';
import { SourceLines } from '../components/SourceLines';
import { DemoBadge, DemoValueBadge, StaleBadge } from '../components/Badge';
import { AvailabilityStatusBadge } from '../components/AvailabilitySummary';
import { OfficialCode } from '../components/OfficialCode';

function asKind(value: string | null): OrganizationKind | undefined {
  return organizationKinds.find((kind) => kind === value);
}

export function OrganizationListPage() {
  const { t } = useTranslation();
  usePageTitle(t('organizations.title'));
  const [params, setParams] = useSearchParams();
  const query = {
    q: params.get('q') ?? undefined,
    kind: asKind(params.get('kind')),
    areaCode: params.get('area') ?? undefined,
  };
  const [text, setText] = useState(query.q ?? '');
  const [kind, setKind] = useState<string>(query.kind ?? '');
  const [area, setArea] = useState(query.areaCode ?? '');
  const wards = useWards();
  const list = useOrganizations(query);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (kind) next.set('kind', kind);
    if (area) next.set('area', area);
    setParams(next);
  };

  return (
    <>
      <h1>{t('organizations.title')}</h1>
      <form className="search-form" onSubmit={submit} role="search" aria-label={t('organizations.searchLabel')}>
        <TextField
          label={t('organizations.query')}
          hint={t('organizations.queryHint')}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <SelectField label={t('organizations.kind')} value={kind} onChange={(event) => setKind(event.target.value)}>
          <option value="">{t('common.all')}</option>
          {organizationKinds.map((code) => (
            <option key={code} value={code}>
              {t(`codes.kind.${code}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('organizations.ward')} value={area} onChange={(event) => setArea(event.target.value)}>
          <option value="">{t('common.all')}</option>
          {(wards.data ?? []).map((ward) => (
            <option key={ward.code} value={ward.code}>
              {ward.name}
            </option>
          ))}
        </SelectField>
        <div className="search-form-actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
        </div>
      </form>

      <ErrorAlert error={list.error} />
      <div role="status" className="status-region">
        {list.isPending ? (
          <p>{t('common.loading')}</p>
        ) : list.isSuccess ? (
          <p className="result-count">
            {rows.length === 0
              ? t('organizations.noResults')
              : list.hasNextPage
                ? t('organizations.shownMore', { count: rows.length })
                : t('organizations.shown', { count: rows.length })}
          </p>
        ) : null}
      </div>

      {rows.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="organizations-caption" tabIndex={0}>
          <table className="data-table stack-on-phone">
            <caption id="organizations-caption">{t('organizations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organization.name')}</th>
                <th scope="col">{t('organization.kind')}</th>
                <th scope="col">{t('organization.ward')}</th>
                <th scope="col">{t('organization.address')}</th>
                <th scope="col">{t('organization.phone')}</th>
                <th scope="col">{t('organization.officialCode')}</th>
                <th scope="col">{t('organization.availability')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((organization) => (
                <tr key={organization.id}>
                  <th scope="row">
                    <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
                    {organization.isDemo ? (
                      <>
                        {' '}
                        <DemoBadge />
                      </>
                    ) : null}
                  </th>
                  <td className="kind-cell" data-label={t('organization.kind')}>
                    {t(`codes.kind.${organization.kind}`)}
                  </td>
                  <td className="nowrap" data-label={t('organization.ward')}>
                    {organization.areaName ?? t('common.none')}
                  </td>
                  <td data-label={t('organization.address')}>{organization.address}</td>
                  <td className="nowrap" data-label={t('organization.phone')}>
                    {organization.phone ?? t('common.none')}
                  </td>
                  <td className="nowrap" data-label={t('organization.officialCode')}>
                    <OfficialCode codes={organization.codes} />
                  </td>
                  <td data-label={t('organization.availability')}>
                    {organization.availability ? (
                      <span className="availability-cell">
                        <AvailabilityStatusBadge status={organization.availability.status} />
                        <span className="muted small">{formatFreshness(organization.availability.ageDays, t)}</span>
                        {organization.availability.isStale ? <StaleBadge /> : null}
                        {organization.isDemoProfile ? <DemoValueBadge /> : null}
                      </span>
                    ) : (
                      <span className="muted">{t('organization.availabilityNone')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
      <SourceLines sources={rows.map((organization) => organization.source)} />
    </>
  );
}
