/**
 * 受入状況が古い会員 (/association/stale): the association's members whose 受入状況 is older than the configured
 * number of days (GET directory/stale) — with its age, the phone number to call, and a link to update it for them.
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useWards } from '../../api/queries';
import { useStaleMembers } from '../../api/directory';
import { formatDate } from '../../format';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/DataTable';
import { LoadMore } from '../../components/LoadMore';
import { ResultCount } from '../../components/ResultCount';
import { StaleBadge } from '../../components/Badge';
import { StatusBadge } from '../../components/directory/ResourceBadges';
import { editPathFrom } from '../../components/edit-origin';
import '../../components/directory/directory.css';

export function StaleMembersPage() {
  const { t, i18n } = useTranslation('directory');
  usePageTitle(t('stale.title'));
  const list = useStaleMembers();
  const wards = useWards();
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const days = list.data?.pages[0]?.staleAfterDays;
  const wardName = (code: string | null) =>
    (code && wards.data?.find((ward) => ward.code === code)?.name) ?? t('common.none');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/association/members">{t('stale.backToMembers')}</Link>
      </p>
      <h1>{t('stale.title')}</h1>
      <p className="lead">{days !== undefined ? t('stale.lead', { days, count: days }) : t('stale.leadLoading')}</p>
      <ErrorAlert error={list.error} />
      <ResultCount
        isPending={list.isPending}
        isSuccess={list.isSuccess}
        count={rows.length}
        hasMore={list.hasNextPage}
        none={t('stale.none')}
        shown={t('stale.count', { count: rows.length })}
        shownMore={t('stale.countMore', { count: rows.length })}
      />
      {rows.length > 0 ? (
        <DataTable id="stale-caption" caption={t('stale.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('stale.name')}</th>
              <th scope="col">{t('stale.kind')}</th>
              <th scope="col">{t('stale.ward')}</th>
              <th scope="col">{t('stale.availability')}</th>
              <th scope="col">{t('stale.age')}</th>
              <th scope="col">{t('stale.phone')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => (
              <tr key={member.id}>
                <th scope="row">
                  <Link to={`/organizations/${member.id}`}>{member.name}</Link>
                </th>
                <td className="kind-cell" data-label={t('stale.kind')}>
                  {t(`codes.kind.${member.kind}`)}
                </td>
                <td className="nowrap" data-label={t('stale.ward')}>
                  {wardName(member.areaCode)}
                </td>
                <td data-label={t('stale.availability')}>
                  <span className="availability-cell">
                    <StatusBadge status={member.availabilityStatus} />
                    <StaleBadge />
                  </span>
                </td>
                <td data-label={t('stale.age')}>
                  {member.ageDays !== null && member.availabilityUpdatedAt ? (
                    <>
                      <span className="freshness">{t('stale.ageDays', { count: member.ageDays })}</span>
                      <br />
                      <span className="muted small">
                        {t('stale.updatedOn', { date: formatDate(member.availabilityUpdatedAt, i18n.language) })}
                      </span>
                    </>
                  ) : (
                    <span className="freshness">{t('stale.neverUpdated')}</span>
                  )}
                </td>
                <td className="nowrap" data-label={t('stale.phone')}>
                  {member.phone ? (
                    <a href={`tel:${member.phone.replace(/[^\d+]/g, '')}`}>{member.phone}</a>
                  ) : (
                    <span className="muted">{t('stale.noPhone')}</span>
                  )}
                </td>
                <td data-label={t('common.actions')}>
                  <Link to={editPathFrom(member.id, 'stale')} aria-label={t('stale.editLabel', { name: member.name })}>
                    {t('stale.edit')}
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
    </>
  );
}
