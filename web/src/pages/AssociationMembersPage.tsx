/** 会員の情報: the organisations of the signed-in association (GET organizations?associationId=), each editable. */
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../api/queries';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { DataTable } from '../components/DataTable';
import { LoadMore } from '../components/LoadMore';
import { ResultCount } from '../components/ResultCount';
import { AvailabilityCell } from '../components/AvailabilitySummary';
import { SourceLines } from '../components/SourceLines';
import { editPathFrom } from '../components/edit-origin';

export function AssociationMembersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('members.title'));
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const list = useOrganizations(
    { associationId: me.organizationId ?? undefined, q: query || undefined },
    { enabled: me.organizationId !== null },
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const search = (event: SubmitEvent) => {
    event.preventDefault();
    setQuery(text.trim());
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
                  {organization.areaName ?? t('common.none')}
                </td>
                <td data-label={t('organization.availability')}>
                  <AvailabilityCell organization={organization} />
                </td>
                <td data-label={t('common.actions')}>
                  <Link
                    to={editPathFrom(organization.id, 'members')}
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
