/** 会員の情報: the organisations of the signed-in association (GET organizations?associationId=), each editable. */
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../api/queries';
import { formatFreshness } from '../format';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadMore } from '../components/LoadMore';
import { DemoValueBadge, StaleBadge } from '../components/Badge';
import { AvailabilityStatusBadge } from '../components/AvailabilitySummary';
import { SourceLines } from '../components/SourceLines';

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
      <div role="status" className="status-region">
        {list.isPending && me.organizationId ? <p>{t('common.loading')}</p> : null}
        {list.isSuccess ? (
          <p className="result-count">
            {rows.length === 0
              ? t('members.noResults')
              : list.hasNextPage
                ? t('organizations.shownMore', { count: rows.length })
                : t('organizations.shown', { count: rows.length })}
          </p>
        ) : null}
      </div>
      {rows.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="members-caption" tabIndex={0}>
          <table className="data-table stack-on-phone">
            <caption id="members-caption">{t('members.caption')}</caption>
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
                  <td data-label={t('common.actions')}>
                    <Link
                      to={`/organizations/${organization.id}/edit`}
                      aria-label={t('members.editLabel', { name: organization.name })}
                    >
                      {t('members.edit')}
                    </Link>
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
