/**
 * 受入状況が古い会員 (/association/stale): the association's members whose 受入状況 is older than the configured
 * number of days (GET directory/stale) — the oldest answer first (or by name), by kind and ward, kept in the address
 * (?sort=&kind=&area=) — with its age, when the daily job last asked it to update, the phone number to call, and a
 * link to update it for them (whose page leads back here).
 */
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useWards } from '../../api/queries';
import { staleSorts, useStaleMembers, type StaleQuery, type StaleSort } from '../../api/directory';
import type { OrganizationKind } from '../../codes';
import { useCurrentUser } from '../../session';
import { formatDate, formatDateTime } from '../../format';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/DataTable';
import { LoadMore } from '../../components/LoadMore';
import { ResultCount } from '../../components/ResultCount';
import { StaleBadge } from '../../components/Badge';
import { FilterSelect } from '../../components/FilterSelect';
import { SelectField } from '../../components/SelectField';
import { StatusBadge } from '../../components/directory/ResourceBadges';
import { editPathFrom } from '../../components/edit-origin';
import { useWardName } from '../../components/public/ward-names';
import '../../components/directory/directory.css';

/**
 * The kinds that keep a 受入状況 (providerKinds of src/features/directory/freshness.repository.ts); a hospital is no
 * association's member, so only the admin is offered it.
 */
const staleKinds: readonly OrganizationKind[] = [
  'clinic',
  'hospital',
  'visiting_nursing',
  'visiting_rehab',
  'care_management',
  'home_dental',
  'home_pharmacy',
  'community_support_center',
];

const asSort = (value: string | null): StaleSort => staleSorts.find((sort) => sort === value) ?? 'oldest';
const asKind = (value: string | null) => staleKinds.find((kind) => kind === value);

export function StaleMembersPage() {
  const { t, i18n } = useTranslation('directory');
  usePageTitle(t('stale.title'));
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const query: StaleQuery = {
    sort: asSort(params.get('sort')),
    kind: asKind(params.get('kind')),
    areaCode: params.get('area') ?? undefined,
  };
  const [sort, setSort] = useState<string>(query.sort);
  const [kind, setKind] = useState<string>(query.kind ?? '');
  const [area, setArea] = useState(query.areaCode ?? '');
  const list = useStaleMembers(query);
  const wards = useWards();
  const shownWardName = useWardName();
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const days = list.data?.pages[0]?.staleAfterDays;
  const wardName = (code: string | null) => {
    const ward = code ? wards.data?.find((candidate) => candidate.code === code) : undefined;
    return ward ? shownWardName(ward) : t('common.none');
  };
  const kinds = me.role === 'admin' ? staleKinds : staleKinds.filter((code) => code !== 'hospital');
  const order = t(`stale.sort.${query.sort}`);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (sort !== 'oldest') next.set('sort', sort);
    if (kind) next.set('kind', kind);
    if (area) next.set('area', area);
    setParams(next);
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/association/members">{t('stale.backToMembers')}</Link>
      </p>
      <h1>{t('stale.title')}</h1>
      <p className="lead">{days !== undefined ? t('stale.lead', { days, count: days }) : t('stale.leadLoading')}</p>
      {days !== undefined ? <p className="muted">{t('stale.reminderNote', { days, count: days })}</p> : null}
      <form className="search-form" onSubmit={submit} role="search" aria-label={t('stale.filterLabel')}>
        <SelectField label={t('stale.sortLabel')} value={sort} onChange={(event) => setSort(event.target.value)}>
          {staleSorts.map((code) => (
            <option key={code} value={code}>
              {t(`stale.sort.${code}`)}
            </option>
          ))}
        </SelectField>
        <FilterSelect
          label={t('stale.kind')}
          value={kind}
          onChange={setKind}
          options={kinds.map((code) => ({ value: code, label: t(`codes.kind.${code}`) }))}
        />
        <FilterSelect
          label={t('stale.ward')}
          value={area}
          onChange={setArea}
          options={(wards.data ?? []).map((ward) => ({ value: ward.code, label: shownWardName(ward) }))}
        />
        <div className="search-form-actions">
          <button type="submit" className="button">
            {t('stale.apply')}
          </button>
        </div>
      </form>
      <ErrorAlert error={list.error} />
      <ResultCount
        isPending={list.isPending}
        isSuccess={list.isSuccess}
        count={rows.length}
        hasMore={list.hasNextPage}
        none={query.kind || query.areaCode ? t('stale.noneFiltered') : t('stale.none')}
        shown={t('stale.count', { count: rows.length, order })}
        shownMore={t('stale.countMore', { count: rows.length, order })}
      />
      {rows.length > 0 ? (
        <DataTable id="stale-caption" caption={t('stale.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('stale.name')}</th>
              <th scope="col">{t('stale.kind')}</th>
              <th scope="col">{t('stale.ward')}</th>
              <th scope="col">{t('stale.availability')}</th>
              <th scope="col" aria-sort={query.sort === 'oldest' ? 'ascending' : undefined}>
                {t('stale.age')}
              </th>
              <th scope="col">{t('stale.reminded')}</th>
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
                <td data-label={t('stale.reminded')}>
                  {member.lastRemindedAt ? (
                    formatDateTime(member.lastRemindedAt, i18n.language)
                  ) : (
                    <span className="muted">{t('stale.notReminded')}</span>
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
                  <Link
                    to={editPathFrom(member.id, 'stale', params.toString())}
                    aria-label={t('stale.editLabel', { name: member.name })}
                  >
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
