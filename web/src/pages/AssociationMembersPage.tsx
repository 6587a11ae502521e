/**
 * 会員の情報: the organisations of the signed-in association (GET organizations?associationId=), by name, kind, ward
 * and 受入状況 (未登録 / 要確認), kept in the address (?q=&kind=&area=&availability=); each editable, its edit page
 * leading back to the list as it was.
 */
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganizations, useWards } from '../api/queries';
import type { OrganizationQuery } from '../api/types';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { FilterSelect } from '../components/FilterSelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { DataTable } from '../components/DataTable';
import { LoadMore } from '../components/LoadMore';
import { ResultCount } from '../components/ResultCount';
import { AvailabilityCell } from '../components/AvailabilitySummary';
import { SourceLines } from '../components/SourceLines';
import { editPathFrom } from '../components/edit-origin';
import { accountOrganizationKinds } from '../components/roleOrganizationKinds';
import { useWardName } from '../components/public/ward-names';
import { useServerText } from '../i18n/server-text';

const availabilityFilters = ['none', 'stale'] as const;
type AvailabilityFilter = (typeof availabilityFilters)[number];

/** The kinds an association's members may be (the provider accounts' organisations). */
const memberKinds = accountOrganizationKinds.provider === 'none' ? [] : accountOrganizationKinds.provider;

export function AssociationMembersPage() {
  const { t } = useTranslation();
  const wardName = useWardName();
  const serverText = useServerText();
  const me = useCurrentUser();
  usePageTitle(t('members.title'));
  const [params, setParams] = useSearchParams();
  const query: OrganizationQuery = {
    associationId: me.organizationId ?? undefined,
    q: params.get('q') ?? undefined,
    kind: memberKinds.find((kind) => kind === params.get('kind')),
    areaCode: params.get('area') ?? undefined,
    availability: availabilityFilters.find(
      (value): value is AvailabilityFilter => value === params.get('availability'),
    ),
  };
  const [text, setText] = useState(query.q ?? '');
  const [kind, setKind] = useState<string>(query.kind ?? '');
  const [area, setArea] = useState(query.areaCode ?? '');
  const [availability, setAvailability] = useState<string>(query.availability ?? '');
  const wards = useWards();
  const list = useOrganizations(query, { enabled: me.organizationId !== null });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const search = (event: SubmitEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (kind) next.set('kind', kind);
    if (area) next.set('area', area);
    if (availability) next.set('availability', availability);
    setParams(next);
  };

  return (
    <>
      <h1>{t('members.title')}</h1>
      <p className="lead">{t('members.lead', { organization: me.organizationName ?? '' })}</p>
      <form className="search-form" onSubmit={search} role="search" aria-label={t('members.searchLabel')}>
        <TextField
          label={t('organizations.query')}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <FilterSelect
          label={t('organization.kind')}
          value={kind}
          onChange={setKind}
          options={memberKinds.map((code) => ({ value: code, label: t(`codes.kind.${code}`) }))}
        />
        <FilterSelect
          label={t('organization.ward')}
          value={area}
          onChange={setArea}
          options={(wards.data ?? []).map((ward) => ({ value: ward.code, label: wardName(ward) }))}
        />
        <FilterSelect
          label={t('organization.availability')}
          value={availability}
          onChange={setAvailability}
          options={availabilityFilters.map((code) => ({ value: code, label: t(`members.availability.${code}`) }))}
        />
        <div className="search-form-actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
        </div>
      </form>
      <ErrorAlert error={list.error} />
      <ResultCount
        isPending={list.isPending && Boolean(me.organizationId)}
        isSuccess={list.isSuccess}
        count={rows.length}
        hasMore={list.hasNextPage}
        none={t('members.noResults')}
        shown={t('organizations.shown', { count: rows.length })}
        shownMore={t('organizations.shownMore', { count: rows.length })}
      />
      {rows.length > 0 ? (
        <DataTable id="members-caption" caption={t('members.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('organization.name')}</th>
              <th scope="col">{t('organization.kind')}</th>
              <th scope="col">{t('organization.ward')}</th>
              <th scope="col">{t('organization.availability')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((organization) => (
              <tr key={organization.id}>
                <th scope="row">
                  <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
                </th>
                <td className="kind-cell" data-label={t('organization.kind')}>
                  {t(`codes.kind.${organization.kind}`)}
                </td>
                <td className="nowrap" data-label={t('organization.ward')}>
                  {organization.areaName ? serverText.wardName(organization.areaName) : t('common.none')}
                </td>
                <td data-label={t('organization.availability')}>
                  <AvailabilityCell organization={organization} />
                </td>
                <td data-label={t('common.actions')}>
                  <Link
                    to={editPathFrom(organization.id, 'members', params.toString())}
                    aria-label={t('members.editLabel', { name: organization.name })}
                  >
                    {t('members.edit')}
                  </Link>
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
