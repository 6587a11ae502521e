/** 組織一覧: search by name or kana, kind and ward; a table with paging and the 出典 of the rows shown. */
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganizations, useWards } from '../api/queries';
import { organizationKinds, type OrganizationKind } from '../codes';
import { usePageTitle } from '../usePageTitle';
import { FilterSelect } from '../components/FilterSelect';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { DataTable } from '../components/DataTable';
import { LoadMore } from '../components/LoadMore';
import { ResultCount } from '../components/ResultCount';
import { SourceLines } from '../components/SourceLines';
import { DemoBadge } from '../components/Badge';
import { AvailabilityCell } from '../components/AvailabilitySummary';
import { OfficialCode } from '../components/OfficialCode';
import { useWardName } from '../components/public/ward-names';
import { useServerText } from '../i18n/server-text';

function asKind(value: string | null): OrganizationKind | undefined {
  return organizationKinds.find((kind) => kind === value);
}

export function OrganizationListPage() {
  const { t } = useTranslation();
  const wardName = useWardName();
  const serverText = useServerText();
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
        <FilterSelect
          label={t('organizations.kind')}
          value={kind}
          onChange={setKind}
          options={organizationKinds.map((code) => ({ value: code, label: t(`codes.kind.${code}`) }))}
        />
        <FilterSelect
          label={t('organizations.ward')}
          value={area}
          onChange={setArea}
          options={(wards.data ?? []).map((ward) => ({ value: ward.code, label: wardName(ward) }))}
        />
        <div className="search-form-actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
        </div>
      </form>

      <ErrorAlert error={list.error} />
      <ResultCount
        isPending={list.isPending}
        isSuccess={list.isSuccess}
        count={rows.length}
        hasMore={list.hasNextPage}
        none={t('organizations.noResults')}
        shown={t('organizations.shown', { count: rows.length })}
        shownMore={t('organizations.shownMore', { count: rows.length })}
      />

      {rows.length > 0 ? (
        <DataTable id="organizations-caption" caption={t('organizations.caption')}>
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
                  {organization.areaName ? serverText.wardName(organization.areaName) : t('common.none')}
                </td>
                <td data-label={t('organization.address')}>{organization.address}</td>
                <td className="nowrap" data-label={t('organization.phone')}>
                  {organization.phone ?? t('common.none')}
                </td>
                <td className="nowrap" data-label={t('organization.officialCode')}>
                  <OfficialCode codes={organization.codes} />
                </td>
                <td data-label={t('organization.availability')}>
                  <AvailabilityCell organization={organization} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
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
